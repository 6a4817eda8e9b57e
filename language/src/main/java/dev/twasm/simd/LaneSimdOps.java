package dev.twasm.simd;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.ObjIntConsumer;

import com.oracle.truffle.api.memory.ByteArraySupport;

import dev.twasm.model.Opcode;
import dev.twasm.runtime.NumericOps;

/**
 * {@link SimdOps} on {@link V128} values with plain Java lane arithmetic: the exact reference
 * semantics of every vector instruction, which the Vector API implementation is tested against.
 *
 * <p><b>Spec.</b> Wasm 2.0 §4.4.3 "Vector Instructions" lifts the scalar operators of §4.3
 * "Numerics" to lanes (<a href="https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions">exec/instructions</a>,
 * <a href="https://webassembly.github.io/spec/core/exec/numerics.html">exec/numerics</a>): a
 * {@code shape} such as {@code i16x8} splits the 128 bits, little-endian, into lanes; an operator
 * applies lane by lane; comparisons give an all-ones or all-zeros lane. Float lanes call the very
 * methods of {@link NumericOps} the scalar instructions use, so NaN payloads, signed zeros and
 * rounding are the scalar ones by construction. The relaxed instructions of Wasm 3.0
 * (<a href="https://webassembly.github.io/spec/core/exec/numerics.html#relaxed-operations">relaxed operations</a>)
 * take the fixed choices the {@link SimdOps} class comment lists.
 *
 * <p><b>Shape.</b> Every function is one {@link LaneOf lane function} and a lane width: lane
 * {@code i} of the result is {@code f(a, b, c, i)}, wrapped to the width ({@link #build}).
 * Operand lanes are read as Java {@code long}s, sign- or zero-extended by the spec's
 * {@code sx} ({@link #lane}), so an i64 operator on them and a wrap back to the lane width is the
 * lane operator ({@code iadd_8} of {@code 0x7f} and {@code 1} is {@code 0x80}, {@code ilt_u_8}
 * compares the zero-extended values). The tables below are filled once, at class initialisation,
 * mostly one line per operator for all shapes that have it ({@link #eachIntShape}). The functions
 * allocate nothing but their result; there is no per-lane boxing. A node or the baseline tier
 * keeps a function object as a constant, so in compiled code its lane width and lane function are
 * constants too: Graal inlines the lane function and can unroll the loop over the lanes.
 */
final class LaneSimdOps extends SimdOps {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    /** The spec's {@code sx}: lanes read as signed ({@code S}) or unsigned ({@code U}) integers. */
    private static final boolean S = true;
    private static final boolean U = false;

    private static final Map<Opcode, V128Unary> UNARY_OPS = new EnumMap<>(Opcode.class);
    private static final Map<Opcode, V128Binary> BINARY_OPS = new EnumMap<>(Opcode.class);
    private static final Map<Opcode, V128Ternary> TERNARY_OPS = new EnumMap<>(Opcode.class);
    private static final Map<Opcode, V128Shift> SHIFT_OPS = new EnumMap<>(Opcode.class);
    private static final Map<Opcode, V128Reduce> REDUCE_OPS = new EnumMap<>(Opcode.class);

    static {
        defineBitwise();
        defineIntegerLanes();
        defineFloatLanes();
        defineWideningAndNarrowing();
        defineConversions();
        defineRelaxed();
    }

    @Override
    public String name() {
        return "Java lanes";
    }

    // ---- values, memory, lanes ---------------------------------------------------------------

    @Override
    public Object fromLongs(long lo, long hi) {
        return new V128(lo, hi);
    }

    @Override
    public long lo(Object v) {
        return ((V128) v).lo;
    }

    @Override
    public long hi(Object v) {
        return ((V128) v).hi;
    }

    @Override
    public boolean isValue(Object o) {
        return o instanceof V128;
    }

    @Override
    public Object load(byte[] memory, int index) {
        return new V128(LE.getLong(memory, index), LE.getLong(memory, index + 8));
    }

    @Override
    public void store(byte[] memory, int index, Object v) {
        V128 x = (V128) v;
        LE.putLong(memory, index, x.lo);
        LE.putLong(memory, index + 8, x.hi);
    }

    /** The mask of one lane of width {@code 8 << laneLog2} bits. */
    private static long laneMask(int laneLog2) {
        return laneLog2 == 3 ? -1L : (1L << (8 << laneLog2)) - 1;
    }

