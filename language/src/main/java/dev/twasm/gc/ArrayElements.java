package dev.twasm.gc;

import java.util.Arrays;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.memory.ByteArraySupport;

import dev.twasm.simd.SimdOps;

/**
 * The element storage of array instances (spec 3.0 §4.2.2), shared by the tree tier's nodes, the
 * baseline tier and constant expressions: one Java array per {@link StorageKind}, read and written
 * with the kind as an int parameter ({@link #code}) that is a constant where it matters (a final
 * field of the node, an {@code ldc} in baseline code), so each {@code switch} folds to one array
 * access.
 * Values cross as the calling convention boxes them ({@code Integer} for {@code i8}, {@code i16}
 * and {@code i32}, ...) where the caller has a boxed value anyway: allocation, {@code array.fill}
 * and {@code array.new_fixed}, whose boxes escape analysis removes in compiled code.
 *
 * <p>Bounds and null checks are the callers': this class only accesses what is known to exist.
 */
public final class ArrayElements {
    private static final ByteArraySupport LITTLE_ENDIAN = ByteArraySupport.littleEndian();

    /*
     * The storage kinds as int constants (their ordinals, see code()): the same code serves the
     * nodes, where it is a final field that partial evaluation folds, and the baseline tier, where
     * it is an ldc operand of the call to a support method.
     */
    public static final int I8 = 0;
    public static final int I16 = 1;
    public static final int I32 = 2;
    public static final int I64 = 3;
    public static final int F32 = 4;
    public static final int F64 = 5;
    public static final int REF = 6;
    public static final int V128 = 7;

    private ArrayElements() {
    }

    /**
     * A new array of {@code type} with {@code length} (unsigned) default elements. A length the
     * JVM cannot hold (2^31 or more) is the same {@code OutOfMemoryError} as one the heap cannot
     * hold, which propagates (see {@link WasmArray#allocate}).
     */
    public static WasmArray allocate(DefinedType type, int length) {
        if (length < 0) {
            throw outOfMemory(length);
        }
        return WasmArray.allocate(type, length);
    }

    @TruffleBoundary
    private static OutOfMemoryError outOfMemory(int length) {
        return new OutOfMemoryError("array of " + Integer.toUnsignedString(length) + " elements");
    }

    /** {@code array.new}: a new array of {@code type} with {@code length} copies of {@code value} (boxed). */
    public static WasmArray allocate(DefinedType type, int length, Object value) {
        WasmArray array = allocate(type, length);
        fill(array.elements(), code(type.element()), 0, length, value);
        return array;
    }

    /** The int constant of {@code kind} for the methods here. */
    public static int code(StorageKind kind) {
        return kind.ordinal();
    }

    /** Element {@code index} of an {@code i8}, {@code i16} or {@code i32} array, packed ones sign- or zero-extended. */
    public static int getI32(Object elements, int kind, int index, boolean signed) {
        return switch (kind) {
            case I8 -> {
                byte b = CompilerDirectives.castExact(elements, byte[].class)[index];
                yield signed ? b : b & 0xFF;
            }
            case I16 -> {
                short s = CompilerDirectives.castExact(elements, short[].class)[index];
                yield signed ? s : s & 0xFFFF;
            }
            default -> CompilerDirectives.castExact(elements, int[].class)[index];
        };
    }

    /** Stores {@code value} at {@code index} of an {@code i8}, {@code i16} or {@code i32} array (wrapped to the packed width). */
    public static void setI32(Object elements, int kind, int index, int value) {
        switch (kind) {
            case I8 -> CompilerDirectives.castExact(elements, byte[].class)[index] = (byte) value;
            case I16 -> CompilerDirectives.castExact(elements, short[].class)[index] = (short) value;
            default -> CompilerDirectives.castExact(elements, int[].class)[index] = value;
        }
    }

    public static long[] i64s(Object elements) {
        return CompilerDirectives.castExact(elements, long[].class);
    }

    public static float[] f32s(Object elements) {
        return CompilerDirectives.castExact(elements, float[].class);
    }

    public static double[] f64s(Object elements) {
        return CompilerDirectives.castExact(elements, double[].class);
    }

