package dev.twasm.wasi.fs;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.wasi.Errno;
import dev.twasm.wasi.ErrnoException;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path relative to a directory descriptor without ever leaving that directory:
 * the capability rule of WASI. A path is taken apart and walked one component at a time:
 * <ul>
 * <li>a path containing a NUL byte is {@code inval};</li>
 * <li>absolute paths are refused ({@code perm}, as Wasmtime, whose capability library reports an
 * escape as permission denied);</li>
 * <li>{@code .} stays, {@code ..} goes back one component, and going back past the directory
 * itself is refused ({@code perm});</li>
 * <li>a symbolic link met on the way is read and its target walked in its place, by these same
 * rules (so a link pointing outside, absolute or through {@code ..}, is refused wherever it came
 * from, including links the guest made); the final component's link is followed only when asked
 * ({@code lookupflags::symlink_follow}), and more than {@value #MAX_SYMLINKS} links is
 * {@code loop};</li>
 * <li>every component before the last must be an existing directory.</li>
 * </ul>
 * The result is a list of components under the directory, none of which (except possibly the last,
 * when not following) is a symbolic link, so the host path built from them is inside the
 * directory. Operations on the result never follow a final link ({@code NOFOLLOW_LINKS}).
 *
 * <p>This guards against the guest, which runs on one thread and cannot change the tree between
 * resolution and use; it cannot guard against another host process swapping a checked directory
 * for a link at that moment, since {@code TruffleFile} offers no descriptor-relative operations.
 */
public final class PathResolver {
    /** The most symbolic links one resolution follows (Linux's limit). */
    public static final int MAX_SYMLINKS = 40;

    private PathResolver() {
    }

    /**
     * Resolves {@code path} under the directory {@code root}.
     *
     * @param separator the host file system's name separator, which a component may not contain
     */
    public static ResolvedPath resolve(TruffleFile root, String path, boolean followFinal, String separator) throws ErrnoException, IOException {
        if (path.isEmpty()) {
            throw Errno.NOENT.error();
        }
        if (path.indexOf('\0') >= 0) {
            throw Errno.INVAL.error();
        }
        if (path.startsWith("/")) {
            throw Errno.PERM.error();
        }
        Deque<String> pending = new ArrayDeque<>(components(path));
        boolean mustBeDirectory = path.endsWith("/");
        List<String> resolved = new ArrayList<>();
        boolean namesEntry = false;
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.pollFirst();
            boolean last = pending.isEmpty();
            namesEntry = false;
            if (component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (resolved.isEmpty()) {
                    throw Errno.PERM.error();
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            if (!separator.equals("/") && component.contains(separator)) {
                throw Errno.NOTCAPABLE.error();
            }
            TruffleFile file = file(root, resolved).resolve(component);
            if ((!last || followFinal || mustBeDirectory) && file.isSymbolicLink()) {
                if (++links > MAX_SYMLINKS) {
                    throw Errno.LOOP.error();
                }
                String target = file.readSymbolicLink().getPath();
                if (target.isEmpty()) {
                    throw Errno.NOENT.error();
                }
                if (target.startsWith("/")) {
                    throw Errno.PERM.error();
                }
                if (last && target.endsWith("/")) {
                    mustBeDirectory = true;
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            if (!last) {
                if (!file.exists(LinkOption.NOFOLLOW_LINKS)) {
                    throw Errno.NOENT.error();
                }
                if (!file.isDirectory(LinkOption.NOFOLLOW_LINKS)) {
                    throw Errno.NOTDIR.error();
                }
            }
            resolved.add(component);
            namesEntry = true;
        }
        return new ResolvedPath(root, List.copyOf(resolved), namesEntry, mustBeDirectory);
    }

    /** The non-empty components of a path ({@code a//b/} has two). */
    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    static TruffleFile file(TruffleFile root, List<String> components) {
        TruffleFile file = root;
        for (String component : components) {
            file = file.resolve(component);
        }
        return file;
    }
}
