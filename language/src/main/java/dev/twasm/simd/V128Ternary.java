package dev.twasm.simd;

/** A vector instruction of type {@code [v128 v128 v128] -> [v128]}, as a function on the representation of {@link SimdOps}. */
@FunctionalInterface
public interface V128Ternary {
    Object apply(Object a, Object b, Object c);
}
