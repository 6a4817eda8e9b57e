package dev.twasm.wasi;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.List;
import java.util.Map;

/**
 * The errno for a Java exception from file access. Java names only some POSIX errors with an
 * exception class; for the others its {@link FileSystemException} carries the C library's message
 * ({@code strerror}), which is matched against the English texts of glibc. Functions check the
 * common cases themselves first, so this table matters only for the rare ones; anything unknown is
 * {@code io}.
 *
 * <p>A {@link SecurityException} is the embedder's IO policy refusing the operation:
 * {@code notcapable}.
 */
final class IoErrors {
    private static final Map<String, Errno> REASONS = Map.ofEntries(
                    Map.entry("No such file or directory", Errno.NOENT),
                    Map.entry("File exists", Errno.EXIST),
                    Map.entry("Not a directory", Errno.NOTDIR),
                    Map.entry("Is a directory", Errno.ISDIR),
                    Map.entry("Directory not empty", Errno.NOTEMPTY),
                    Map.entry("Invalid cross-device link", Errno.XDEV),
                    Map.entry("Too many levels of symbolic links", Errno.LOOP),
                    Map.entry("Permission denied", Errno.ACCES),
                    Map.entry("Operation not permitted", Errno.PERM),
                    Map.entry("Read-only file system", Errno.ROFS),
                    Map.entry("No space left on device", Errno.NOSPC),
                    Map.entry("Disk quota exceeded", Errno.DQUOT),
                    Map.entry("Device or resource busy", Errno.BUSY),
                    Map.entry("Invalid argument", Errno.INVAL),
                    Map.entry("File name too long", Errno.NAMETOOLONG),
                    Map.entry("Too many links", Errno.MLINK),
                    Map.entry("File too large", Errno.FBIG),
                    Map.entry("Text file busy", Errno.TXTBSY),
                    Map.entry("Too many open files", Errno.MFILE),
                    Map.entry("Too many open files in system", Errno.NFILE),
                    Map.entry("Operation not supported", Errno.NOTSUP),
                    Map.entry("No such device or address", Errno.NXIO),
                    Map.entry("No such device", Errno.NODEV),
                    Map.entry("Bad file descriptor", Errno.BADF),
                    Map.entry("Input/output error", Errno.IO));

    private IoErrors() {
    }

    /** Exception classes and their errno, most specific first. */
    private static final List<Map.Entry<Class<? extends Throwable>, Errno>> CLASSES = List.of(
                    Map.entry(NoSuchFileException.class, Errno.NOENT),
                    Map.entry(FileAlreadyExistsException.class, Errno.EXIST),
                    Map.entry(DirectoryNotEmptyException.class, Errno.NOTEMPTY),
                    Map.entry(AccessDeniedException.class, Errno.ACCES),
                    Map.entry(NotDirectoryException.class, Errno.NOTDIR),
                    Map.entry(NotLinkException.class, Errno.INVAL),
                    Map.entry(AtomicMoveNotSupportedException.class, Errno.XDEV),
                    Map.entry(FileSystemLoopException.class, Errno.LOOP),
                    Map.entry(ClosedChannelException.class, Errno.BADF),
                    Map.entry(NonReadableChannelException.class, Errno.BADF),
                    Map.entry(NonWritableChannelException.class, Errno.BADF),
                    Map.entry(SecurityException.class, Errno.NOTCAPABLE),
                    Map.entry(InvalidPathException.class, Errno.INVAL),
                    Map.entry(UnsupportedOperationException.class, Errno.NOTSUP),
                    Map.entry(IllegalArgumentException.class, Errno.INVAL));

    static Errno of(Throwable e) {
        for (Map.Entry<Class<? extends Throwable>, Errno> entry : CLASSES) {
            if (entry.getKey().isInstance(e)) {
                return entry.getValue();
            }
        }
        return e instanceof FileSystemException x ? reason(x.getReason()) : Errno.IO;
    }

    private static Errno reason(String reason) {
        if (reason == null) {
            return Errno.IO;
        }
        Errno exact = REASONS.get(reason);
        if (exact != null) {
            return exact;
        }
        // Java appends detail to some messages ("... or unable to access attributes of symbolic link").
        String longest = "";
        for (String known : REASONS.keySet()) {
            if (reason.startsWith(known + " ") && known.length() > longest.length()) {
                longest = known;
            }
        }
        return longest.isEmpty() ? Errno.IO : REASONS.get(longest);
    }
}
