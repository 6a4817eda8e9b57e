package dev.twasm.wasi.fs;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.wasi.Abi;
import dev.twasm.wasi.Errno;
import dev.twasm.wasi.ErrnoException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * An open file that is not a directory: a channel from {@link TruffleFile#newByteChannel}, so
 * every byte goes through the context's file system and IO policy.
 *
 * <p>Append mode ({@code fdflags::append}) is applied here at each write rather than by the
 * channel, so {@code fd_fdstat_set_flags} can switch it. Attributes other than the size are read
 * through the file's path at open time ({@code TruffleFile} has no descriptor-based attribute
 * access), so after the file is renamed or unlinked they describe whatever is at that path, or fall
 * back to the type and size known from the channel.
 */
public final class FileDescriptor extends Descriptor {
    private static final int ZEROS = 64 * 1024;

    private final SeekableByteChannel channel;
    private final TruffleFile file;
    private final int fileType;

    public FileDescriptor(SeekableByteChannel channel, TruffleFile file, int fileType, long rightsBase, long rightsInheriting, int flags) {
        super(rightsBase, rightsInheriting, flags);
        this.channel = channel;
        this.file = file;
        this.fileType = fileType;
    }

    @Override
    public int fileType() {
        return fileType;
    }

    public TruffleFile file() {
        return file;
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        return Math.max(0, channel.read(buffer));
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        if ((flags() & Abi.FDFLAG_APPEND) != 0) {
            channel.position(channel.size());
        }
        writeFully(buffer);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public long seek(long offset, int whence) throws ErrnoException, IOException {
        long base = switch (whence) {
            case Abi.WHENCE_SET -> 0;
            case Abi.WHENCE_CUR -> channel.position();
            case Abi.WHENCE_END -> channel.size();
            default -> throw Errno.INVAL.error();
        };
        long position;
        try {
            position = Math.addExact(base, offset);
        } catch (ArithmeticException e) {
            throw Errno.OVERFLOW.error();
        }
        if (position < 0) {
            throw Errno.INVAL.error();
        }
        channel.position(position);
        return position;
    }

    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public int pread(ByteBuffer buffer, long offset) throws IOException {
        long saved = channel.position();
        try {
            channel.position(offset);
            return Math.max(0, channel.read(buffer));
        } finally {
            channel.position(saved);
        }
    }

    @Override
    public void pwrite(ByteBuffer buffer, long offset) throws IOException {
        long saved = channel.position();
        try {
            channel.position(offset);
            writeFully(buffer);
        } finally {
            channel.position(saved);
        }
    }

    /** Sets the size as {@code ftruncate} does: cuts, or extends with zeros; the position is unchanged. */
    public void setSize(long size) throws IOException {
        long saved = channel.position();
        try {
            long current = channel.size();
            if (size < current) {
                channel.truncate(size);
            } else if (size > current) {
                channel.position(current);
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZEROS, size - current));
                for (long left = size - current; left > 0; left -= zeros.limit()) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), left));
                    writeFully(zeros);
                }
            }
        } finally {
            channel.position(saved);
        }
    }

    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public FileStat stat() throws IOException {
        long size = channel.size();
        FileStat stat;
        try {
            stat = FileStat.of(file);
        } catch (IOException e) {
            return FileStat.ofType(fileType, size);
        }
        return stat.withSize(size);
    }

    @Override
    public long readableBytes() throws IOException {
        return Math.max(0, channel.size() - channel.position());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
