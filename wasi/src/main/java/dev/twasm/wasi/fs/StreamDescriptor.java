package dev.twasm.wasi.fs;

import dev.twasm.wasi.Abi;
import dev.twasm.wasi.ErrnoException;
import dev.twasm.wasi.Rights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Standard input, output or error (descriptors 0, 1 and 2): the context's streams
 * ({@code Env.in()}, {@code out()}, {@code err()}). They present themselves as character devices
 * without seek rights, so C libraries treat them as terminals (line-buffered output). Output is
 * flushed at every write, so a guest's output and the host's interleave as written. Closing the
 * descriptor leaves the context's stream open.
 */
public final class StreamDescriptor extends Descriptor {
    private final InputStream in;
    private final OutputStream out;

    private StreamDescriptor(InputStream in, OutputStream out, long rights) {
        super(rights, 0, 0);
        this.in = in;
        this.out = out;
    }

    public static StreamDescriptor input(InputStream in) {
        return new StreamDescriptor(in, null, Rights.STDIN);
    }

    public static StreamDescriptor output(OutputStream out) {
        return new StreamDescriptor(null, out, Rights.STDOUT);
    }

    @Override
    public int fileType() {
        return Abi.FILETYPE_CHARACTER_DEVICE;
    }

    @Override
    public int read(ByteBuffer buffer) throws ErrnoException, IOException {
        if (in == null) {
            return super.read(buffer);
        }
        int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        if (n <= 0) {
            return 0;
        }
        buffer.position(buffer.position() + n);
        return n;
    }

    @Override
    public void write(ByteBuffer buffer) throws ErrnoException, IOException {
        if (out == null) {
            super.write(buffer);
            return;
        }
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        out.flush();
        buffer.position(buffer.limit());
    }

    @Override
    public FileStat stat() {
        return FileStat.ofType(Abi.FILETYPE_CHARACTER_DEVICE, 0);
    }

    @Override
    public long readableBytes() throws IOException {
        return in == null ? 0 : in.available();
    }

    /** Whether this is an input stream (for polling). */
    public boolean isInput() {
        return in != null;
    }
}
