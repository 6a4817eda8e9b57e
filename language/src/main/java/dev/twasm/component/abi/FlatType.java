package dev.twasm.component.abi;

/** A core value type that component values flatten to ({@code flatten_type}'s {@code 'i32'} and so on). */
public enum FlatType {
    I32,
    I64,
    F32,
    F64;

    /**
     * The canonical ABI's {@code join}: the type of a flat slot that variant cases share when one
     * case puts an {@code a} there and another a {@code b}: equal types stay, {@code i32} and
     * {@code f32} share an {@code i32}, every other pair an {@code i64}.
     */
    public FlatType join(FlatType other) {
        if (this == other) {
            return this;
        }
        if ((this == I32 && other == F32) || (this == F32 && other == I32)) {
            return I32;
        }
        return I64;
    }

    /** The name in the core text format. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
