package dev.twasm.wasi;

/**
 * The numbers and memory layouts of wasi_snapshot_preview1's types ({@code typenames.witx}) other
 * than errno and rights: enum tags, flag bits, and the size and field offsets of each record as
 * laid out in linear memory (little-endian, C alignment). One place, so that each function's code
 * reads as the witx does.
 */
public final class Abi {
    // $filetype (u8)
    public static final int FILETYPE_UNKNOWN = 0;
    public static final int FILETYPE_BLOCK_DEVICE = 1;
    public static final int FILETYPE_CHARACTER_DEVICE = 2;
    public static final int FILETYPE_DIRECTORY = 3;
    public static final int FILETYPE_REGULAR_FILE = 4;
    public static final int FILETYPE_SOCKET_DGRAM = 5;
    public static final int FILETYPE_SOCKET_STREAM = 6;
    public static final int FILETYPE_SYMBOLIC_LINK = 7;

    // $clockid (u32)
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME = 2;
    public static final int CLOCK_THREAD_CPUTIME = 3;

    // $whence (u8)
    public static final int WHENCE_SET = 0;
    public static final int WHENCE_CUR = 1;
    public static final int WHENCE_END = 2;

    // $advice (u8): normal .. noreuse
    public static final int ADVICE_LAST = 5;

    // $fdflags (u16)
    public static final int FDFLAG_APPEND = 1;
    public static final int FDFLAG_DSYNC = 2;
    public static final int FDFLAG_NONBLOCK = 4;
    public static final int FDFLAG_RSYNC = 8;
    public static final int FDFLAG_SYNC = 16;
    public static final int FDFLAGS_ALL = 31;

    // $fstflags (u16)
    public static final int FST_ATIM = 1;
    public static final int FST_ATIM_NOW = 2;
    public static final int FST_MTIM = 4;
    public static final int FST_MTIM_NOW = 8;

    // $lookupflags (u32)
    public static final int LOOKUP_SYMLINK_FOLLOW = 1;

    // $oflags (u16)
    public static final int O_CREAT = 1;
    public static final int O_DIRECTORY = 2;
    public static final int O_EXCL = 4;
    public static final int O_TRUNC = 8;

    // $eventtype (u8)
    public static final int EVENTTYPE_CLOCK = 0;
    public static final int EVENTTYPE_FD_READ = 1;
    public static final int EVENTTYPE_FD_WRITE = 2;

    // $subclockflags (u16)
    public static final int SUBSCRIPTION_CLOCK_ABSTIME = 1;

    // $preopentype (u8)
    public static final int PREOPENTYPE_DIR = 0;

    // $iovec / $ciovec: buf (u32 pointer), buf_len (u32)
    public static final int IOVEC_SIZE = 8;

    // $fdstat
    public static final int FDSTAT_SIZE = 24;
    public static final int FDSTAT_FILETYPE = 0;
    public static final int FDSTAT_FLAGS = 2;
    public static final int FDSTAT_RIGHTS_BASE = 8;
    public static final int FDSTAT_RIGHTS_INHERITING = 16;

    // $filestat
    public static final int FILESTAT_SIZE = 64;
    public static final int FILESTAT_DEV = 0;
    public static final int FILESTAT_INO = 8;
    public static final int FILESTAT_FILETYPE = 16;
    public static final int FILESTAT_NLINK = 24;
    public static final int FILESTAT_FILESIZE = 32;
    public static final int FILESTAT_ATIM = 40;
    public static final int FILESTAT_MTIM = 48;
    public static final int FILESTAT_CTIM = 56;

    // $dirent, followed by d_namlen bytes of name
    public static final int DIRENT_SIZE = 24;
    public static final int DIRENT_NEXT = 0;
    public static final int DIRENT_INO = 8;
    public static final int DIRENT_NAMLEN = 16;
    public static final int DIRENT_TYPE = 20;

    // $prestat: tag (u8), then $prestat_dir.pr_name_len (u32)
    public static final int PRESTAT_SIZE = 8;
    public static final int PRESTAT_NAME_LEN = 4;

    // $subscription: userdata (u64), then the union: tag (u8) at 8, contents at 16
    public static final int SUBSCRIPTION_SIZE = 48;
    public static final int SUBSCRIPTION_USERDATA = 0;
    public static final int SUBSCRIPTION_TAG = 8;
    public static final int SUBSCRIPTION_CLOCK_ID = 16;
    public static final int SUBSCRIPTION_CLOCK_TIMEOUT = 24;
    public static final int SUBSCRIPTION_CLOCK_PRECISION = 32;
    public static final int SUBSCRIPTION_CLOCK_FLAGS = 40;
    public static final int SUBSCRIPTION_FD = 16;

    // $event
    public static final int EVENT_SIZE = 32;
    public static final int EVENT_USERDATA = 0;
    public static final int EVENT_ERROR = 8;
    public static final int EVENT_TYPE = 10;
    public static final int EVENT_NBYTES = 16;
    public static final int EVENT_FLAGS = 24;

    private Abi() {
    }
}
