package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.twasm.interop.WasmObject;

/**
 * An unboxed scalar {@code i31ref} (Wasm 3.0 GC, spec 3.0 §4.2.1 "{@code ref.i31 u31}"): a 31-bit
 * integer as a reference of heap type {@code i31}, below {@code eq} and {@code any}.
 *
 * <p>A small immutable object with one final field rather than a cached or tagged value: where the
 * reference does not escape the compiled code (created and read by {@code i31.get_s} in one
 * function), partial escape analysis removes the allocation, and an {@code int} field read after
 * an exact type check folds. Instances are not interned, so {@code ref.eq} compares two i31s by
 * value ({@link #same}), never by identity. No host value is a {@code WasmI31}: the class is the
 * engine's own, so a reference type test for {@code i31} is an exact class check. To the host it
 * is an opaque interop object of the wasm language (passing it back as an {@code anyref},
 * {@code eqref} or {@code i31ref} gives the same value).
 */
public final class WasmI31 extends WasmObject {
    /** The 31 bits, zero-extended. */
    private final int bits;

    private WasmI31(int bits) {
        this.bits = bits;
    }

    /** {@code ref.i31}: the low 31 bits of {@code value} (spec 3.0 §4.4.2, wrapping). */
    public static WasmI31 of(int value) {
        return new WasmI31(value & 0x7FFF_FFFF);
    }

    /** {@code i31.get_s}: the 31 bits sign-extended. */
    public int signed() {
        return (bits << 1) >> 1;
    }

    /** {@code i31.get_u}: the 31 bits zero-extended. */
    public int unsigned() {
        return bits;
    }

    /** {@code ref.eq} of two references (spec 3.0 §4.4.2): i31s by value, everything else by identity. */
    public static boolean same(Object a, Object b) {
        return a == b || a instanceof WasmI31 x && b instanceof WasmI31 y && x.bits == y.bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WasmI31 other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "i31 " + signed();
    }
}