    @Override
    public Object splat(int laneLog2, long bits) {
        long lane = bits & laneMask(laneLog2);
        long half = lane;
        for (int width = 8 << laneLog2; width < 64; width *= 2) {
            half |= half << width;
        }
        return new V128(half, half);
    }

    @Override
    public long extractLane(Object v, int laneLog2, int lane) {
        V128 x = (V128) v;
        int bit = lane << (laneLog2 + 3);
        long half = bit < 64 ? x.lo : x.hi;
        return (half >>> (bit & 63)) & laneMask(laneLog2);
    }

    @Override
    public Object replaceLane(Object v, int laneLog2, int lane, long bits) {
        V128 x = (V128) v;
        int bit = lane << (laneLog2 + 3);
        long mask = laneMask(laneLog2) << (bit & 63);
        long value = (bits << (bit & 63)) & mask;
        return bit < 64 ? new V128((x.lo & ~mask) | value, x.hi) : new V128(x.lo, (x.hi & ~mask) | value);
    }

    /** spec §4.4.3 {@code i8x16.shuffle}: byte i of the result is byte {@code lanes[i]} of {@code a ++ b}. */
    @Override
    public Object shuffle(Object a, Object b, byte[] lanes) {
        V128 x = (V128) a;
        V128 y = (V128) b;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 16; i++) {
            int k = lanes[i];
            long selected = k < 16 ? lane(x, 8, k, U) : lane(y, 8, k - 16, U);
            if (i < 8) {
                lo |= selected << (8 * i);
            } else {
                hi |= selected << (8 * (i - 8));
            }
        }
        return new V128(lo, hi);
    }

    // ---- the function families -----------------------------------------------------------------

    @Override
    public V128Unary unary(Opcode op) {
        return lookup(UNARY_OPS, op, "unary");
    }

    @Override
    public V128Binary binary(Opcode op) {
        return lookup(BINARY_OPS, op, "binary");
    }

    @Override
    public V128Ternary ternary(Opcode op) {
        return lookup(TERNARY_OPS, op, "ternary");
    }

    @Override
    public V128Shift shift(Opcode op) {
        return lookup(SHIFT_OPS, op, "shift");
    }

    @Override
    public V128Reduce reduce(Opcode op) {
        return lookup(REDUCE_OPS, op, "reduce");
    }

    private static <F> F lookup(Map<Opcode, F> table, Opcode op, String family) {
        F f = table.get(op);
        if (f == null) {
            throw new IllegalArgumentException(op + " is not a " + family + " vector instruction");
        }
        return f;
    }

    // ---- the tables ------------------------------------------------------------------------------

    /** spec §4.4.3 {@code v128.not/and/andnot/or/xor/bitselect/any_true}: the 128 bits as two i64 lanes. */
    private static void defineBitwise() {
        define(Opcode.V128_NOT, 64, (x, _, _, i) -> ~lane(x, 64, i, S));
        define(Opcode.V128_AND, 64, (x, y, _, i) -> lane(x, 64, i, S) & lane(y, 64, i, S));
        define(Opcode.V128_ANDNOT, 64, (x, y, _, i) -> lane(x, 64, i, S) & ~lane(y, 64, i, S));
        define(Opcode.V128_OR, 64, (x, y, _, i) -> lane(x, 64, i, S) | lane(y, 64, i, S));
        define(Opcode.V128_XOR, 64, (x, y, _, i) -> lane(x, 64, i, S) ^ lane(y, 64, i, S));
        define(Opcode.V128_BITSELECT, 64, (x, y, m, i) -> (lane(x, 64, i, S) & lane(m, 64, i, S)) | (lane(y, 64, i, S) & ~lane(m, 64, i, S)));
        put(REDUCE_OPS, Opcode.V128_ANY_TRUE, v -> anyTrue((V128) v));
    }

    /** spec §4.3.2 integer operators on each lane of {@code i8x16}, {@code i16x8}, {@code i32x4}, {@code i64x2}. */
    private static void defineIntegerLanes() {
        intUnary("abs", S, Math::abs);
        intUnary("neg", S, x -> -x);
        intUnary("popcnt", U, Long::bitCount);
        intBinary("add", S, NumericOps::i64Add);
        intBinary("sub", S, NumericOps::i64Sub);
        intBinary("mul", S, NumericOps::i64Mul);
        eachSx("add_sat", (name, sx) -> saturating(name, sx, Long::sum));
        eachSx("sub_sat", (name, sx) -> saturating(name, sx, NumericOps::i64Sub));
        saturating("q15mulr_sat_s", S, LaneSimdOps::q15mul);
        intBinary("avgr_u", U, (a, b) -> (a + b + 1) >>> 1);
        // the relations and min/max _u compare zero-extended lanes (at most 32 bits) as signed i64
        eachSx("min", (name, sx) -> intBinary(name, sx, Math::min));
        eachSx("max", (name, sx) -> intBinary(name, sx, Math::max));
        intBinary("eq", S, allOnesIf(NumericOps::i64Eq));
        intBinary("ne", S, allOnesIf(NumericOps::i64Ne));
        eachSx("lt", (name, sx) -> intBinary(name, sx, allOnesIf(NumericOps::i64LtS)));
        eachSx("gt", (name, sx) -> intBinary(name, sx, allOnesIf(NumericOps::i64GtS)));
        eachSx("le", (name, sx) -> intBinary(name, sx, allOnesIf(NumericOps::i64LeS)));
        eachSx("ge", (name, sx) -> intBinary(name, sx, allOnesIf(NumericOps::i64GeS)));
        intShift("shl", S, (x, k) -> x << k);
        intShift("shr_s", S, (x, k) -> x >> k);
        intShift("shr_u", U, (x, k) -> x >>> k);
        eachIntShape("all_true", (op, w) -> put(REDUCE_OPS, op, v -> allTrue((V128) v, w)));
        eachIntShape("bitmask", (op, w) -> put(REDUCE_OPS, op, v -> bitmask((V128) v, w)));
        define(Opcode.I8X16_SWIZZLE, 8, LaneSimdOps::swizzle);
        define(Opcode.I32X4_DOT_I16X8_S, 32, (x, y, _, i) -> pairDot(x, y, 16, i));
    }

    /** spec §4.3.3 float operators on each lane of {@code f32x4} and {@code f64x2}: the scalar instructions' methods. */
    private static void defineFloatLanes() {
        floatUnary("abs", NumericOps::f32Abs, NumericOps::f64Abs);
        floatUnary("neg", NumericOps::f32Neg, NumericOps::f64Neg);
        floatUnary("sqrt", NumericOps::f32Sqrt, NumericOps::f64Sqrt);
        floatUnary("ceil", NumericOps::f32Ceil, NumericOps::f64Ceil);
        floatUnary("floor", NumericOps::f32Floor, NumericOps::f64Floor);
        floatUnary("trunc", NumericOps::f32Trunc, NumericOps::f64Trunc);
        floatUnary("nearest", NumericOps::f32Nearest, NumericOps::f64Nearest);
        floatBinary("add", NumericOps::f32Add, NumericOps::f64Add);
        floatBinary("sub", NumericOps::f32Sub, NumericOps::f64Sub);
        floatBinary("mul", NumericOps::f32Mul, NumericOps::f64Mul);
        floatBinary("div", NumericOps::f32Div, NumericOps::f64Div);
        floatBinary("min", NumericOps::f32Min, NumericOps::f64Min);
        floatBinary("max", NumericOps::f32Max, NumericOps::f64Max);
        // fpmin(z1, z2) = z2 if flt(z2, z1) else z1; fpmax mirrored: an operand unchanged, NaNs included
        floatBinary("pmin", (a, b) -> b < a ? b : a, (a, b) -> b < a ? b : a);
        floatBinary("pmax", (a, b) -> a < b ? b : a, (a, b) -> a < b ? b : a);
        floatCompare("eq", NumericOps::f32Eq, NumericOps::f64Eq);
        floatCompare("ne", NumericOps::f32Ne, NumericOps::f64Ne);
        floatCompare("lt", NumericOps::f32Lt, NumericOps::f64Lt);
        floatCompare("gt", NumericOps::f32Gt, NumericOps::f64Gt);
        floatCompare("le", NumericOps::f32Le, NumericOps::f64Le);
        floatCompare("ge", NumericOps::f32Ge, NumericOps::f64Ge);
    }

    /**
     * The instructions between a narrow lane width {@code w} and the wide one {@code 2w} (spec
     * §4.4.3): {@code extend}, {@code extmul}, {@code extadd_pairwise} (wide lanes from narrow
     * ones, which are extended by {@code sx} first, so products and sums are exact) and
     * {@code narrow} (narrow lanes from wide ones, read signed and saturated by {@code sx}).
     */
    private static void defineWideningAndNarrowing() {
        for (int w : new int[] {8, 16, 32}) {
            String narrow = shape(w);
            String wide = shape(2 * w);
            int wideLanes = 64 / w;
            for (boolean sx : new boolean[] {S, U}) {
                String suffix = sx ? "_s" : "_u";
                for (int first : new int[] {0, wideLanes}) {
                    String which = (first == 0 ? "_low_" : "_high_") + narrow + suffix;
                    define(op(wide + ".extend" + which), 2 * w, (x, _, _, i) -> lane(x, w, first + i, sx));
                    define(op(wide + ".extmul" + which), 2 * w, (x, y, _, i) -> lane(x, w, first + i, sx) * lane(y, w, first + i, sx));
                }
                if (w < 32) {
                    define(op(wide + ".extadd_pairwise_" + narrow + suffix), 2 * w, (x, _, _, i) -> lane(x, w, 2 * i, sx) + lane(x, w, 2 * i + 1, sx));
                    define(op(narrow + ".narrow_" + wide + suffix), w,
                                    (x, y, _, i) -> saturate(sx, w, i < wideLanes ? lane(x, 2 * w, i, S) : lane(y, 2 * w, i - wideLanes, S)));
                }
            }
        }
    }

    /** spec §4.3.4 conversions on each lane: the scalar conversions' methods; {@code _zero} results fill lanes 2 and 3 with zeros. */
    private static void defineConversions() {
        define(Opcode.I32X4_TRUNC_SAT_F32X4_S, 32, (x, _, _, i) -> NumericOps.i32TruncSatF32S(f32(x, i)));
        define(Opcode.I32X4_TRUNC_SAT_F32X4_U, 32, (x, _, _, i) -> NumericOps.i32TruncSatF32U(f32(x, i)));
        define(Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO, 32, (x, _, _, i) -> i < 2 ? NumericOps.i32TruncSatF64S(f64(x, i)) : 0);
        define(Opcode.I32X4_TRUNC_SAT_F64X2_U_ZERO, 32, (x, _, _, i) -> i < 2 ? NumericOps.i32TruncSatF64U(f64(x, i)) : 0);
        define(Opcode.F32X4_CONVERT_I32X4_S, 32, (x, _, _, i) -> bits(NumericOps.f32ConvertI32S((int) lane(x, 32, i, S))));
        define(Opcode.F32X4_CONVERT_I32X4_U, 32, (x, _, _, i) -> bits(NumericOps.f32ConvertI32U((int) lane(x, 32, i, S))));
        define(Opcode.F64X2_CONVERT_LOW_I32X4_S, 64, (x, _, _, i) -> bits(NumericOps.f64ConvertI32S((int) lane(x, 32, i, S))));
        define(Opcode.F64X2_CONVERT_LOW_I32X4_U, 64, (x, _, _, i) -> bits(NumericOps.f64ConvertI32U((int) lane(x, 32, i, S))));
        define(Opcode.F32X4_DEMOTE_F64X2_ZERO, 32, (x, _, _, i) -> i < 2 ? bits(NumericOps.f32DemoteF64(f64(x, i))) : 0);
        define(Opcode.F64X2_PROMOTE_LOW_F32X4, 64, (x, _, _, i) -> bits(NumericOps.f64PromoteF32(f32(x, i))));
    }

    /**
     * The relaxed instructions (Wasm 3.0), deterministic as the {@link SimdOps} class comment says:
     * the non-relaxed counterpart where there is one; {@code madd}/{@code nmadd} fused (one
     * rounding); the dot products with the second operand's bytes signed, each pair of products
     * added with signed saturation to i16 as the spec's {@code ivdot_sat} does, the i32 sums wrapping.
     */
    private static void defineRelaxed() {
        same(Opcode.I8X16_RELAXED_SWIZZLE, Opcode.I8X16_SWIZZLE);
        same(Opcode.I32X4_RELAXED_TRUNC_F32X4_S, Opcode.I32X4_TRUNC_SAT_F32X4_S);
        same(Opcode.I32X4_RELAXED_TRUNC_F32X4_U, Opcode.I32X4_TRUNC_SAT_F32X4_U);
        same(Opcode.I32X4_RELAXED_TRUNC_F64X2_S_ZERO, Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO);
        same(Opcode.I32X4_RELAXED_TRUNC_F64X2_U_ZERO, Opcode.I32X4_TRUNC_SAT_F64X2_U_ZERO);
        same(Opcode.F32X4_RELAXED_MIN, Opcode.F32X4_MIN);
        same(Opcode.F32X4_RELAXED_MAX, Opcode.F32X4_MAX);
        same(Opcode.F64X2_RELAXED_MIN, Opcode.F64X2_MIN);
        same(Opcode.F64X2_RELAXED_MAX, Opcode.F64X2_MAX);
        same(Opcode.I8X16_RELAXED_LANESELECT, Opcode.V128_BITSELECT);
        same(Opcode.I16X8_RELAXED_LANESELECT, Opcode.V128_BITSELECT);
        same(Opcode.I32X4_RELAXED_LANESELECT, Opcode.V128_BITSELECT);
        same(Opcode.I64X2_RELAXED_LANESELECT, Opcode.V128_BITSELECT);
        same(Opcode.I16X8_RELAXED_Q15MULR_S, Opcode.I16X8_Q15MULR_SAT_S);
        // the deterministic profile: unfused, a rounded product then a rounded sum
        floatTernary("relaxed_madd", (a, b, c) -> NumericOps.f32Add(NumericOps.f32Mul(a, b), c),
                        (a, b, c) -> NumericOps.f64Add(NumericOps.f64Mul(a, b), c));
        floatTernary("relaxed_nmadd", (a, b, c) -> NumericOps.f32Add(NumericOps.f32Mul(NumericOps.f32Neg(a), b), c),
                        (a, b, c) -> NumericOps.f64Add(NumericOps.f64Mul(NumericOps.f64Neg(a), b), c));
        define(Opcode.I16X8_RELAXED_DOT_I8X16_I7X16_S, 16, LaneSimdOps::relaxedDot);
        define(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, 32,
                        (x, y, acc, i) -> relaxedDot(x, y, null, 2 * i) + relaxedDot(x, y, null, 2 * i + 1) + lane(acc, 32, i, S));
    }

    // ---- lane operators that are more than an expression ------------------------------------------

    /** spec §4.4.3 {@code i8x16.swizzle}: byte {@code y[i]} of {@code x}, 0 for an index of 16 and above. */
    private static long swizzle(V128 x, V128 y, V128 unused, int i) {
        long k = lane(y, 8, i, U);
        return k < 16 ? lane(x, 8, (int) k, U) : 0;
    }

    /** spec iq15mulr_sat_s (§4.3.2) before the saturation: the rounded Q15 product, {@code (a * b + 2^14) >> 15}. */
    private static long q15mul(long a, long b) {
        return (a * b + 0x4000) >> 15;
    }

    /** Signed lanes {@code 2i} and {@code 2i + 1} of width {@code w} of {@code x} and {@code y}, multiplied and added: lane i of a dot product. */
    private static long pairDot(V128 x, V128 y, int w, int i) {
        return lane(x, w, 2 * i, S) * lane(y, w, 2 * i, S) + lane(x, w, 2 * i + 1, S) * lane(y, w, 2 * i + 1, S);
    }

    /** Lane i of {@code i16x8.relaxed_dot_i8x16_i7x16_s}: the signed pair dot of bytes, saturated to i16. */
    private static long relaxedDot(V128 x, V128 y, V128 unused, int i) {
        return saturate(S, 16, pairDot(x, y, 8, i));
    }

    /** spec §4.4.3 {@code v128.any_true}: 1 if any bit is set. */
    private static int anyTrue(V128 v) {
        return (v.lo | v.hi) != 0 ? 1 : 0;
    }

    /** spec §4.4.3 {@code shape.all_true}: 1 if no lane of width {@code w} is zero. */
    private static int allTrue(V128 v, int w) {
        for (int i = 0; i < 128 / w; i++) {
            if (lane(v, w, i, U) == 0) {
                return 0;
            }
        }
        return 1;
    }

    /** spec §4.4.3 {@code shape.bitmask}: bit i is the top bit of lane i. */
    private static int bitmask(V128 v, int w) {
        int mask = 0;
        for (int i = 0; i < 128 / w; i++) {
            if (lane(v, w, i, S) < 0) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** spec sat_s and sat_u (§4.3 conventions): {@code x} clamped to the signed or unsigned range of {@code w} bits. */
    private static long saturate(boolean sx, int w, long x) {
        return sx ? Math.clamp(x, -(1L << (w - 1)), (1L << (w - 1)) - 1) : Math.clamp(x, 0, (1L << w) - 1);
    }

    // ---- lanes ----------------------------------------------------------------------------------

    /** Lane {@code i} of the result of one instruction, from its operands (unused ones are null). */
    @FunctionalInterface
    private interface LaneOf {
        long at(V128 a, V128 b, V128 c, int i);
    }

    /**
     * spec lanes^-1 (§4.3.1 "Vectors"): the vector whose lane {@code i} of width {@code w} bits is the low
     * {@code w} bits of {@code f(a, b, c, i)}.
     */
    private static V128 build(int w, V128 a, V128 b, V128 c, LaneOf f) {
        int perHalf = 64 / w;
        long mask = w == 64 ? -1L : (1L << w) - 1;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < perHalf; i++) {
            lo |= (f.at(a, b, c, i) & mask) << (i * w);
            hi |= (f.at(a, b, c, perHalf + i) & mask) << (i * w);
        }
        return new V128(lo, hi);
    }

    /**
     * Lane {@code i} of width {@code w} bits of {@code v}, sign-extended ({@code sx = S}) or
     * zero-extended to 64 bits. An unsigned 64-bit lane is its raw bits, which only
     * {@code i64x2.shr_u} reads: the spec has no unsigned i64x2 comparison or min/max.
     */
    private static long lane(V128 v, int w, int i, boolean sx) {
        int bit = i * w;
        long top = (bit < 64 ? v.lo : v.hi) << (64 - w - (bit & 63));
        return sx ? top >> (64 - w) : top >>> (64 - w);
    }

    private static float f32(V128 v, int i) {
        return Float.intBitsToFloat((int) lane(v, 32, i, U));
    }

    private static double f64(V128 v, int i) {
        return Double.longBitsToDouble(lane(v, 64, i, S));
    }

    private static long bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** {@code i8x16} for 8, ..., {@code i64x2} for 64. */
    private static String shape(int w) {
        return "i" + w + "x" + (128 / w);
    }

    // ---- filling the tables ------------------------------------------------------------------------

    /** Registers the lane function {@code f} of width {@code w} as instruction {@code op}, in the table of its family. */
    private static void define(Opcode op, int w, LaneOf f) {
        switch (SimdFamily.of(op)) {
            case UNARY -> put(UNARY_OPS, op, v -> build(w, (V128) v, null, null, f));
            case BINARY -> put(BINARY_OPS, op, (a, b) -> build(w, (V128) a, (V128) b, null, f));
            case TERNARY -> put(TERNARY_OPS, op, (a, b, c) -> build(w, (V128) a, (V128) b, (V128) c, f));
            default -> throw new IllegalStateException(op + " is no lanewise instruction");
        }
    }

    private static <F> void put(Map<Opcode, F> table, Opcode op, F f) {
        if (table.putIfAbsent(op, f) != null) {
            throw new IllegalStateException(op + " defined twice");
        }
    }

    /** Relaxed instruction {@code relaxed} as the function of {@code counterpart}. */
    private static void same(Opcode relaxed, Opcode counterpart) {
        switch (SimdFamily.of(relaxed)) {
            case UNARY -> put(UNARY_OPS, relaxed, UNARY_OPS.get(counterpart));
            case BINARY -> put(BINARY_OPS, relaxed, BINARY_OPS.get(counterpart));
            case TERNARY -> put(TERNARY_OPS, relaxed, TERNARY_OPS.get(counterpart));
            default -> throw new IllegalStateException(relaxed + " is no lanewise instruction");
        }
    }

    private static Opcode op(String mnemonic) {
        Opcode op = Opcode.fromMnemonic(mnemonic);
        if (op == null) {
            throw new IllegalStateException("no instruction " + mnemonic);
        }
        return op;
    }

    /**
     * Calls {@code define} with each integer shape's instruction {@code shape.name} that exists
     * ({@code i8x16.add} to {@code i64x2.add}, but only {@code i16x8.q15mulr_sat_s}) and its lane
     * width; at least one must exist.
     */
    private static void eachIntShape(String name, ObjIntConsumer<Opcode> define) {
        int found = 0;
        for (int w = 8; w <= 64; w *= 2) {
            Opcode op = Opcode.fromMnemonic(shape(w) + "." + name);
            if (op != null) {
                define.accept(op, w);
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalStateException("no integer instruction " + name);
        }
    }

    /** Calls {@code define} for {@code name_s} with signed and {@code name_u} with unsigned lanes (spec: one operator with parameter sx). */
    private static void eachSx(String name, BiConsumer<String, Boolean> define) {
        define.accept(name + "_s", S);
        define.accept(name + "_u", U);
    }

    private static void intUnary(String name, boolean sx, LongUnaryOperator f) {
        eachIntShape(name, (op, w) -> define(op, w, (x, _, _, i) -> f.applyAsLong(lane(x, w, i, sx))));
    }

    private static void intBinary(String name, boolean sx, LongBinaryOperator f) {
        eachIntShape(name, (op, w) -> define(op, w, (x, y, _, i) -> f.applyAsLong(lane(x, w, i, sx), lane(y, w, i, sx))));
    }

    /** As {@link #intBinary}, the exact result then saturated by the same {@code sx} (spec iadd_sat_sx, isub_sat_sx, iq15mulr_sat_s). */
    private static void saturating(String name, boolean sx, LongBinaryOperator f) {
        eachIntShape(name, (op, w) -> define(op, w, (x, y, _, i) -> saturate(sx, w, f.applyAsLong(lane(x, w, i, sx), lane(y, w, i, sx)))));
    }

    /** spec §4.4.3 shifts: the count modulo the lane width, then {@code f} on each lane read by {@code sx}. */
    private static void intShift(String name, boolean sx, LongBinaryOperator f) {
        eachIntShape(name, (op, w) -> put(SHIFT_OPS, op, (v, count) -> {
            V128 x = (V128) v;
            int k = count & (w - 1);
            long mask = w == 64 ? -1L : (1L << w) - 1;
            long lo = 0;
            long hi = 0;
            for (int bit = 0; bit < 64; bit += w) {
                lo |= (f.applyAsLong(lane(x, w, bit / w, sx), k) & mask) << bit;
                hi |= (f.applyAsLong(lane(x, w, (64 + bit) / w, sx), k) & mask) << bit;
            }
            return new V128(lo, hi);
        }));
    }

    /** A relation of {@link NumericOps} (0 or 1) as a lane operator giving all ones or zero (spec §4.4.3 vrelop). */
    private static LongBinaryOperator allOnesIf(LongRelation relation) {
        return (a, b) -> -relation.test(a, b);
    }

    private static void floatUnary(String name, F32Unary f32, DoubleUnaryOperator f64) {
        define(op("f32x4." + name), 32, (x, _, _, i) -> bits(f32.apply(f32(x, i))));
        define(op("f64x2." + name), 64, (x, _, _, i) -> bits(f64.applyAsDouble(f64(x, i))));
    }

    private static void floatBinary(String name, F32Binary f32, DoubleBinaryOperator f64) {
        define(op("f32x4." + name), 32, (x, y, _, i) -> bits(f32.apply(f32(x, i), f32(y, i))));
        define(op("f64x2." + name), 64, (x, y, _, i) -> bits(f64.applyAsDouble(f64(x, i), f64(y, i))));
    }

    private static void floatTernary(String name, F32Ternary f32, F64Ternary f64) {
        define(op("f32x4." + name), 32, (x, y, z, i) -> bits(f32.apply(f32(x, i), f32(y, i), f32(z, i))));
        define(op("f64x2." + name), 64, (x, y, z, i) -> bits(f64.apply(f64(x, i), f64(y, i), f64(z, i))));
    }

    private static void floatCompare(String name, F32Relation f32, F64Relation f64) {
        define(op("f32x4." + name), 32, (x, y, _, i) -> -f32.test(f32(x, i), f32(y, i)));
        define(op("f64x2." + name), 64, (x, y, _, i) -> -f64.test(f64(x, i), f64(y, i)));
    }

    @FunctionalInterface
    private interface LongRelation {
        int test(long a, long b);
    }

    @FunctionalInterface
    private interface F32Unary {
        float apply(float x);
    }

    @FunctionalInterface
    private interface F32Binary {
        float apply(float a, float b);
    }

    @FunctionalInterface
    private interface F32Ternary {
        float apply(float a, float b, float c);
    }

    @FunctionalInterface
    private interface F64Ternary {
        double apply(double a, double b, double c);
    }

    @FunctionalInterface
    private interface F32Relation {
        int test(float a, float b);
    }

    @FunctionalInterface
    private interface F64Relation {
        int test(double a, double b);
    }
}
