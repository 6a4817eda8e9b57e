package dev.twasm.wasi.fs;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.wasi.Errno;
import dev.twasm.wasi.ErrnoException;

import java.nio.file.LinkOption;
import java.util.List;

/**
 * A path resolved by {@link PathResolver}: components under a directory descriptor's directory.
 *
 * @param namesEntry whether the path's last component named an entry (it may not exist yet), as
 *            opposed to {@code .}, {@code ..} or nothing, which name a directory itself; only an
 *            entry can be created, removed or renamed
 * @param mustBeDirectory the path ended with {@code /}
 */
public record ResolvedPath(TruffleFile root, List<String> components, boolean namesEntry, boolean mustBeDirectory) {
    /** The host file. */
    public TruffleFile file() {
        return PathResolver.file(root, components);
    }

    /** Whether something (a dangling link included) exists at the path. */
    public boolean exists() {
        return file().exists(LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isDirectory() {
        return file().isDirectory(LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isSymbolicLink() {
        return file().isSymbolicLink();
    }

    /**
     * Checks that this path can name a new entry: it names one, and with a trailing slash only a
     * directory.
     */
    public void requireEntry(Errno ifNot) throws ErrnoException {
        if (!namesEntry) {
            throw ifNot.error();
        }
    }
}
