package dev.twasm.interop;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.memory.ByteArraySupport;

import java.nio.ByteOrder;

/**
 * An interop buffer over bytes: reads (and, when {@link #writable()}, writes) of every primitive
 * width in either byte order at any in-bounds {@code long} offset. A memory's bytes
 * ({@code WasmMemory}) and a {@code v128} value ({@link V128Value}) are buffers this way. The bytes
 * are asked for on every message, because a memory's array is replaced when it grows. When they
 * are one array ({@link #bytes()}, a 32-bit memory, a {@code v128}) a message reads or writes it
 * directly; otherwise (a 64-bit memory's chunks) through {@link #copyOut} and {@link #copyIn} and
 * a small temporary array.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class ByteBufferObject extends ArrayObject {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();
    private static final ByteArraySupport BE = ByteArraySupport.bigEndian();

    /** The current bytes when they are one array, else null. */
    protected abstract byte[] bytes();

    /** Whether the buffer accepts writes. */
    protected abstract boolean writable();

    /** Copies {@code length} in-bounds bytes at {@code offset} to {@code destination}; for buffers whose {@link #bytes()} is null. */
    protected void copyOut(long offset, byte[] destination, int destinationOffset, int length) {
        System.arraycopy(bytes(), (int) offset, destination, destinationOffset, length);
    }

    /** Copies {@code length} bytes of {@code source} to the in-bounds {@code offset}; for buffers whose {@link #bytes()} is null. */
    protected void copyIn(long offset, byte[] source, int sourceOffset, int length) {
        System.arraycopy(source, sourceOffset, bytes(), (int) offset, length);
    }

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
        return length();
    }

    private static ByteArraySupport order(ByteOrder order) {
        return order == ByteOrder.LITTLE_ENDIAN ? LE : BE;
    }

    /** Checks that {@code [offset, offset + length)} lies within the buffer. */
    private void check(long offset, int length) throws InvalidBufferOffsetException {
        if (offset < 0 || length < 0 || offset > length() - length) {
            throw InvalidBufferOffsetException.create(offset, length);
        }
    }

    /** The {@code width} bytes (1, 2, 4 or 8) at {@code offset} in byte order {@code order}, as the low bits of a long. */
    private long readBits(ByteOrder order, long offset, int width) throws InvalidBufferOffsetException {
        check(offset, width);
        byte[] bytes = bytes();
        long at = offset;
        if (bytes == null) {
            bytes = new byte[8];
            copyOut(offset, bytes, 0, width);
            at = 0;
        }
        ByteArraySupport s = order(order);
        return switch (width) {
            case 1 -> s.getByte(bytes, at);
            case 2 -> s.getShort(bytes, at);
            case 4 -> s.getInt(bytes, at);
            default -> s.getLong(bytes, at);
        };
    }

    /** Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code bits} at {@code offset} in byte order {@code order}. */
    private void writeBits(ByteOrder order, long offset, int width, long bits) throws InvalidBufferOffsetException, UnsupportedMessageException {
        if (!writable()) {
            throw UnsupportedMessageException.create();
        }
        check(offset, width);
        byte[] bytes = bytes();
        boolean direct = bytes != null;
        long at = direct ? offset : 0;
        if (!direct) {
            bytes = new byte[8];
        }
        ByteArraySupport s = order(order);
        switch (width) {
            case 1 -> s.putByte(bytes, at, (byte) bits);
            case 2 -> s.putShort(bytes, at, (short) bits);
            case 4 -> s.putInt(bytes, at, (int) bits);
            default -> s.putLong(bytes, at, bits);
        }
        if (!direct) {
            copyIn(offset, bytes, 0, width);
        }
    }

    @ExportMessage
    public final void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        check(byteOffset, length);
        copyOut(byteOffset, destination, destinationOffset, length);
    }

    @ExportMessage
    public final byte readBufferByte(long byteOffset) throws InvalidBufferOffsetException {
        return (byte) readBits(ByteOrder.LITTLE_ENDIAN, byteOffset, 1);
    }

    @ExportMessage
    public final void writeBufferByte(long byteOffset, byte value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(ByteOrder.LITTLE_ENDIAN, byteOffset, 1, value);
    }

    @ExportMessage
    public final short readBufferShort(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return (short) readBits(order, byteOffset, 2);
    }

    @ExportMessage
    public final void writeBufferShort(ByteOrder order, long byteOffset, short value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(order, byteOffset, 2, value);
    }

    @ExportMessage
    public final int readBufferInt(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return (int) readBits(order, byteOffset, 4);
    }

    @ExportMessage
    public final void writeBufferInt(ByteOrder order, long byteOffset, int value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(order, byteOffset, 4, value);
    }

    @ExportMessage
    public final long readBufferLong(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return readBits(order, byteOffset, 8);
    }

    @ExportMessage
    public final void writeBufferLong(ByteOrder order, long byteOffset, long value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(order, byteOffset, 8, value);
    }

    /** Through the int bits, which keeps a NaN's payload exactly. */
    @ExportMessage
    public final float readBufferFloat(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return Float.intBitsToFloat((int) readBits(order, byteOffset, 4));
    }

    @ExportMessage
    public final void writeBufferFloat(ByteOrder order, long byteOffset, float value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(order, byteOffset, 4, Float.floatToRawIntBits(value));
    }

    @ExportMessage
    public final double readBufferDouble(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return Double.longBitsToDouble(readBits(order, byteOffset, 8));
    }

    @ExportMessage
    public final void writeBufferDouble(ByteOrder order, long byteOffset, double value) throws InvalidBufferOffsetException, UnsupportedMessageException {
        writeBits(order, byteOffset, 8, Double.doubleToRawLongBits(value));
    }
}
