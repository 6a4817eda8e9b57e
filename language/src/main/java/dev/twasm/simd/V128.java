package dev.twasm.simd;

/**
 * A {@code v128} value as two little-endian halves: {@link #lo} holds bytes 0-7 (lane 0 of
 * {@code i64x2}), {@link #hi} bytes 8-15. The representation of {@link LaneSimdOps}, the
 * implementation used when the JDK's Vector API is not available; immutable, so Graal's escape
 * analysis can keep it in two registers between instructions.
 */
public final class V128 {
    public static final V128 ZERO = new V128(0, 0);

    public final long lo;
    public final long hi;

    public V128(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V128 v && v.lo == lo && v.hi == hi;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lo) * 31 + Long.hashCode(hi);
    }

    @Override
    public String toString() {
        return SimdOps.toHex(lo, hi);
    }
}
