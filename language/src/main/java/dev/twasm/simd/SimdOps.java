package dev.twasm.simd;

import dev.twasm.model.Opcode;

/**
 * The semantics of every vector instruction (spec §4.3.3 "Vector Operations", §4.4.3 "Vector
 * Instructions", and the relaxed SIMD instructions of Wasm 3.0), on one representation of
 * {@code v128} values. The engine holds a {@code v128} as an opaque {@code Object} whose class is
 * the implementation's: frames, globals, calls and the baseline tier pass it on untouched, and only
 * the implementation looks inside.
 *
 * <p>There are two implementations, chosen once per JVM ({@link #INSTANCE}):
 * <ul>
 * <li>{@code VectorSimdOps}: {@code jdk.incubator.vector.ByteVector}s, used when the JDK's Vector
 * API module is in the boot layer ({@code --add-modules jdk.incubator.vector}). Graal and C2
 * intrinsify its operations, so compiled code uses SSE/AVX registers and instructions.</li>
 * <li>{@link LaneSimdOps}: {@link V128}, two {@code long}s, with plain Java lane arithmetic, used
 * otherwise (the system property {@code twasm.simd=lanes} forces it).</li>
 * </ul>
 * {@code INSTANCE} is a static final field, so in compiled code every call through it is a direct,
 * inlinable call.
 *
 * <p>Instructions come in {@link SimdFamily families}. The pure vector functions are looked up
 * once per instruction when a function is built ({@link #unary(Opcode)} and its siblings return a
 * function object that the node or the baseline code keeps as a constant); splats, lanes,
 * shuffles, constants and memory accesses are methods taking the lane width as an argument.
 *
 * <p>Relaxed SIMD instructions follow the spec's deterministic profile (Wasm 3.0 §4.3.3, every
 * {@code relaxed(R)[A_0, ...]} choice is {@code A_0}), with the same result in every tier:
 * {@code relaxed_swizzle} is {@code swizzle}, {@code relaxed_trunc} is {@code trunc_sat},
 * {@code relaxed_min}/{@code max} are {@code min}/{@code max}, {@code relaxed_laneselect} is
 * {@code bitselect}, {@code relaxed_q15mulr_s} is {@code q15mulr_sat_s},
 * {@code relaxed_madd}/{@code relaxed_nmadd} are unfused (a rounded product, then a rounded sum),
 * and the {@code relaxed_dot} instructions treat the second operand's bytes as signed, with
 * saturating pair sums (docs/rationale.md).
 */
public abstract class SimdOps {
    /** The implementation of this JVM. */
    public static final SimdOps INSTANCE = select();

    private static SimdOps select() {
        String forced = System.getProperty("twasm.simd", "");
        if (!forced.equals("lanes") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (SimdOps) Class.forName("dev.twasm.simd.VectorSimdOps").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // the module is there but unusable (e.g. not readable): fall back to lanes
            }
        }
        return new LaneSimdOps();
    }

    /** A short name of the implementation, for {@code --version} and logs. */
    public abstract String name();

    // ---- values ------------------------------------------------------------------------------

    /** The value whose bytes 0-7 are {@code lo} and bytes 8-15 {@code hi}, little-endian. */
    public abstract Object fromLongs(long lo, long hi);

    /** Bytes 0-7 of {@code v}, little-endian (lane 0 of {@code i64x2}). */
    public abstract long lo(Object v);

    /** Bytes 8-15 of {@code v}, little-endian (lane 1 of {@code i64x2}). */
    public abstract long hi(Object v);

    /** The zero vector, the default value of {@code v128} locals and globals. */
    public Object zero() {
        return fromLongs(0, 0);
    }

    /** Whether {@code o} is a value of this implementation's representation. */
    public abstract boolean isValue(Object o);

    // ---- memory (the caller has checked that [index, index + 16) lies within memory) ----------

    /** {@code v128.load}: the 16 bytes at {@code index}, little-endian. */
    public abstract Object load(byte[] memory, int index);

    /** {@code v128.store}: writes {@code v}'s 16 bytes at {@code index}. */
    public abstract void store(byte[] memory, int index, Object v);

    // ---- lanes (laneLog2: log2 of the lane width in bytes, see SimdFamily.laneLog2) ------------

    /** {@code shape.splat}: every lane set to the low {@code 8 << laneLog2} bits of {@code bits}. */
    public abstract Object splat(int laneLog2, long bits);

    /** The raw bits of lane {@code lane}, zero-extended (floats as their raw bit patterns). */
    public abstract long extractLane(Object v, int laneLog2, int lane);

    /** {@code v} with lane {@code lane} set to the low {@code 8 << laneLog2} bits of {@code bits}. */
    public abstract Object replaceLane(Object v, int laneLog2, int lane, long bits);

    /** {@code i8x16.shuffle}: lane i of the result is byte {@code lanes[i]} of {@code a ++ b} (each below 32). */
    public abstract Object shuffle(Object a, Object b, byte[] lanes);

    // ---- the function families ----------------------------------------------------------------

    /** The function of a {@link SimdFamily#UNARY} instruction. */
    public abstract V128Unary unary(Opcode op);

    /** The function of a {@link SimdFamily#BINARY} instruction. */
    public abstract V128Binary binary(Opcode op);

    /** The function of a {@link SimdFamily#TERNARY} instruction. */
    public abstract V128Ternary ternary(Opcode op);

    /** The function of a {@link SimdFamily#SHIFT} instruction. */
    public abstract V128Shift shift(Opcode op);

    /** The function of a {@link SimdFamily#REDUCE} instruction. */
    public abstract V128Reduce reduce(Opcode op);

    // ---- helpers -----------------------------------------------------------------------------

    /** {@code 0x} and the 16 bytes of {@code v} from byte 15 down to byte 0: the value as one 128-bit hex number. */
    public static String toHex(long lo, long hi) {
        return String.format("0x%016x%016x", hi, lo);
    }

    /** {@link #toHex(long, long)} of a value of this implementation. */
    public String toHex(Object v) {
        return toHex(lo(v), hi(v));
    }
}
