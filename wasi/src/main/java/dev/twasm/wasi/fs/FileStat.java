package dev.twasm.wasi.fs;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.host.GuestMemory;
import dev.twasm.wasi.Abi;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file's attributes as WASI's {@code $filestat} record: device, inode, type, link count, size
 * and the three timestamps in nanoseconds. Read with {@link TruffleFile#getAttributes} without
 * following a final symbolic link (path resolution has already followed it when asked to). On a
 * file system without Unix attributes, device, inode and change time are 0 and the link count 1.
 */
public record FileStat(long dev, long ino, int fileType, long nlink, long size, long atim, long mtim, long ctim) {
    private static final List<TruffleFile.AttributeDescriptor<?>> UNIX = List.of(TruffleFile.UNIX_DEV, TruffleFile.UNIX_INODE, TruffleFile.UNIX_MODE,
                    TruffleFile.UNIX_NLINK, TruffleFile.SIZE, TruffleFile.LAST_ACCESS_TIME, TruffleFile.LAST_MODIFIED_TIME, TruffleFile.UNIX_CTIME);
    private static final List<TruffleFile.AttributeDescriptor<?>> BASIC = List.of(TruffleFile.IS_DIRECTORY, TruffleFile.IS_REGULAR_FILE,
                    TruffleFile.IS_SYMBOLIC_LINK, TruffleFile.SIZE, TruffleFile.LAST_ACCESS_TIME, TruffleFile.LAST_MODIFIED_TIME);

    // st_mode's file type bits (S_IFMT and its values)
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;

    /** The attributes of {@code file}, not following a final symbolic link. */
    public static FileStat of(TruffleFile file) throws IOException {
        try {
            TruffleFile.Attributes a = file.getAttributes(UNIX, LinkOption.NOFOLLOW_LINKS);
            return new FileStat(a.get(TruffleFile.UNIX_DEV), a.get(TruffleFile.UNIX_INODE), typeOfMode(a.get(TruffleFile.UNIX_MODE)),
                            a.get(TruffleFile.UNIX_NLINK), a.get(TruffleFile.SIZE), nanos(a.get(TruffleFile.LAST_ACCESS_TIME)),
                            nanos(a.get(TruffleFile.LAST_MODIFIED_TIME)), nanos(a.get(TruffleFile.UNIX_CTIME)));
        } catch (UnsupportedOperationException e) {
            TruffleFile.Attributes a = file.getAttributes(BASIC, LinkOption.NOFOLLOW_LINKS);
            int type = a.get(TruffleFile.IS_SYMBOLIC_LINK) ? Abi.FILETYPE_SYMBOLIC_LINK
                            : a.get(TruffleFile.IS_DIRECTORY) ? Abi.FILETYPE_DIRECTORY
                                            : a.get(TruffleFile.IS_REGULAR_FILE) ? Abi.FILETYPE_REGULAR_FILE : Abi.FILETYPE_UNKNOWN;
            return new FileStat(0, 0, type, 1, a.get(TruffleFile.SIZE), nanos(a.get(TruffleFile.LAST_ACCESS_TIME)),
                            nanos(a.get(TruffleFile.LAST_MODIFIED_TIME)), 0);
        }
    }

    /** Attributes of something that is not a file on disk (a standard stream). */
    public static FileStat ofType(int fileType, long size) {
        return new FileStat(0, 0, fileType, 1, size, 0, 0, 0);
    }

    FileStat withSize(long newSize) {
        return new FileStat(dev, ino, fileType, nlink, newSize, atim, mtim, ctim);
    }

    private static int typeOfMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> Abi.FILETYPE_DIRECTORY;
            case S_IFREG -> Abi.FILETYPE_REGULAR_FILE;
            case S_IFLNK -> Abi.FILETYPE_SYMBOLIC_LINK;
            case S_IFCHR -> Abi.FILETYPE_CHARACTER_DEVICE;
            case S_IFBLK -> Abi.FILETYPE_BLOCK_DEVICE;
            case S_IFSOCK -> Abi.FILETYPE_SOCKET_STREAM;
            default -> Abi.FILETYPE_UNKNOWN;
        };
    }

    private static long nanos(FileTime time) {
        return time == null ? 0 : time.to(TimeUnit.NANOSECONDS);
    }

    /** Stores this as a {@code $filestat} at {@code address}. */
    public void write(GuestMemory memory, int address) {
        memory.check(address, Abi.FILESTAT_SIZE);
        memory.writeI64(address + Abi.FILESTAT_DEV, dev);
        memory.writeI64(address + Abi.FILESTAT_INO, ino);
        memory.writeI64(address + Abi.FILESTAT_FILETYPE, fileType);
        memory.writeI64(address + Abi.FILESTAT_NLINK, nlink);
        memory.writeI64(address + Abi.FILESTAT_FILESIZE, size);
        memory.writeI64(address + Abi.FILESTAT_ATIM, atim);
        memory.writeI64(address + Abi.FILESTAT_MTIM, mtim);
        memory.writeI64(address + Abi.FILESTAT_CTIM, ctim);
    }
}
