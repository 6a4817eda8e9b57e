package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.simd.SimdOps;

import java.nio.ByteOrder;

/**
 * A {@code v128} value as other languages and the host see it: 16 bytes, read-only. It is an
 * interop buffer (read with {@code readBufferByte}, {@code readBufferInt(order, offset)},
 * {@code readBufferLong}, ... at any byte offset and either byte order, e.g.
 * {@code value.readBufferLong(ByteOrder.LITTLE_ENDIAN, 0)} for lane 0 of {@code i64x2}) and an
 * interop array of its 16 bytes as signed numbers (so Java's {@code value.as(byte[].class)}
 * and Python's indexing work). Byte 0 is the lowest byte of lane 0, as in memory.
 *
 * <p>The engine's own representation ({@link SimdOps#INSTANCE}'s) never crosses the boundary:
 * results are copied into this object, and arguments of type {@code v128} are accepted from this
 * object, from any 16-byte buffer and from any array of 16 integers in [-128, 255]
 * ({@link ValueConversion}).
 */
@ExportLibrary(InteropLibrary.class)
public final class V128Value extends ArrayObject {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();
    private static final ByteArraySupport BE = ByteArraySupport.bigEndian();

    private final long lo;
    private final long hi;

    public V128Value(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** A copy of a value of the engine's representation. */
    public static V128Value of(Object v128) {
        return new V128Value(SimdOps.INSTANCE.lo(v128), SimdOps.INSTANCE.hi(v128));
    }

    /** Bytes 0-7, little-endian. */
    public long lo() {
        return lo;
    }

    /** Bytes 8-15, little-endian. */
    public long hi() {
        return hi;
    }

    /** The value in the engine's representation. */
    public Object toSimd() {
        return SimdOps.INSTANCE.fromLongs(lo, hi);
    }

    private byte[] bytes() {
        byte[] bytes = new byte[16];
        LE.putLong(bytes, 0, lo);
        LE.putLong(bytes, 8, hi);
        return bytes;
    }

    @Override
    protected int length() {
        return 16;
    }

    @Override
    protected Object element(int index) {
        return (byte) ((index < 8 ? lo : hi) >>> (8 * (index & 7)));
    }

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    long getBufferSize() {
        return 16;
    }

    @ExportMessage
    boolean isBufferWritable() {
        return false;
    }

    private static ByteArraySupport support(ByteOrder order) {
        return order == ByteOrder.LITTLE_ENDIAN ? LE : BE;
    }

    private byte[] checked(long offset, int width) throws InvalidBufferOffsetException {
        if (offset < 0 || offset > 16 - width) {
            throw InvalidBufferOffsetException.create(offset, width);
        }
        return bytes();
    }

    @ExportMessage
    void readBuffer(long offset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        System.arraycopy(checked(offset, length), (int) offset, destination, destinationOffset, length);
    }

    @ExportMessage
    byte readBufferByte(long offset) throws InvalidBufferOffsetException {
        return checked(offset, 1)[(int) offset];
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return support(order).getShort(checked(offset, 2), offset);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return support(order).getInt(checked(offset, 4), offset);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return support(order).getLong(checked(offset, 8), offset);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return support(order).getFloat(checked(offset, 4), offset);
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return support(order).getDouble(checked(offset, 8), offset);
    }

    @ExportMessage
    void writeBufferByte(long offset, byte value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    void writeBufferShort(ByteOrder order, long offset, short value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    void writeBufferInt(ByteOrder order, long offset, int value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    void writeBufferLong(ByteOrder order, long offset, long value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    void writeBufferFloat(ByteOrder order, long offset, float value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    void writeBufferDouble(ByteOrder order, long offset, double value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "v128 " + SimdOps.toHex(lo, hi);
    }
}
