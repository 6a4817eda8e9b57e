package dev.twasm.gc;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.twasm.interop.WasmObject;

/**
 * An array instance (spec 3.0 §4.2.2 "Aggregate Instances"): its defined type and its elements as
 * one Java array of the element's {@link StorageKind} ({@code byte[]} for {@code i8}, ...,
 * {@code Object[]} for references and vectors), so an element access is an array access the JIT
 * bounds-checks once, {@code array.copy} and {@code array.fill} are {@code System.arraycopy} and
 * {@code Arrays.fill}, and the JVM's collector frees arrays like any object. The length is a field
 * of its own, so {@code array.len} reads it without knowing the element type. To the host an array
 * is an opaque object that can be passed back to Wasm.
 */
public final class WasmArray extends WasmObject {
    private final DefinedType type;
    private final Object elements;
    private final int length;

    private WasmArray(DefinedType type, Object elements, int length) {
        this.type = type;
        this.elements = elements;
        this.length = length;
    }

    /**
     * A new array of {@code type} with {@code length} default elements (zero, null or the zero
     * vector). The JVM's {@code OutOfMemoryError} when the heap cannot hold it propagates to the
     * call from the host, which reports it as a Wasm-level error.
     */
    public static WasmArray allocate(DefinedType type, int length) {
        HeapGuard.checkAllocation();
        StorageKind kind = type.element();
        Object elements = switch (kind) {
            case I8 -> new byte[length];
            case I16 -> new short[length];
            case I32 -> new int[length];
            case I64 -> new long[length];
            case F32 -> new float[length];
            case F64 -> new double[length];
            case REF, V128 -> filled(length, kind.defaultObject());
        };
        return new WasmArray(type, elements, length);
    }

    private static Object[] filled(int length, Object value) {
        Object[] a = new Object[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    public DefinedType type() {
        return type;
    }

    public int length() {
        return length;
    }

    /** The Java array of the elements: {@code byte[]}, {@code short[]}, ..., {@code Object[]} by {@link DefinedType#element()}. */
    public Object elements() {
        return elements;
    }

    /** The defined type, as the object's meta object (interop {@code getMetaObject}). */
    @Override
    protected final Object metaObject() {
        return type.metaObject();
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "array of type " + type.id() + " [" + length + "]";
    }
}
