package dev.twasm.simd;

/** A vector instruction of type {@code [v128] -> [v128]}, as a function on the representation of {@link SimdOps}. */
@FunctionalInterface
public interface V128Unary {
    Object apply(Object v);
}
