package dev.twasm.interop;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.memory.ByteArraySupport;

import java.nio.ByteOrder;

/**
 * An interop buffer over a {@code byte[]}: reads (and, when {@link #writable()}, writes) of every
 * primitive width in either byte order at any in-bounds offset. A memory's bytes
 * ({@code WasmMemory}) and a {@code v128} value ({@link V128Value}) are buffers this way. The array
 * is asked for on every message, because a memory's array is replaced when it grows.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class ByteBufferObject extends ArrayObject {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();
    private static final ByteArraySupport BE = ByteArraySupport.bigEndian();

    /** The current bytes. */
    protected abstract byte[] bytes();

    /** Whether the buffer accepts writes. */
    protected abstract boolean writable();

    @ExportMessage
    public final boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    public final boolean isBufferWritable() {
        return writable();
    }

    @ExportMessage
    public final long getBufferSize() {
        return bytes().length;
    }

    private static ByteArraySupport order(ByteOrder order) {
        return order == ByteOrder.LITTLE_ENDIAN ? LE : BE;
    }

    /** The bytes, after checking that {@code [offset, offset + length)} lies within them. */
    private byte[] checked(long offset, int length) throws InvalidBufferOffsetException {
        byte[] bytes = bytes();
        if (offset < 0 || offset > (long) bytes.length - length) {
            throw InvalidBufferOffsetException.create(offset, length);
        }
        return bytes;
    }

    /** {@link #checked} for a write, which a read-only buffer refuses. */
    private byte[] writableChecked(long offset, int length) throws InvalidBufferOffsetException, UnsupportedMessageException {
        if (!writable()) {
            throw UnsupportedMessageException.create();
        }
        return checked(offset, length);
    }

    @ExportMessage
    public final void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        System.arraycopy(checked(byteOffset, length), (int) byteOffset, destination, destinationOffset, length);
    }

    @ExportMessage
    public final byte readBufferByte(long byteOffset) throws InvalidBufferOffsetException {
        return checked(byteOffset, 1)[(int) byteOffset];
    }

    @ExportMessage
    public final void writeBufferByte(long byteOffset, byte value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writableChecked(byteOffset, 1)[(int) byteOffset] = value;
    }

    @ExportMessage
    public final short readBufferShort(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return order(order).getShort(checked(byteOffset, 2), byteOffset);
    }

    @ExportMessage
    public final void writeBufferShort(ByteOrder order, long byteOffset, short value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        order(order).putShort(writableChecked(byteOffset, 2), byteOffset, value);
    }

    @ExportMessage
    public final int readBufferInt(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return order(order).getInt(checked(byteOffset, 4), byteOffset);
    }

    @ExportMessage
    public final void writeBufferInt(ByteOrder order, long byteOffset, int value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        order(order).putInt(writableChecked(byteOffset, 4), byteOffset, value);
    }

    @ExportMessage
    public final long readBufferLong(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return order(order).getLong(checked(byteOffset, 8), byteOffset);
    }

    @ExportMessage
    public final void writeBufferLong(ByteOrder order, long byteOffset, long value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        order(order).putLong(writableChecked(byteOffset, 8), byteOffset, value);
    }

    @ExportMessage
    public final float readBufferFloat(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return order(order).getFloat(checked(byteOffset, 4), byteOffset);
    }

    @ExportMessage
    public final void writeBufferFloat(ByteOrder order, long byteOffset, float value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        order(order).putFloat(writableChecked(byteOffset, 4), byteOffset, value);
    }

    @ExportMessage
    public final double readBufferDouble(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return order(order).getDouble(checked(byteOffset, 8), byteOffset);
    }

    @ExportMessage
    public final void writeBufferDouble(ByteOrder order, long byteOffset, double value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        order(order).putDouble(writableChecked(byteOffset, 8), byteOffset, value);
    }
}