    /** The elements of an array of references or vectors. */
    public static Object[] objects(Object elements) {
        return CompilerDirectives.castExact(elements, Object[].class);
    }

    /** Element {@code index}, boxed as the calling convention boxes values. */
    public static Object getBoxed(Object elements, int kind, int index) {
        return switch (kind) {
            case I8, I16, I32 -> getI32(elements, kind, index, false);
            case I64 -> i64s(elements)[index];
            case F32 -> f32s(elements)[index];
            case F64 -> f64s(elements)[index];
            default -> objects(elements)[index];
        };
    }

    /** Stores the boxed {@code value} at {@code index}. */
    public static void setBoxed(Object elements, int kind, int index, Object value) {
        switch (kind) {
            case I8, I16, I32 -> setI32(elements, kind, index, (Integer) value);
            case I64 -> i64s(elements)[index] = (Long) value;
            case F32 -> f32s(elements)[index] = (Float) value;
            case F64 -> f64s(elements)[index] = (Double) value;
            case REF, V128 -> objects(elements)[index] = value;
        }
    }

    /** {@code array.fill}: stores the boxed {@code value} at {@code [from, to)}, which is in bounds. */
    public static void fill(Object elements, int kind, int from, int to, Object value) {
        switch (kind) {
            case I8 -> Arrays.fill(CompilerDirectives.castExact(elements, byte[].class), from, to, (byte) (int) (Integer) value);
            case I16 -> Arrays.fill(CompilerDirectives.castExact(elements, short[].class), from, to, (short) (int) (Integer) value);
            case I32 -> Arrays.fill(CompilerDirectives.castExact(elements, int[].class), from, to, (Integer) value);
            case I64 -> Arrays.fill(i64s(elements), from, to, (Long) value);
            case F32 -> Arrays.fill(f32s(elements), from, to, (Float) value);
            case F64 -> Arrays.fill(f64s(elements), from, to, (Double) value);
            case REF, V128 -> Arrays.fill(objects(elements), from, to, value);
        }
    }

    /** The bytes one element of {@code kind} takes in a data segment ({@code |t|/8}, spec 3.0 §4.4.2 {@code array.new_data}). */
    public static int byteSize(int kind) {
        return switch (kind) {
            case I8 -> 1;
            case I16 -> 2;
            case I32, F32 -> 4;
            case I64, F64 -> 8;
            case V128 -> 16;
            default -> throw CompilerDirectives.shouldNotReachHere("references are not in data segments");
        };
    }

    /**
     * {@code array.new_data} and {@code array.init_data}: decodes {@code count} elements of
     * {@code kind} from {@code data} at byte {@code offset}, little-endian, into
     * {@code elements} from index {@code at}; both ranges are in bounds. Rare and a loop, so
     * behind a boundary.
     */
    @TruffleBoundary
    public static void decode(byte[] data, int offset, int kind, Object elements, int at, int count) {
        if (kind == I8) {
            System.arraycopy(data, offset, (byte[]) elements, at, count);
            return;
        }
        int size = byteSize(kind);
        for (int i = 0; i < count; i++) {
            setBoxed(elements, kind, at + i, decode(data, offset + i * size, kind));
        }
    }

    /** The element of {@code kind} at byte {@code offset} of {@code data}, little-endian, boxed. */
    private static Object decode(byte[] data, int offset, int kind) {
        return switch (kind) {
            case I8 -> (int) data[offset];
            case I16 -> (int) LITTLE_ENDIAN.getShort(data, offset);
            case I32 -> LITTLE_ENDIAN.getInt(data, offset);
            case I64 -> LITTLE_ENDIAN.getLong(data, offset);
            case F32 -> LITTLE_ENDIAN.getFloat(data, offset);
            case F64 -> LITTLE_ENDIAN.getDouble(data, offset);
            case V128 -> SimdOps.INSTANCE.fromLongs(LITTLE_ENDIAN.getLong(data, offset), LITTLE_ENDIAN.getLong(data, offset + 8));
            default -> throw CompilerDirectives.shouldNotReachHere("references are not in data segments");
        };
    }
}
