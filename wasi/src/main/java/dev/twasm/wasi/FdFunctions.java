package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.host.GuestMemory;
import dev.twasm.wasi.fs.Descriptor;
import dev.twasm.wasi.fs.DirectoryDescriptor;
import dev.twasm.wasi.fs.FileDescriptor;
import dev.twasm.wasi.fs.StreamDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptor family of wasi_snapshot_preview1: every {@code fd_*} function. Each checks the
 * rights its witx documentation names on the descriptor it acts on, then asks the
 * {@link Descriptor} to do what POSIX's namesake does ({@code readv}, {@code pwritev},
 * {@code lseek}, {@code ftruncate}, {@code futimens}, ...).
 */
final class FdFunctions {
    /** The most buffers one scatter/gather call takes (POSIX's {@code IOV_MAX} on Linux). */
    static final int IOV_MAX = 1024;

    static final List<WasiFunction> FUNCTIONS = List.of(
                    WasiFunction.of("fd_read", "iiir", c -> transfer(c, Rights.FD_READ, -1)),
                    WasiFunction.of("fd_write", "iiir", c -> transfer(c, Rights.FD_WRITE, -1)),
                    WasiFunction.of("fd_pread", "iiiIr", c -> transfer(c, Rights.FD_READ | Rights.FD_SEEK, offset(c.i64(3)))),
                    WasiFunction.of("fd_pwrite", "iiiIr", c -> transfer(c, Rights.FD_WRITE | Rights.FD_SEEK, offset(c.i64(3)))),
                    WasiFunction.of("fd_seek", "iIiR", FdFunctions::seek),
                    WasiFunction.of("fd_tell", "iR", c -> {
                        c.resultI64(1, seekable(c, true).seek(0, Abi.WHENCE_CUR));
                        return 0;
                    }),
                    WasiFunction.of("fd_close", "i", c -> {
                        c.wasi.fds.close(c.i32(0));
                        return 0;
                    }),
                    WasiFunction.of("fd_renumber", "ii", c -> {
                        c.wasi.fds.renumber(c.i32(0), c.i32(1));
                        return 0;
                    }),
                    // TruffleFile's channels write through to the operating system but cannot force it to disk.
                    WasiFunction.of("fd_sync", "i", c -> checked(c, Rights.FD_SYNC)),
                    WasiFunction.of("fd_datasync", "i", c -> checked(c, Rights.FD_DATASYNC)),
                    WasiFunction.of("fd_advise", "iIIi", c -> {
                        c.fd(0, Rights.FD_ADVISE);
                        return c.i32(3) < 0 || c.i32(3) > Abi.ADVICE_LAST ? Errno.INVAL.code() : 0;
                    }),
                    WasiFunction.of("fd_allocate", "iII", FdFunctions::allocate),
                    WasiFunction.of("fd_fdstat_get", "ii", FdFunctions::fdstatGet),
                    WasiFunction.of("fd_fdstat_set_flags", "ii", FdFunctions::fdstatSetFlags),
                    WasiFunction.of("fd_fdstat_set_rights", "iII", FdFunctions::fdstatSetRights),
                    WasiFunction.of("fd_filestat_get", "ii", c -> {
                        c.fd(0, Rights.FD_FILESTAT_GET).stat().write(c.memory(), c.i32(1));
                        return 0;
                    }),
                    WasiFunction.of("fd_filestat_set_size", "iI", c -> {
                        file(c, Rights.FD_FILESTAT_SET_SIZE).setSize(offset(c.i64(1)));
                        return 0;
                    }),
                    WasiFunction.of("fd_filestat_set_times", "iIIi", FdFunctions::filestatSetTimes),
                    WasiFunction.of("fd_prestat_get", "ii", FdFunctions::prestatGet),
                    WasiFunction.of("fd_prestat_dir_name", "iii", FdFunctions::prestatDirName),
                    WasiFunction.of("fd_readdir", "iiiIr", FdFunctions::readdir));

    private FdFunctions() {
    }

    /** A file offset or size from the guest ({@code u64}): beyond what Java files address is {@code inval}. */
    static long offset(long value) throws ErrnoException {
        if (value < 0) {
            throw Errno.INVAL.error();
        }
        return value;
    }

    private static int checked(Call c, long rights) throws ErrnoException {
        c.fd(0, rights);
        return 0;
    }

    private static FileDescriptor file(Call c, long rights) throws ErrnoException {
        if (c.fd(0, rights) instanceof FileDescriptor file) {
            return file;
        }
        throw Errno.INVAL.error();
    }

