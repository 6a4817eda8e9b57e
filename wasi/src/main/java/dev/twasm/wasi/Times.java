package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Setting a file's access and modification times as {@code fd_filestat_set_times} and
 * {@code path_filestat_set_times} do ({@code futimens}/{@code utimensat}): each time is left alone,
 * set to the given nanoseconds ({@code fstflags::atim}, {@code mtim}) or to now ({@code atim_now},
 * {@code mtim_now}); asking for both a value and now is {@code inval}.
 */
final class Times {
    private Times() {
    }

    static void set(TruffleFile file, long atim, long mtim, int fstFlags) throws ErrnoException, IOException {
        int known = Abi.FST_ATIM | Abi.FST_ATIM_NOW | Abi.FST_MTIM | Abi.FST_MTIM_NOW;
        if ((fstFlags & ~known) != 0 || both(fstFlags, Abi.FST_ATIM | Abi.FST_ATIM_NOW) || both(fstFlags, Abi.FST_MTIM | Abi.FST_MTIM_NOW)) {
            throw Errno.INVAL.error();
        }
        FileTime now = FileTime.from(Instant.now());
        FileTime access = time(fstFlags, Abi.FST_ATIM, Abi.FST_ATIM_NOW, atim, now);
        FileTime modification = time(fstFlags, Abi.FST_MTIM, Abi.FST_MTIM_NOW, mtim, now);
        if (access != null) {
            file.setLastAccessTime(access, LinkOption.NOFOLLOW_LINKS);
        }
        if (modification != null) {
            file.setLastModifiedTime(modification, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean both(int flags, int pair) {
        return (flags & pair) == pair;
    }

    private static FileTime time(int flags, int given, int current, long nanos, FileTime now) {
        if ((flags & given) != 0) {
            return FileTime.from(nanos, TimeUnit.NANOSECONDS);
        }
        return (flags & current) != 0 ? now : null;
    }
}
