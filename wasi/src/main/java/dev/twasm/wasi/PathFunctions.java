package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.host.GuestMemory;
import dev.twasm.wasi.fs.DirectoryDescriptor;
import dev.twasm.wasi.fs.FileDescriptor;
import dev.twasm.wasi.fs.FileStat;
import dev.twasm.wasi.fs.ResolvedPath;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The path family of wasi_snapshot_preview1: every {@code path_*} function, each the POSIX
 * {@code *at} call of the same name relative to a directory descriptor. Every path goes through
 * {@link DirectoryDescriptor#resolve} and so stays inside that directory; a final symbolic link is
 * followed only where the function's {@code lookupflags} ask for it, and acted on as a link
 * otherwise.
 */
final class PathFunctions {
    static final List<WasiFunction> FUNCTIONS = List.of(
                    WasiFunction.of("path_open", "iiiiiIIir", PathFunctions::open),
                    WasiFunction.of("path_create_directory", "iii", PathFunctions::createDirectory),
                    WasiFunction.of("path_remove_directory", "iii", PathFunctions::removeDirectory),
                    WasiFunction.of("path_unlink_file", "iii", PathFunctions::unlinkFile),
                    WasiFunction.of("path_filestat_get", "iiiii", c -> {
                        FileStat.of(existing(c, Rights.PATH_FILESTAT_GET).file()).write(c.memory(), c.i32(4));
                        return 0;
                    }),
                    WasiFunction.of("path_filestat_set_times", "iiiiIIi", c -> {
                        Times.set(existing(c, Rights.PATH_FILESTAT_SET_TIMES).file(), c.i64(4), c.i64(5), c.i32(6));
                        return 0;
                    }),
                    WasiFunction.of("path_readlink", "iiiiir", PathFunctions::readlink),
                    WasiFunction.of("path_symlink", "iiiii", PathFunctions::symlink),
                    WasiFunction.of("path_link", "iiiiiii", PathFunctions::link),
                    WasiFunction.of("path_rename", "iiiiii", PathFunctions::rename));

    private PathFunctions() {
    }

    private static boolean follow(int lookupFlags) {
        return (lookupFlags & Abi.LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    /** {@code (fd, path, path_len)} resolved without following a final link. */
    private static ResolvedPath entry(Call c, long rights) throws ErrnoException, IOException {
        return c.directory(0, rights).resolve(c.string(1), false);
    }

    /** {@code (fd, lookupflags, path, path_len)} resolved, and something must be there. */
    private static ResolvedPath existing(Call c, long rights) throws ErrnoException, IOException {
        ResolvedPath path = c.directory(0, rights).resolve(c.string(2), follow(c.i32(1)));
        if (!path.exists()) {
            throw Errno.NOENT.error();
        }
        if (path.mustBeDirectory() && !path.isDirectory()) {
            throw Errno.NOTDIR.error();
        }
        return path;
    }

    /** Checks that nothing is at {@code path}, where a new entry is to be made. */
    private static void requireFree(ResolvedPath path) throws ErrnoException {
        if (!path.namesEntry() || path.exists()) {
            throw Errno.EXIST.error();
        }
    }

    /**
     * Checks that a link ({@code path_symlink}, {@code path_link}) may be made at {@code path}: a
     * name with a trailing slash names a directory, which a link is not, so it is {@code noent}
     * when nothing is there, {@code notdir} at a file and {@code exist} at a directory (Linux's
     * {@code symlinkat} and {@code linkat}, and Wasmtime).
     */
    private static void requireFreeName(ResolvedPath path) throws ErrnoException {
        if (path.mustBeDirectory() && path.namesEntry()) {
            if (!path.exists()) {
                throw Errno.NOENT.error();
            }
            if (!path.isDirectory()) {
                throw Errno.NOTDIR.error();
            }
        }
        requireFree(path);
    }

    /**
     * {@code (fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting, fdflags, *fd)}.
     * The requested rights must be among the directory's inheriting rights; the new descriptor gets
     * those that apply to what was opened. A file opens for reading and/or writing according to the
     * requested rights, as wasi-libc derives them from {@code O_RDONLY}/{@code O_WRONLY}/{@code O_RDWR}.
     */
    private static int open(Call c) throws ErrnoException, IOException {
        int oflags = c.i32(4);
        long base = c.i64(5);
        long inheriting = c.i64(6);
        int fdflags = c.i32(7);
        boolean create = (oflags & Abi.O_CREAT) != 0;
        boolean exclusive = (oflags & Abi.O_EXCL) != 0;
        boolean truncate = (oflags & Abi.O_TRUNC) != 0;
        DirectoryDescriptor directory = c.directoryToOpenIn(0, Rights.PATH_OPEN | (create ? Rights.PATH_CREATE_FILE : 0)
                        | (truncate ? Rights.PATH_FILESTAT_SET_SIZE : 0));
        if ((base & ~directory.rightsInheriting()) != 0 || (inheriting & ~directory.rightsInheriting()) != 0) {
            throw Errno.NOTCAPABLE.error();
        }
        if ((oflags & ~(Abi.O_CREAT | Abi.O_DIRECTORY | Abi.O_EXCL | Abi.O_TRUNC)) != 0 || (fdflags & ~Abi.FDFLAGS_ALL) != 0) {
            throw Errno.INVAL.error();
        }
        if ((oflags & Abi.O_DIRECTORY) != 0 && (oflags & (Abi.O_CREAT | Abi.O_EXCL | Abi.O_TRUNC)) != 0) {
            // A directory is neither created, nor truncated, by path_open (Wasmtime).
            throw Errno.INVAL.error();
        }
        ResolvedPath path = directory.resolve(c.string(2), follow(c.i32(1)) && !(create && exclusive));
        boolean exists = path.exists();
        if (exists && create && exclusive) {
            throw Errno.EXIST.error();
        }
        if (exists && path.isSymbolicLink()) {
            throw Errno.LOOP.error();
        }
        boolean isDirectory = exists && path.isDirectory();
        boolean writing = (base & Rights.WRITING) != 0;
        if ((oflags & Abi.O_DIRECTORY) != 0 || path.mustBeDirectory()) {
            if (!exists) {
                throw (create ? Errno.ISDIR : Errno.NOENT).error();
            }
            if (!isDirectory) {
                throw Errno.NOTDIR.error();
            }
        }
        if (isDirectory) {
            // A directory cannot be written: fd_write among the rights asks to (Wasmtime's rule; other write rights do not count).
            if (truncate || (base & Rights.FD_WRITE) != 0) {
                throw Errno.ISDIR.error();
            }
            c.resultI32(8, c.wasi.fds.add(directory.open(path, base & Rights.DIRECTORY, inheriting & Rights.DIRECTORY_INHERITING)));
            return 0;
        }
        if (!exists && !create) {
            throw Errno.NOENT.error();
        }
        TruffleFile file = path.file();
        SeekableByteChannel channel = openChannel(file, exists, create, truncate, writing, (base & Rights.READING) != 0);
        int fd;
        try {
            int type = FileStat.of(file).fileType();
            fd = c.wasi.fds.add(new FileDescriptor(channel, file, type, base & Rights.REGULAR_FILE, inheriting & Rights.REGULAR_FILE, fdflags));
        } catch (ErrnoException | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        c.resultI32(8, fd);
        return 0;
    }

    /**
     * Opens a file as {@code open(2)} would with these flags. Java creates and truncates only files
     * opened for writing, so a read-only {@code O_CREAT} or {@code O_TRUNC} is done first, separately.
     */
    private static SeekableByteChannel openChannel(TruffleFile file, boolean exists, boolean create, boolean truncate, boolean writing, boolean reading)
                    throws IOException {
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (writing) {
            options.add(StandardOpenOption.WRITE);
            if (create) {
                options.add(StandardOpenOption.CREATE);
            }
            if (truncate) {
                options.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        } else {
            if (create && !exists) {
                file.createFile();
            } else if (truncate) {
                file.newByteChannel(Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)).close();
            }
        }
        if (reading || !writing) {
            options.add(StandardOpenOption.READ);
        }
        return file.newByteChannel(options);
    }

    private static int createDirectory(Call c) throws ErrnoException, IOException {
        ResolvedPath path = entry(c, Rights.PATH_CREATE_DIRECTORY);
        requireFree(path);
        path.file().createDirectory();
        return 0;
    }

    private static int removeDirectory(Call c) throws ErrnoException, IOException {
        ResolvedPath path = entry(c, Rights.PATH_REMOVE_DIRECTORY);
        if (!path.namesEntry()) {
            throw Errno.INVAL.error();
        }
        if (!path.exists()) {
            throw Errno.NOENT.error();
        }
        if (!path.isDirectory()) {
            throw Errno.NOTDIR.error();
        }
        path.file().delete();
        return 0;
    }

    private static int unlinkFile(Call c) throws ErrnoException, IOException {
        ResolvedPath path = entry(c, Rights.PATH_UNLINK_FILE);
        if (!path.namesEntry() || path.isDirectory()) {
            throw Errno.ISDIR.error();
        }
        if (!path.exists()) {
            throw Errno.NOENT.error();
        }
        if (path.mustBeDirectory()) {
            throw Errno.NOTDIR.error();
        }
        path.file().delete();
        return 0;
    }

    /** {@code (fd, path, path_len, buf, buf_len, *bufused)}: the link's contents, cut to the buffer, without a NUL. */
    private static int readlink(Call c) throws ErrnoException, IOException {
        ResolvedPath path = entry(c, Rights.PATH_READLINK);
        GuestMemory memory = c.memory();
        int buffer = memory.check(c.i32(3), c.i32(4));
        if (!path.exists()) {
            throw Errno.NOENT.error();
        }
        if (path.mustBeDirectory() && !path.isDirectory()) {
            // "link/" follows the link and needs a directory there (Linux's readlinkat)
            throw Errno.NOTDIR.error();
        }
        if (!path.isSymbolicLink()) {
            throw Errno.INVAL.error();
        }
        String contents = path.file().readSymbolicLink().getPath();
        if (contents.startsWith("/")) {
            // Wasmtime shows no absolute target: it names a place outside every granted directory.
            throw Errno.PERM.error();
        }
        byte[] target = contents.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(target.length, Integer.toUnsignedLong(c.i32(4)));
        memory.write(buffer, java.util.Arrays.copyOf(target, length));
        c.resultI32(5, length);
        return 0;
    }

    /**
     * {@code (old_path, old_path_len, fd, new_path, new_path_len)}: a link at new_path whose contents
     * are old_path, whatever they say; path resolution refuses to follow it out of a directory later.
     */
    private static int symlink(Call c) throws ErrnoException, IOException {
        String target = c.string(0);
        ResolvedPath path = c.directory(2, Rights.PATH_SYMLINK).resolve(c.string(3), false);
        requireFreeName(path);
        if (target.isEmpty()) {
            throw Errno.NOENT.error();
        }
        if (target.startsWith("/")) {
            // Wasmtime refuses to make a link that could only ever lead outside.
            throw Errno.PERM.error();
        }
        path.file().createSymbolicLink(c.wasi.env.getPublicTruffleFile(target));
        return 0;
    }

    /** {@code (old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)}: a hard link. */
    private static int link(Call c) throws ErrnoException, IOException {
        if (follow(c.i32(1))) {
            // As Wasmtime: a hard link to a link's target is not offered (linkat's AT_SYMLINK_FOLLOW).
            throw Errno.INVAL.error();
        }
        ResolvedPath existing = existing(c, Rights.PATH_LINK_SOURCE);
        ResolvedPath path = c.directory(4, Rights.PATH_LINK_TARGET).resolve(c.string(5), false);
        if (existing.isDirectory()) {
            throw Errno.PERM.error();
        }
        requireFreeName(path);
        path.file().createLink(existing.file());
        return 0;
    }

    /**
     * {@code (fd, old_path, old_path_len, new_fd, new_path, new_path_len)}: {@code rename(2)},
     * replacing what is at the new path when the kinds agree (a file, or an empty directory).
     */
    private static int rename(Call c) throws ErrnoException, IOException {
        ResolvedPath from = entry(c, Rights.PATH_RENAME_SOURCE);
        ResolvedPath to = c.directory(3, Rights.PATH_RENAME_TARGET).resolve(c.string(4), false);
        if (!from.namesEntry() || !to.namesEntry()) {
            throw Errno.INVAL.error();
        }
        if (!from.exists()) {
            throw Errno.NOENT.error();
        }
        TruffleFile source = from.file();
        TruffleFile target = to.file();
        boolean directory = from.isDirectory();
        if (to.exists()) {
            if (directory && !to.isDirectory()) {
                throw Errno.NOTDIR.error();
            }
            if (!directory && to.isDirectory()) {
                throw Errno.ISDIR.error();
            }
        }
        if (!directory && (from.mustBeDirectory() || to.mustBeDirectory())) {
            throw Errno.NOTDIR.error();
        }
        if (source.equals(target)) {
            return 0;
        }
        if (directory && target.startsWith(source)) {
            throw Errno.INVAL.error();
        }
        source.move(target, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }
}
