package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.simd.SimdOps;

/**
 * A {@code v128} value as other languages and the host see it: 16 bytes, read-only. It is an
 * interop buffer (read with {@code readBufferByte}, {@code readBufferInt(order, offset)},
 * {@code readBufferLong}, ... at any byte offset and either byte order, e.g.
 * {@code value.readBufferLong(ByteOrder.LITTLE_ENDIAN, 0)} for lane 0 of {@code i64x2}) and an
 * interop array of its 16 bytes as signed numbers (so Java's {@code value.as(byte[].class)} and
 * Python's indexing work). Byte 0 is the lowest byte of lane 0, as in memory.
 *
 * <p>The engine's own representation ({@link SimdOps#INSTANCE}'s) never crosses the boundary:
 * results are copied into this object, and arguments of type {@code v128} are accepted from this
 * object, from any 16-byte buffer and from any array of 16 integers in [-128, 255]
 * ({@link ValueConversion}).
 */
@ExportLibrary(InteropLibrary.class)
public final class V128Value extends ByteBufferObject {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final byte[] bytes = new byte[16];

    public V128Value(long lo, long hi) {
        LE.putLong(bytes, 0, lo);
        LE.putLong(bytes, 8, hi);
    }

    /** A copy of a value of the engine's representation. */
    public static V128Value of(Object v128) {
        return new V128Value(SimdOps.INSTANCE.lo(v128), SimdOps.INSTANCE.hi(v128));
    }

    /** Bytes 0-7, little-endian. */
    public long lo() {
        return LE.getLong(bytes, 0);
    }

    /** Bytes 8-15, little-endian. */
    public long hi() {
        return LE.getLong(bytes, 8);
    }

    /** The value in the engine's representation. */
    public Object toSimd() {
        return SimdOps.INSTANCE.fromLongs(lo(), hi());
    }

    @Override
    protected byte[] bytes() {
        return bytes;
    }

    @Override
    protected boolean writable() {
        return false;
    }

    @Override
    protected long length() {
        return 16;
    }

    @Override
    protected Object element(long index) {
        return bytes[(int) index];
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "v128 " + SimdOps.toHex(lo(), hi());
    }
}
