package dev.twasm.gc;

import dev.twasm.model.FieldType;

/**
 * How a field or array element of a storage type (spec 3.0 §2.3.7 {@code storagetype ::= valtype |
 * packtype}) is held on the JVM heap: packed {@code i8}/{@code i16} as {@code byte}/{@code short}
 * (so an {@code (array i8)} costs a byte per element), numbers as their Java primitive, and
 * references and vectors as {@code Object} (a vector, of {@link dev.twasm.simd.SimdOps#INSTANCE}'s
 * representation, is immutable, so sharing it between fields is safe). The default value is what {@code struct.new_default} and
 * {@code array.new_default} store: zero, null ({@link dev.twasm.runtime.WasmNull}) or the zero vector.
 */
public enum StorageKind {
    I8(byte.class, 1),
    I16(short.class, 2),
    I32(int.class, 4),
    I64(long.class, 8),
    F32(float.class, 4),
    F64(double.class, 8),
    REF(Object.class, 8),
    V128(Object.class, 16);

    private final Class<?> javaType;
    private final int bytes;

    StorageKind(Class<?> javaType, int bytes) {
        this.javaType = javaType;
        this.bytes = bytes;
    }

    /**
     * The bytes a value of this kind takes in a field or element, as reported to the memory tools
     * ({@code instrument.Allocations}): the Java primitive's size, 8 for a reference (an
     * uncompressed pointer; a vector counts its 16 bytes of payload, not its box).
     */
    public int bytes() {
        return bytes;
    }

    /** The Java type of a field of this kind. */
    public Class<?> javaType() {
        return javaType;
    }

    /** Whether values of this kind are held as objects (references and vectors). */
    public boolean isObject() {
        return javaType == Object.class;
    }

    /** The storage of field type {@code field}. */
    public static StorageKind of(FieldType field) {
        if (field.packed() != null) {
            return field.packed() == FieldType.PackedType.I8 ? I8 : I16;
        }
        return switch (field.valType().kind()) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case REF -> REF;
        };
    }

    /** The default value of an object-held kind: null for references, the zero vector (of the JVM's {@code SimdOps} representation) for {@code v128}. */
    public Object defaultObject() {
        return this == V128 ? dev.twasm.simd.SimdOps.INSTANCE.zero() : dev.twasm.runtime.WasmNull.INSTANCE;
    }
}
