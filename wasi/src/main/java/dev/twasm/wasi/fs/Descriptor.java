package dev.twasm.wasi.fs;

import dev.twasm.wasi.Errno;
import dev.twasm.wasi.ErrnoException;
import dev.twasm.wasi.Rights;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file descriptor of the guest ({@code $fd} in wasi_snapshot_preview1): a standard stream,
 * an open file or a directory, with its rights (see {@link Rights}) and its {@code $fdflags}.
 *
 * <p>The I/O methods have the meaning of the function they serve and fail here, for kinds of
 * descriptor they do not apply to, with the errno POSIX gives.
 */
public abstract sealed class Descriptor permits StreamDescriptor, FileDescriptor, DirectoryDescriptor {
    private long rightsBase;
    private long rightsInheriting;
    private int flags;

    protected Descriptor(long rightsBase, long rightsInheriting, int flags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.flags = flags;
    }

    /** The {@code $filetype} of what the descriptor refers to. */
    public abstract int fileType();

    public long rightsBase() {
        return rightsBase;
    }

    public long rightsInheriting() {
        return rightsInheriting;
    }

    public void setRights(long base, long inheriting) {
        this.rightsBase = base;
        this.rightsInheriting = inheriting;
    }

    public int flags() {
        return flags;
    }

    public void setFlags(int flags) {
        this.flags = flags;
    }

    /** Fails with {@code notcapable} unless the descriptor has all of {@code rights}. */
    public void require(long rights) throws ErrnoException {
        if ((rightsBase & rights) != rights) {
            throw Errno.NOTCAPABLE.error();
        }
    }

    /** Reads at the current position into {@code buffer}; returns the bytes read, 0 at the end. */
    public int read(ByteBuffer buffer) throws ErrnoException, IOException {
        throw Errno.BADF.error();
    }

    /** Writes all of {@code buffer} at the current position (the end in append mode). */
    public void write(ByteBuffer buffer) throws ErrnoException, IOException {
        throw Errno.BADF.error();
    }

    /** Moves the position as {@code lseek} does and returns the new position. */
    public long seek(long offset, int whence) throws ErrnoException, IOException {
        throw Errno.SPIPE.error();
    }

    /** Reads at {@code offset} without moving the position. */
    public int pread(ByteBuffer buffer, long offset) throws ErrnoException, IOException {
        throw Errno.SPIPE.error();
    }

    /** Writes at {@code offset} without moving the position. */
    public void pwrite(ByteBuffer buffer, long offset) throws ErrnoException, IOException {
        throw Errno.SPIPE.error();
    }

    /** The attributes of what the descriptor refers to. */
    public abstract FileStat stat() throws ErrnoException, IOException;

    /** Bytes that a read could return now without blocking (for {@code poll_oneoff}); -1 if unknown. */
    public long readableBytes() throws IOException {
        return 0;
    }

    /** Releases what the descriptor holds. */
    public void close() throws IOException {
    }
}