    /** The buffers of the {@code iovec} array whose address and length are parameters 1 and 2, all checked first. */
    private static List<ByteBuffer> buffers(Call c) throws ErrnoException {
        GuestMemory memory = c.memory();
        int count = c.i32(2);
        int address = memory.checkArray(c.i32(1), count, Abi.IOVEC_SIZE);
        if (Integer.compareUnsigned(count, IOV_MAX) > 0) {
            throw Errno.INVAL.error();
        }
        List<ByteBuffer> buffers = new ArrayList<>(count);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int base = memory.readI32(address + i * Abi.IOVEC_SIZE);
            int length = memory.readI32(address + i * Abi.IOVEC_SIZE + 4);
            buffers.addAll(memory.slices(base, length));
            total += Integer.toUnsignedLong(length);
        }
        if (total > Integer.MAX_VALUE) {
            throw Errno.INVAL.error();
        }
        return buffers;
    }

    /**
     * {@code fd_read}, {@code fd_write}, {@code fd_pread}, {@code fd_pwrite}: moves bytes between the
     * descriptor and the buffers in order, at the current position ({@code offset} -1) or at
     * {@code offset}, and stores the count through parameter 3 (or 4 with an offset). A read stops at
     * the first buffer it cannot fill, as {@code readv} does, and does not wait for more input
     * from a stream once it has some.
     */
    private static int transfer(Call c, long rights, long offset) throws ErrnoException, IOException {
        Descriptor descriptor = c.fd(0, rights);
        boolean reading = (rights & Rights.FD_READ) != 0;
        long done = 0;
        for (ByteBuffer buffer : buffers(c)) {
            int length = buffer.remaining();
            if (reading) {
                if (done > 0 && descriptor instanceof StreamDescriptor && descriptor.readableBytes() <= 0) {
                    break;
                }
                int read = offset < 0 ? descriptor.read(buffer) : descriptor.pread(buffer, offset + done);
                done += read;
                if (read < length) {
                    break;
                }
            } else {
                if (offset < 0) {
                    descriptor.write(buffer);
                } else {
                    descriptor.pwrite(buffer, offset + done);
                }
                done += length;
            }
        }
        c.resultI32(offset < 0 ? 3 : 4, (int) done);
        return 0;
    }

    /** {@code (fd, offset: filedelta, whence, *newoffset)}. */
    private static int seek(Call c) throws ErrnoException, IOException {
        long offset = c.i64(1);
        int whence = c.i32(2);
        c.resultI64(3, seekable(c, offset == 0 && whence == Abi.WHENCE_CUR).seek(offset, whence));
        return 0;
    }

    /** Descriptor parameter 0, which may seek: {@code fd_seek} implies {@code fd_tell}, which is enough to only {@code tell}. */
    private static Descriptor seekable(Call c, boolean tell) throws ErrnoException {
        Descriptor descriptor = c.wasi.fds.get(c.i32(0));
        if ((descriptor.rightsBase() & (Rights.FD_SEEK | (tell ? Rights.FD_TELL : 0))) == 0) {
            throw Errno.NOTCAPABLE.error();
        }
        return descriptor;
    }

    /** {@code (fd, offset, len)}: the file is at least {@code offset + len} bytes long afterwards. */
    private static int allocate(Call c) throws ErrnoException, IOException {
        FileDescriptor file = file(c, Rights.FD_ALLOCATE);
        long end = offset(c.i64(1)) + offset(c.i64(2));
        if (end < 0) {
            throw Errno.FBIG.error();
        }
        if (end > file.size()) {
            file.setSize(end);
        }
        return 0;
    }

    private static int fdstatGet(Call c) throws ErrnoException {
        Descriptor descriptor = c.wasi.fds.get(c.i32(0));
        GuestMemory memory = c.memory();
        int address = memory.check(c.i32(1), Abi.FDSTAT_SIZE);
        memory.writeI8(address + Abi.FDSTAT_FILETYPE, descriptor.fileType());
        memory.writeI8(address + Abi.FDSTAT_FILETYPE + 1, 0);
        memory.writeI16(address + Abi.FDSTAT_FLAGS, descriptor.flags());
        memory.writeI32(address + Abi.FDSTAT_FLAGS + 2, 0);
        memory.writeI64(address + Abi.FDSTAT_RIGHTS_BASE, descriptor.rightsBase());
        memory.writeI64(address + Abi.FDSTAT_RIGHTS_INHERITING, descriptor.rightsInheriting());
        return 0;
    }

    private static int fdstatSetFlags(Call c) throws ErrnoException {
        Descriptor descriptor = c.fd(0, Rights.FD_FDSTAT_SET_FLAGS);
        int flags = c.i32(1);
        if ((flags & ~Abi.FDFLAGS_ALL) != 0) {
            throw Errno.INVAL.error();
        }
        descriptor.setFlags(flags);
        return 0;
    }

    /** Rights can only be dropped. */
    private static int fdstatSetRights(Call c) throws ErrnoException {
        Descriptor descriptor = c.wasi.fds.get(c.i32(0));
        long base = c.i64(1);
        long inheriting = c.i64(2);
        if ((base & ~descriptor.rightsBase()) != 0 || (inheriting & ~descriptor.rightsInheriting()) != 0) {
            throw Errno.NOTCAPABLE.error();
        }
        descriptor.setRights(base, inheriting);
        return 0;
    }

    private static int filestatSetTimes(Call c) throws ErrnoException, IOException {
        TruffleFile target = switch (c.fd(0, Rights.FD_FILESTAT_SET_TIMES)) {
            case FileDescriptor file -> file.file();
            case DirectoryDescriptor directory -> directory.directory();
            default -> throw Errno.BADF.error();
        };
        Times.set(target, c.i64(1), c.i64(2), c.i32(3));
        return 0;
    }

    private static DirectoryDescriptor preopen(Call c) throws ErrnoException {
        if (c.wasi.fds.get(c.i32(0)) instanceof DirectoryDescriptor directory && directory.preopenName() != null) {
            return directory;
        }
        throw Errno.BADF.error();
    }

    /** {@code (fd, *prestat)}: a preopened directory and the length of its name. */
    private static int prestatGet(Call c) throws ErrnoException {
        byte[] name = preopen(c).preopenName().getBytes(StandardCharsets.UTF_8);
        GuestMemory memory = c.memory();
        int address = memory.check(c.i32(1), Abi.PRESTAT_SIZE);
        memory.writeI32(address, Abi.PREOPENTYPE_DIR);
        memory.writeI32(address + Abi.PRESTAT_NAME_LEN, name.length);
        return 0;
    }

    /** {@code (fd, path, path_len)}: the preopened directory's name, without a terminating NUL. */
    private static int prestatDirName(Call c) throws ErrnoException {
        byte[] name = preopen(c).preopenName().getBytes(StandardCharsets.UTF_8);
        GuestMemory memory = c.memory();
        int address = memory.check(c.i32(1), c.i32(2));
        if (Integer.compareUnsigned(c.i32(2), name.length) < 0) {
            throw Errno.NAMETOOLONG.error();
        }
        memory.write(address, name);
        return 0;
    }

    /**
     * {@code (fd, buf, buf_len, cookie, *bufused)}: as many directory entries from {@code cookie}
     * on as fit, each a {@code $dirent} followed by its name; the last may be cut short. A result
     * smaller than the buffer means the end was reached.
     */
    private static int readdir(Call c) throws ErrnoException, IOException {
        if (!(c.fd(0, Rights.FD_READDIR) instanceof DirectoryDescriptor directory)) {
            throw Errno.NOTDIR.error();
        }
        int address = c.memory().check(c.i32(1), c.i32(2));
        long capacity = Integer.toUnsignedLong(c.i32(2));
        // Entries are assembled here and copied in at the end: the guest's bytes may lie in two
        // arrays of a chunked memory. Only what the entries fill is allocated, not the guest's size.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long cookie = c.i64(3);
        ByteBuffer header = ByteBuffer.allocate(Abi.DIRENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (DirectoryDescriptor.DirEntry entry : directory.entries(cookie)) {
            header.clear();
            header.putLong(Abi.DIRENT_NEXT, ++cookie);
            header.putLong(Abi.DIRENT_INO, entry.inode());
            header.putInt(Abi.DIRENT_NAMLEN, entry.name().length);
            header.put(Abi.DIRENT_TYPE, (byte) entry.fileType());
            if (!putPartially(out, header.array(), capacity) || !putPartially(out, entry.name(), capacity)) {
                break;
            }
        }
        c.memory().write(address, out.toByteArray());
        c.resultI32(4, out.size());
        return 0;
    }

    /** Puts as much of {@code bytes} as fits in {@code capacity}; whether all of it did and room is left. */
    private static boolean putPartially(ByteArrayOutputStream out, byte[] bytes, long capacity) {
        int n = (int) Math.min(bytes.length, capacity - out.size());
        out.write(bytes, 0, n);
        return out.size() < capacity;
    }
}
