package dev.twasm.wasi;

/**
 * File descriptor rights ({@code $rights} in {@code typenames.witx}): bit {@code i} is the
 * {@code i}-th flag declared. Every descriptor carries base rights (what it may do) and inheriting
 * rights (the most that descriptors opened through it may get); functions check the base rights of
 * the descriptor they act on and fail with {@link Errno#NOTCAPABLE} when one is missing.
 */
public final class Rights {
    public static final long FD_DATASYNC = 1L << 0;
    public static final long FD_READ = 1L << 1;
    public static final long FD_SEEK = 1L << 2;
    public static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    public static final long FD_SYNC = 1L << 4;
    public static final long FD_TELL = 1L << 5;
    public static final long FD_WRITE = 1L << 6;
    public static final long FD_ADVISE = 1L << 7;
    public static final long FD_ALLOCATE = 1L << 8;
    public static final long PATH_CREATE_DIRECTORY = 1L << 9;
    public static final long PATH_CREATE_FILE = 1L << 10;
    public static final long PATH_LINK_SOURCE = 1L << 11;
    public static final long PATH_LINK_TARGET = 1L << 12;
    public static final long PATH_OPEN = 1L << 13;
    public static final long FD_READDIR = 1L << 14;
    public static final long PATH_READLINK = 1L << 15;
    public static final long PATH_RENAME_SOURCE = 1L << 16;
    public static final long PATH_RENAME_TARGET = 1L << 17;
    public static final long PATH_FILESTAT_GET = 1L << 18;
    public static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
    public static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
    public static final long FD_FILESTAT_GET = 1L << 21;
    public static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    public static final long FD_FILESTAT_SET_TIMES = 1L << 23;
    public static final long PATH_SYMLINK = 1L << 24;
    public static final long PATH_REMOVE_DIRECTORY = 1L << 25;
    public static final long PATH_UNLINK_FILE = 1L << 26;
    public static final long POLL_FD_READWRITE = 1L << 27;
    public static final long SOCK_SHUTDOWN = 1L << 28;
    public static final long SOCK_ACCEPT = 1L << 29;

    /** The rights that make {@code path_open} open a file for reading. */
    public static final long READING = FD_READ | FD_READDIR;
    /** The rights that make {@code path_open} open a file for writing. */
    public static final long WRITING = FD_DATASYNC | FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;

    /** The most a regular file descriptor can have. */
    public static final long REGULAR_FILE = FD_DATASYNC | FD_READ | FD_SEEK | FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_TELL | FD_WRITE | FD_ADVISE
                    | FD_ALLOCATE | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE | FD_FILESTAT_SET_TIMES | POLL_FD_READWRITE;
    /** The most a directory descriptor can have: everything about paths below it. */
    public static final long DIRECTORY = FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_DATASYNC | FD_ADVISE | PATH_CREATE_DIRECTORY | PATH_CREATE_FILE
                    | PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_OPEN | FD_READDIR | PATH_READLINK | PATH_RENAME_SOURCE | PATH_RENAME_TARGET
                    | PATH_FILESTAT_GET | PATH_FILESTAT_SET_SIZE | PATH_FILESTAT_SET_TIMES | FD_FILESTAT_GET | FD_FILESTAT_SET_TIMES
                    | PATH_SYMLINK | PATH_REMOVE_DIRECTORY | PATH_UNLINK_FILE | POLL_FD_READWRITE;
    /** Every right defined. */
    public static final long ALL = (SOCK_ACCEPT << 1) - 1;
    /**
     * What a directory passes on: anything, since the rights that do not apply to what is opened
     * are dropped then.
     */
    public static final long DIRECTORY_INHERITING = ALL;
    /** Standard input. */
    public static final long STDIN = FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    /** Standard output and error. */
    public static final long STDOUT = FD_WRITE | FD_DATASYNC | FD_SYNC | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;

    private Rights() {
    }
}
