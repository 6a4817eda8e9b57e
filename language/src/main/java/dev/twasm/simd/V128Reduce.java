package dev.twasm.simd;

/** A vector instruction of type {@code [v128] -> [i32]}: {@code any_true}, {@code all_true}, {@code bitmask}. */
@FunctionalInterface
public interface V128Reduce {
    int apply(Object v);
}
