package dev.twasm.wasi;

import java.io.IOException;
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

    static Errno of(Throwable e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.NOENT;
            case FileAlreadyExistsException x -> Errno.EXIST;
            case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
            case AccessDeniedException x -> Errno.ACCES;
            case NotDirectoryException x -> Errno.NOTDIR;
            case NotLinkException x -> Errno.INVAL;
            case AtomicMoveNotSupportedException x -> Errno.XDEV;
            case FileSystemLoopException x -> Errno.LOOP;
            case FileSystemException x -> reason(x.getReason());
            case ClosedChannelException x -> Errno.BADF;
            case NonReadableChannelException x -> Errno.BADF;
            case NonWritableChannelException x -> Errno.BADF;
            case SecurityException x -> Errno.NOTCAPABLE;
            case InvalidPathException x -> Errno.INVAL;
            case UnsupportedOperationException x -> Errno.NOTSUP;
            case IllegalArgumentException x -> Errno.INVAL;
            case IOException x -> Errno.IO;
            default -> Errno.IO;
        };
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
