package dev.twasm.simd;

/**
 * A vector shift, {@code [v128 i32] -> [v128]}: the count is taken modulo the lane width (spec
 * §4.4.3.14 "shape.shl", "shape.shr_sx").
 */
@FunctionalInterface
public interface V128Shift {
    Object apply(Object v, int count);
}
