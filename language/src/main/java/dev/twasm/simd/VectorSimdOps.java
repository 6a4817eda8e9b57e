package dev.twasm.simd;

import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.BIT_COUNT;
import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.D2I;
import static jdk.incubator.vector.VectorOperators.DIV;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2D;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.I2L;
import static jdk.incubator.vector.VectorOperators.IS_NEGATIVE;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.MUL;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.NEG;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.S2I;
import static jdk.incubator.vector.VectorOperators.SADD;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.SSUB;
import static jdk.incubator.vector.VectorOperators.SUADD;
import static jdk.incubator.vector.VectorOperators.SUB;
import static jdk.incubator.vector.VectorOperators.SUSUB;
import static jdk.incubator.vector.VectorOperators.UGE;
import static jdk.incubator.vector.VectorOperators.UGT;
import static jdk.incubator.vector.VectorOperators.ULE;
import static jdk.incubator.vector.VectorOperators.ULT;
import static jdk.incubator.vector.VectorOperators.UMAX;
import static jdk.incubator.vector.VectorOperators.UMIN;
import static jdk.incubator.vector.VectorOperators.XOR;
import static jdk.incubator.vector.VectorOperators.ZERO_EXTEND_B2S;
import static jdk.incubator.vector.VectorOperators.ZERO_EXTEND_I2L;
import static jdk.incubator.vector.VectorOperators.ZERO_EXTEND_S2I;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import com.oracle.truffle.api.CompilerDirectives;

import dev.twasm.model.Opcode;
import dev.twasm.runtime.NumericOps;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SimdOps} on the JDK's Vector API: a {@code v128} is a {@link ByteVector} of
 * {@link ByteVector#SPECIES_128}, its lane i byte i of the value, and every instruction is a short
 * composition of Vector API operations, which HotSpot C2 and Graal compile to SSE/AVX (or NEON)
 * instructions. Used when the module {@code jdk.incubator.vector} is in the boot layer.
 *
 * <p><b>Spec.</b> Wasm 2.0 §4.4.3 "Vector Instructions" lifts the operators of §4.3 "Numerics" to
 * lanes (<a href="https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions">exec/instructions</a>,
 * <a href="https://webassembly.github.io/spec/core/exec/numerics.html">exec/numerics</a>); the
 * relaxed instructions of Wasm 3.0 take the fixed choices of the {@link SimdOps} class comment. A
 * shape ({@code i16x8}, {@code f32x4}, ...) is a reinterpretation of the byte vector, which the
 * Vector API defines as little-endian on every platform, exactly the spec's lane order. The results
 * are bit for bit those of {@link LaneSimdOps}, the plain-Java reference, which the tests check:
 * <ul>
 * <li>Integer lane operators, saturation, comparisons, bitwise operators, shifts (count masked to
 * the lane width), widening, float {@code add}, {@code sub}, {@code mul}, {@code div},
 * {@code sqrt}, and the conversions whose Java cast is the spec's ({@code convert_s},
 * {@code trunc_sat_s}, {@code promote}, {@code demote}) are single Vector API operations. The
 * hardware's IEEE operations propagate a NaN operand's payload quieted, as the scalar instructions
 * in {@code NumericOps} do.</li>
 * <li>Float {@code abs} and {@code neg} are bit operations on the integer lanes, so payloads are
 * kept.</li>
 * <li>{@code f32x4.min} and {@code max} use the Vector API's {@code Math.min}/{@code Math.max}
 * semantics (NaN if either is, {@code -0 < +0}) and then put, in NaN lanes, the first NaN operand
 * quieted ({@link #minMax}). {@code pmin}/{@code pmax} are a compare and a blend.</li>
 * <li>{@code f32x4.nearest}, {@code trunc}, {@code floor}, {@code ceil} round the magnitude with
 * the hardware's round-to-nearest-even addition of 2^23 and correct it by one where needed
 * ({@link #rounded}).</li>
 * <li>64-bit lanes never use a Vector API mask: HotSpot C2 (JDK 25, x86) supports no masks of two
 * lanes, so a compare, blend or test on {@code i64x2}/{@code f64x2} lanes would run the Vector
 * API's allocating Java fallback. The {@code i64x2} relations, {@code abs}, {@code all_true} and
 * {@code bitmask} use sign tricks and 32-bit masks; the {@code f64x2} relations, {@code min},
 * {@code max}, {@code pmin}, {@code pmax}, the roundings and {@code trunc_sat_f64x2_u_zero} apply
 * the scalar instruction's {@code NumericOps} method to the two lanes (extracted and inserted in
 * registers, so exact by construction and about as fast as the vector form);
 * {@code convert_low_i32x4_u} is exact bit arithmetic.</li>
 * <li>{@code trunc_sat_u}, {@code convert_u}, {@code narrow}, {@code q15mulr_sat_s},
 * {@code extadd_pairwise}, {@code dot} and the relaxed dot products are a few exact lane
 * operations each (see the helpers); {@code shuffle}, {@code swizzle} and {@code narrow} select
 * bytes with one-table rearranges and a blend ({@link #select}).</li>
 * <li>Code that Truffle's Graal compiles gets a second form of the instructions Graal 25.0.1 cannot
 * expand to SIMD: saturating add/sub, unsigned min/max, {@code popcnt}, {@code relaxed_dot} and the
 * float/integer and f32/f64 conversions (one such operation would keep every vector connected to
 * it in memory, calling the Vector API's Java fallback). Those forms are compares and blends, or
 * the scalar {@code NumericOps} conversion per lane; see the comment at {@code unary(op, hotSpot,
 * graal)}.</li>
 * </ul>
 * No instruction falls back to {@link LaneSimdOps}. Where a lane has two NaN operands of
 * {@code add}, {@code sub}, {@code mul}, {@code div} (or of the unfused {@code relaxed_madd}), the
 * hardware propagates the first one of its instruction, so the payload depends on the operand order
 * the JIT chose, in the scalar instructions too (HotSpot's interpreter computes {@code a + b} as
 * {@code b + a}); either is an operand quieted, as the spec allows.
 *
 * <p><b>Shaped for compilation.</b> The functions are one lambda per instruction in the tables
 * below, each naming its {@link VectorOperators} operator literally and capturing nothing, so a
 * lambda's body compiles to vector instructions even when it is compiled on its own (C2 compiling
 * the interpreter), and when a node or the baseline tier holds the function as a constant, Graal and
 * C2 inline it. The helpers are small static methods whose operator, lane width and mode arguments
 * are constants at every call, so they fold after inlining. {@link #zero} is a fresh vector, not a
 * shared constant: a constant object as the start value of a loop-carried {@code v128} keeps C2
 * from eliminating the vector boxes in the loop. Operands are cast with the value
 * class's {@link Class#cast}: the class is final, so compiled code knows the exact vector class and
 * calls into the Vector API devirtualize. Nothing allocates but vector values, which compiled code
 * keeps in registers.
 */
final class VectorSimdOps extends SimdOps {
    private static final VectorSpecies<Byte> I8 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> I16 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I32 = IntVector.SPECIES_128;
    private static final VectorSpecies<Long> I64 = LongVector.SPECIES_128;
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_128;

    /** The class of the values: the Vector API's final 128-bit byte vector class. */
    private static final Class<? extends ByteVector> VALUE = ByteVector.zero(I8).getClass();
    /** For {@code i8x16.narrow}: byte indices into {@code a ++ b} of the low byte of each i16 lane. */
    private static final ByteVector LOW_BYTES = lowHalves(1);
    /** For {@code i16x8.narrow}: byte indices into {@code a ++ b} of the low i16 of each i32 lane. */
    private static final ByteVector LOW_SHORTS = lowHalves(2);

    /** The rounding modes of {@link #rounded}. */
    private static final int NEAREST = 0;
    private static final int TRUNC = 1;
    private static final int FLOOR = 2;
    private static final int CEIL = 3;

    private static final int F32_SIGN = 0x8000_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;

    /** The function of every instruction of the families {@code UNARY} to {@code REDUCE}. */
    private static final Map<Opcode, Object> FUNCTIONS = new EnumMap<>(Opcode.class);
    /** The second forms, for Truffle-compiled code, of the instructions that have one. */
    private static final Map<Opcode, Object> GRAAL_FORMS = new EnumMap<>(Opcode.class);

    static {
        defineBitwise();
        defineComparisons();
        defineIntegerArithmetic();
        defineFloatArithmetic();
        defineWideningAndNarrowing();
        defineConversions();
        defineShiftsAndReductions();
        defineRelaxed();
    }

    /** Instantiated reflectively by {@link SimdOps}, only when the Vector API module is present. */
    public VectorSimdOps() {
    }

    @Override
    public String name() {
        return "Vector API";
    }

    // ---- values, memory, lanes ---------------------------------------------------------------

    @Override
    public Object fromLongs(long lo, long hi) {
        return LongVector.broadcast(I64, lo).withLane(1, hi).reinterpretAsBytes();
    }

    /** A fresh zero vector, not a shared constant: a constant as the start of a loop-carried value keeps C2 from eliminating the boxes. */
    @Override
    public Object zero() {
        return ByteVector.zero(I8);
    }

    @Override
    public long lo(Object v) {
        return longs(v).lane(0);
    }

    @Override
    public long hi(Object v) {
        return longs(v).lane(1);
    }

    @Override
    public boolean isValue(Object o) {
        return VALUE.isInstance(o);
    }

    @Override
    public Object load(byte[] memory, int index) {
        return ByteVector.fromArray(I8, memory, index);
    }

    @Override
    public void store(byte[] memory, int index, Object v) {
        bytes(v).intoArray(memory, index);
    }

    @Override
    public Object splat(int laneLog2, long bits) {
        return switch (laneLog2) {
            case 0 -> ByteVector.broadcast(I8, (byte) bits);
            case 1 -> ShortVector.broadcast(I16, (short) bits).reinterpretAsBytes();
            case 2 -> IntVector.broadcast(I32, (int) bits).reinterpretAsBytes();
            default -> LongVector.broadcast(I64, bits).reinterpretAsBytes();
        };
    }

    @Override
    public long extractLane(Object v, int laneLog2, int lane) {
        return switch (laneLog2) {
            case 0 -> Byte.toUnsignedLong(bytes(v).lane(lane));
            case 1 -> Short.toUnsignedLong(shorts(v).lane(lane));
            case 2 -> Integer.toUnsignedLong(ints(v).lane(lane));
            default -> longs(v).lane(lane);
        };
    }

    @Override
    public Object replaceLane(Object v, int laneLog2, int lane, long bits) {
        return switch (laneLog2) {
            case 0 -> bytes(v).withLane(lane, (byte) bits);
            case 1 -> shorts(v).withLane(lane, (short) bits).reinterpretAsBytes();
            case 2 -> ints(v).withLane(lane, (int) bits).reinterpretAsBytes();
            default -> longs(v).withLane(lane, bits).reinterpretAsBytes();
        };
    }

    /** spec §4.4.3 {@code i8x16.shuffle}: byte selection from {@code a ++ b} ({@link #select}). */
    @Override
    public Object shuffle(Object a, Object b, byte[] lanes) {
        return select(ByteVector.fromArray(I8, lanes, 0), bytes(a), bytes(b));
    }

    // ---- the function families -----------------------------------------------------------------

    @Override
    public V128Unary unary(Opcode op) {
        return function(op, SimdFamily.UNARY, V128Unary.class);
    }

    @Override
    public V128Binary binary(Opcode op) {
        return function(op, SimdFamily.BINARY, V128Binary.class);
    }

    @Override
    public V128Ternary ternary(Opcode op) {
        return function(op, SimdFamily.TERNARY, V128Ternary.class);
    }

    @Override
    public V128Shift shift(Opcode op) {
        return function(op, SimdFamily.SHIFT, V128Shift.class);
    }

    @Override
    public V128Reduce reduce(Opcode op) {
        return function(op, SimdFamily.REDUCE, V128Reduce.class);
    }

    private static <F> F function(Opcode op, SimdFamily family, Class<F> type) {
        if (!op.isVector() || SimdFamily.of(op) != family) {
            throw new IllegalArgumentException(op + " is not a " + family.name().toLowerCase(Locale.ROOT) + " vector instruction");
        }
        return type.cast(FUNCTIONS.get(op));
    }

    // ---- the tables: one line per instruction --------------------------------------------------

    /** spec §4.4.3 {@code v128.not/and/andnot/or/xor/bitselect/any_true}. */
    private static void defineBitwise() {
        unary(Opcode.V128_NOT, v -> bytes(v).not());
        binary(Opcode.V128_AND, (a, b) -> bytes(a).and(bytes(b)));
        binary(Opcode.V128_ANDNOT, (a, b) -> bytes(a).lanewise(AND_NOT, bytes(b)));
        binary(Opcode.V128_OR, (a, b) -> bytes(a).or(bytes(b)));
        binary(Opcode.V128_XOR, (a, b) -> bytes(a).lanewise(XOR, bytes(b)));
        ternary(Opcode.V128_BITSELECT, (a, b, c) -> bytes(b).bitwiseBlend(bytes(a), bytes(c)));
        reduce(Opcode.V128_ANY_TRUE, v -> bytes(v).compare(NE, 0).anyTrue() ? 1 : 0);
    }

    /** spec §4.4.3 vrelop: all ones in the lanes where the relation holds, zeros elsewhere. */
    private static void defineComparisons() {
        binary(Opcode.I8X16_EQ, (a, b) -> lanes(bytes(a).compare(EQ, bytes(b))));
        binary(Opcode.I8X16_NE, (a, b) -> lanes(bytes(a).compare(NE, bytes(b))));
        binary(Opcode.I8X16_LT_S, (a, b) -> lanes(bytes(a).compare(LT, bytes(b))));
        binary(Opcode.I8X16_LT_U, (a, b) -> lanes(bytes(a).compare(ULT, bytes(b))));
        binary(Opcode.I8X16_GT_S, (a, b) -> lanes(bytes(a).compare(GT, bytes(b))));
        binary(Opcode.I8X16_GT_U, (a, b) -> lanes(bytes(a).compare(UGT, bytes(b))));
        binary(Opcode.I8X16_LE_S, (a, b) -> lanes(bytes(a).compare(LE, bytes(b))));
        binary(Opcode.I8X16_LE_U, (a, b) -> lanes(bytes(a).compare(ULE, bytes(b))));
        binary(Opcode.I8X16_GE_S, (a, b) -> lanes(bytes(a).compare(GE, bytes(b))));
        binary(Opcode.I8X16_GE_U, (a, b) -> lanes(bytes(a).compare(UGE, bytes(b))));
        binary(Opcode.I16X8_EQ, (a, b) -> lanes(shorts(a).compare(EQ, shorts(b))));
        binary(Opcode.I16X8_NE, (a, b) -> lanes(shorts(a).compare(NE, shorts(b))));
        binary(Opcode.I16X8_LT_S, (a, b) -> lanes(shorts(a).compare(LT, shorts(b))));
        binary(Opcode.I16X8_LT_U, (a, b) -> lanes(shorts(a).compare(ULT, shorts(b))));
        binary(Opcode.I16X8_GT_S, (a, b) -> lanes(shorts(a).compare(GT, shorts(b))));
        binary(Opcode.I16X8_GT_U, (a, b) -> lanes(shorts(a).compare(UGT, shorts(b))));
        binary(Opcode.I16X8_LE_S, (a, b) -> lanes(shorts(a).compare(LE, shorts(b))));
        binary(Opcode.I16X8_LE_U, (a, b) -> lanes(shorts(a).compare(ULE, shorts(b))));
        binary(Opcode.I16X8_GE_S, (a, b) -> lanes(shorts(a).compare(GE, shorts(b))));
        binary(Opcode.I16X8_GE_U, (a, b) -> lanes(shorts(a).compare(UGE, shorts(b))));
        binary(Opcode.I32X4_EQ, (a, b) -> lanes(ints(a).compare(EQ, ints(b))));
        binary(Opcode.I32X4_NE, (a, b) -> lanes(ints(a).compare(NE, ints(b))));
        binary(Opcode.I32X4_LT_S, (a, b) -> lanes(ints(a).compare(LT, ints(b))));
        binary(Opcode.I32X4_LT_U, (a, b) -> lanes(ints(a).compare(ULT, ints(b))));
        binary(Opcode.I32X4_GT_S, (a, b) -> lanes(ints(a).compare(GT, ints(b))));
        binary(Opcode.I32X4_GT_U, (a, b) -> lanes(ints(a).compare(UGT, ints(b))));
        binary(Opcode.I32X4_LE_S, (a, b) -> lanes(ints(a).compare(LE, ints(b))));
        binary(Opcode.I32X4_LE_U, (a, b) -> lanes(ints(a).compare(ULE, ints(b))));
        binary(Opcode.I32X4_GE_S, (a, b) -> lanes(ints(a).compare(GE, ints(b))));
        binary(Opcode.I32X4_GE_U, (a, b) -> lanes(ints(a).compare(UGE, ints(b))));
        // 64-bit lanes without masks (see the class comment): sign tricks
        binary(Opcode.I64X2_EQ, (a, b) -> value(isZero(longs(a).lanewise(XOR, longs(b)))));
        binary(Opcode.I64X2_NE, (a, b) -> value(isZero(longs(a).lanewise(XOR, longs(b))).not()));
        binary(Opcode.I64X2_LT_S, (a, b) -> value(lessThan(longs(a), longs(b))));
        binary(Opcode.I64X2_GT_S, (a, b) -> value(lessThan(longs(b), longs(a))));
        binary(Opcode.I64X2_LE_S, (a, b) -> value(lessThan(longs(b), longs(a)).not()));
        binary(Opcode.I64X2_GE_S, (a, b) -> value(lessThan(longs(a), longs(b)).not()));
        // float relations are false for NaN operands, ne true: Java's, and the spec's
        binary(Opcode.F32X4_EQ, (a, b) -> lanes(floats(a).compare(EQ, floats(b)).cast(I32)));
        binary(Opcode.F32X4_NE, (a, b) -> lanes(floats(a).compare(NE, floats(b)).cast(I32)));
        binary(Opcode.F32X4_LT, (a, b) -> lanes(floats(a).compare(LT, floats(b)).cast(I32)));
        binary(Opcode.F32X4_GT, (a, b) -> lanes(floats(a).compare(GT, floats(b)).cast(I32)));
        binary(Opcode.F32X4_LE, (a, b) -> lanes(floats(a).compare(LE, floats(b)).cast(I32)));
        binary(Opcode.F32X4_GE, (a, b) -> lanes(floats(a).compare(GE, floats(b)).cast(I32)));
        // f64x2 relations lane by lane (no 2-lane masks), the scalar instructions' methods
        binary(Opcode.F64X2_EQ, (a, b) -> f64x2Relation(a, b, NumericOps::f64Eq));
        binary(Opcode.F64X2_NE, (a, b) -> f64x2Relation(a, b, NumericOps::f64Ne));
        binary(Opcode.F64X2_LT, (a, b) -> f64x2Relation(a, b, NumericOps::f64Lt));
        binary(Opcode.F64X2_GT, (a, b) -> f64x2Relation(a, b, NumericOps::f64Gt));
        binary(Opcode.F64X2_LE, (a, b) -> f64x2Relation(a, b, NumericOps::f64Le));
        binary(Opcode.F64X2_GE, (a, b) -> f64x2Relation(a, b, NumericOps::f64Ge));
    }

    /** spec §4.3.2 integer operators on the lanes of each shape that has them. */
    private static void defineIntegerArithmetic() {
        unary(Opcode.I8X16_ABS, v -> bytes(v).lanewise(ABS));
        unary(Opcode.I8X16_NEG, v -> bytes(v).lanewise(NEG));
        unary(Opcode.I8X16_POPCNT, v -> bytes(v).lanewise(BIT_COUNT), v -> bitCount(bytes(v)));
        unary(Opcode.I16X8_ABS, v -> value(shorts(v).lanewise(ABS)));
        unary(Opcode.I16X8_NEG, v -> value(shorts(v).lanewise(NEG)));
        unary(Opcode.I32X4_ABS, v -> value(ints(v).lanewise(ABS)));
        unary(Opcode.I32X4_NEG, v -> value(ints(v).lanewise(NEG)));
        unary(Opcode.I64X2_ABS, v -> value(longs(v).lanewise(XOR, signs(longs(v))).sub(signs(longs(v)))));
        unary(Opcode.I64X2_NEG, v -> value(longs(v).lanewise(NEG)));
        binary(Opcode.I8X16_ADD, (a, b) -> bytes(a).lanewise(ADD, bytes(b)));
        binary(Opcode.I8X16_ADD_SAT_S, (a, b) -> bytes(a).lanewise(SADD, bytes(b)), (a, b) -> value(addSat(bytes(a), bytes(b), Byte.MIN_VALUE, Byte.MAX_VALUE)));
        binary(Opcode.I8X16_ADD_SAT_U, (a, b) -> bytes(a).lanewise(SUADD, bytes(b)), (a, b) -> value(addSatUnsigned(bytes(a), bytes(b))));
        binary(Opcode.I8X16_SUB, (a, b) -> bytes(a).lanewise(SUB, bytes(b)));
        binary(Opcode.I8X16_SUB_SAT_S, (a, b) -> bytes(a).lanewise(SSUB, bytes(b)), (a, b) -> value(subSat(bytes(a), bytes(b), Byte.MIN_VALUE, Byte.MAX_VALUE)));
        binary(Opcode.I8X16_SUB_SAT_U, (a, b) -> bytes(a).lanewise(SUSUB, bytes(b)), (a, b) -> value(subSatUnsigned(bytes(a), bytes(b))));
        binary(Opcode.I8X16_MIN_S, (a, b) -> bytes(a).lanewise(MIN, bytes(b)));
        binary(Opcode.I8X16_MIN_U, (a, b) -> bytes(a).lanewise(UMIN, bytes(b)), (a, b) -> value(minUnsigned(bytes(a), bytes(b))));
        binary(Opcode.I8X16_MAX_S, (a, b) -> bytes(a).lanewise(MAX, bytes(b)));
        binary(Opcode.I8X16_MAX_U, (a, b) -> bytes(a).lanewise(UMAX, bytes(b)), (a, b) -> value(maxUnsigned(bytes(a), bytes(b))));
        binary(Opcode.I8X16_AVGR_U, (a, b) -> value(roundingAverage(bytes(a), bytes(b))));
        binary(Opcode.I16X8_ADD, (a, b) -> value(shorts(a).lanewise(ADD, shorts(b))));
        binary(Opcode.I16X8_ADD_SAT_S, (a, b) -> value(shorts(a).lanewise(SADD, shorts(b))), (a, b) -> value(addSat(shorts(a), shorts(b), Short.MIN_VALUE, Short.MAX_VALUE)));
        binary(Opcode.I16X8_ADD_SAT_U, (a, b) -> value(shorts(a).lanewise(SUADD, shorts(b))), (a, b) -> value(addSatUnsigned(shorts(a), shorts(b))));
        binary(Opcode.I16X8_SUB, (a, b) -> value(shorts(a).lanewise(SUB, shorts(b))));
        binary(Opcode.I16X8_SUB_SAT_S, (a, b) -> value(shorts(a).lanewise(SSUB, shorts(b))), (a, b) -> value(subSat(shorts(a), shorts(b), Short.MIN_VALUE, Short.MAX_VALUE)));
        binary(Opcode.I16X8_SUB_SAT_U, (a, b) -> value(shorts(a).lanewise(SUSUB, shorts(b))), (a, b) -> value(subSatUnsigned(shorts(a), shorts(b))));
        binary(Opcode.I16X8_MUL, (a, b) -> value(shorts(a).lanewise(MUL, shorts(b))));
        binary(Opcode.I16X8_MIN_S, (a, b) -> value(shorts(a).lanewise(MIN, shorts(b))));
        binary(Opcode.I16X8_MIN_U, (a, b) -> value(shorts(a).lanewise(UMIN, shorts(b))), (a, b) -> value(minUnsigned(shorts(a), shorts(b))));
        binary(Opcode.I16X8_MAX_S, (a, b) -> value(shorts(a).lanewise(MAX, shorts(b))));
        binary(Opcode.I16X8_MAX_U, (a, b) -> value(shorts(a).lanewise(UMAX, shorts(b))), (a, b) -> value(maxUnsigned(shorts(a), shorts(b))));
        binary(Opcode.I16X8_AVGR_U, (a, b) -> value(roundingAverage(shorts(a), shorts(b))));
        binary(Opcode.I16X8_Q15MULR_SAT_S, VectorSimdOps::q15mulrSat);
        binary(Opcode.I32X4_ADD, (a, b) -> value(ints(a).lanewise(ADD, ints(b))));
        binary(Opcode.I32X4_SUB, (a, b) -> value(ints(a).lanewise(SUB, ints(b))));
        binary(Opcode.I32X4_MUL, (a, b) -> value(ints(a).lanewise(MUL, ints(b))));
        binary(Opcode.I32X4_MIN_S, (a, b) -> value(ints(a).lanewise(MIN, ints(b))));
        binary(Opcode.I32X4_MIN_U, (a, b) -> value(ints(a).lanewise(UMIN, ints(b))), (a, b) -> value(minUnsigned(ints(a), ints(b))));
        binary(Opcode.I32X4_MAX_S, (a, b) -> value(ints(a).lanewise(MAX, ints(b))));
        binary(Opcode.I32X4_MAX_U, (a, b) -> value(ints(a).lanewise(UMAX, ints(b))), (a, b) -> value(maxUnsigned(ints(a), ints(b))));
        binary(Opcode.I32X4_DOT_I16X8_S, (a, b) -> value(pairProducts(ints(a), ints(b), 16).add(pairProducts(ints(a), ints(b), -16))));
        binary(Opcode.I64X2_ADD, (a, b) -> value(longs(a).lanewise(ADD, longs(b))));
        binary(Opcode.I64X2_SUB, (a, b) -> value(longs(a).lanewise(SUB, longs(b))));
        binary(Opcode.I64X2_MUL, (a, b) -> value(longs(a).lanewise(MUL, longs(b))));
        binary(Opcode.I8X16_SWIZZLE, (a, b) -> bytes(a).rearrange(bytes(b).and((byte) 15).toShuffle()).blend(0, bytes(b).compare(UGE, 16)));
    }

    /** spec §4.3.3 float operators on the lanes of {@code f32x4} and {@code f64x2}. */
    private static void defineFloatArithmetic() {
        unary(Opcode.F32X4_ABS, v -> value(ints(v).and(~F32_SIGN)));
        unary(Opcode.F32X4_NEG, v -> value(ints(v).lanewise(XOR, F32_SIGN)));
        unary(Opcode.F32X4_SQRT, v -> value(floats(v).lanewise(SQRT)));
        unary(Opcode.F32X4_CEIL, v -> value(rounded(floats(v), CEIL)));
        unary(Opcode.F32X4_FLOOR, v -> value(rounded(floats(v), FLOOR)));
        unary(Opcode.F32X4_TRUNC, v -> value(rounded(floats(v), TRUNC)));
        unary(Opcode.F32X4_NEAREST, v -> value(rounded(floats(v), NEAREST)));
        unary(Opcode.F64X2_ABS, v -> value(longs(v).and(~F64_SIGN)));
        unary(Opcode.F64X2_NEG, v -> value(longs(v).lanewise(XOR, F64_SIGN)));
        unary(Opcode.F64X2_SQRT, v -> value(doubles(v).lanewise(SQRT)));
        unary(Opcode.F64X2_CEIL, v -> f64x2(v, NumericOps::f64Ceil));
        unary(Opcode.F64X2_FLOOR, v -> f64x2(v, NumericOps::f64Floor));
        unary(Opcode.F64X2_TRUNC, v -> f64x2(v, NumericOps::f64Trunc));
        unary(Opcode.F64X2_NEAREST, v -> f64x2(v, NumericOps::f64Nearest));
        binary(Opcode.F32X4_ADD, (a, b) -> value(floats(a).lanewise(ADD, floats(b))));
        binary(Opcode.F32X4_SUB, (a, b) -> value(floats(a).lanewise(SUB, floats(b))));
        binary(Opcode.F32X4_MUL, (a, b) -> value(floats(a).lanewise(MUL, floats(b))));
        binary(Opcode.F32X4_DIV, (a, b) -> value(floats(a).lanewise(DIV, floats(b))));
        binary(Opcode.F32X4_MIN, (a, b) -> value(minMax(floats(a), floats(b), MIN)));
        binary(Opcode.F32X4_MAX, (a, b) -> value(minMax(floats(a), floats(b), MAX)));
        binary(Opcode.F32X4_PMIN, (a, b) -> value(floats(a).blend(floats(b), floats(b).compare(LT, floats(a)))));
        binary(Opcode.F32X4_PMAX, (a, b) -> value(floats(a).blend(floats(b), floats(a).compare(LT, floats(b)))));
        binary(Opcode.F64X2_ADD, (a, b) -> value(doubles(a).lanewise(ADD, doubles(b))));
        binary(Opcode.F64X2_SUB, (a, b) -> value(doubles(a).lanewise(SUB, doubles(b))));
        binary(Opcode.F64X2_MUL, (a, b) -> value(doubles(a).lanewise(MUL, doubles(b))));
        binary(Opcode.F64X2_DIV, (a, b) -> value(doubles(a).lanewise(DIV, doubles(b))));
        binary(Opcode.F64X2_MIN, (a, b) -> f64x2(a, b, NumericOps::f64Min));
        binary(Opcode.F64X2_MAX, (a, b) -> f64x2(a, b, NumericOps::f64Max));
        binary(Opcode.F64X2_PMIN, (a, b) -> f64x2(a, b, (x, y) -> y < x ? y : x));
        binary(Opcode.F64X2_PMAX, (a, b) -> f64x2(a, b, (x, y) -> x < y ? y : x));
    }

    /**
     * spec §4.4.3 {@code extend}, {@code extmul}, {@code extadd_pairwise} (wide lanes from narrow
     * ones, extended by {@code sx} first, so products and sums are exact; {@code _high} is part 1
     * of the conversion) and {@code narrow} (wide lanes saturated by {@code sx}, then the low halves
     * of both operands' lanes selected).
     */
    private static void defineWideningAndNarrowing() {
        unary(Opcode.I16X8_EXTEND_LOW_I8X16_S, v -> value(bytes(v).convertShape(B2S, I16, 0)));
        unary(Opcode.I16X8_EXTEND_HIGH_I8X16_S, v -> value(bytes(v).convertShape(B2S, I16, 1)));
        unary(Opcode.I16X8_EXTEND_LOW_I8X16_U, v -> value(bytes(v).convertShape(ZERO_EXTEND_B2S, I16, 0)));
        unary(Opcode.I16X8_EXTEND_HIGH_I8X16_U, v -> value(bytes(v).convertShape(ZERO_EXTEND_B2S, I16, 1)));
        unary(Opcode.I32X4_EXTEND_LOW_I16X8_S, v -> value(shorts(v).convertShape(S2I, I32, 0)));
        unary(Opcode.I32X4_EXTEND_HIGH_I16X8_S, v -> value(shorts(v).convertShape(S2I, I32, 1)));
        unary(Opcode.I32X4_EXTEND_LOW_I16X8_U, v -> value(shorts(v).convertShape(ZERO_EXTEND_S2I, I32, 0)));
        unary(Opcode.I32X4_EXTEND_HIGH_I16X8_U, v -> value(shorts(v).convertShape(ZERO_EXTEND_S2I, I32, 1)));
        unary(Opcode.I64X2_EXTEND_LOW_I32X4_S, v -> value(ints(v).convertShape(I2L, I64, 0)));
        unary(Opcode.I64X2_EXTEND_HIGH_I32X4_S, v -> value(ints(v).convertShape(I2L, I64, 1)));
        unary(Opcode.I64X2_EXTEND_LOW_I32X4_U, v -> value(ints(v).convertShape(ZERO_EXTEND_I2L, I64, 0)));
        unary(Opcode.I64X2_EXTEND_HIGH_I32X4_U, v -> value(ints(v).convertShape(ZERO_EXTEND_I2L, I64, 1)));
        binary(Opcode.I16X8_EXTMUL_LOW_I8X16_S, (a, b) -> value(extendedProduct(bytes(a), bytes(b), B2S, I16, 0)));
        binary(Opcode.I16X8_EXTMUL_HIGH_I8X16_S, (a, b) -> value(extendedProduct(bytes(a), bytes(b), B2S, I16, 1)));
        binary(Opcode.I16X8_EXTMUL_LOW_I8X16_U, (a, b) -> value(extendedProduct(bytes(a), bytes(b), ZERO_EXTEND_B2S, I16, 0)));
        binary(Opcode.I16X8_EXTMUL_HIGH_I8X16_U, (a, b) -> value(extendedProduct(bytes(a), bytes(b), ZERO_EXTEND_B2S, I16, 1)));
        binary(Opcode.I32X4_EXTMUL_LOW_I16X8_S, (a, b) -> value(extendedProduct(shorts(a), shorts(b), S2I, I32, 0)));
        binary(Opcode.I32X4_EXTMUL_HIGH_I16X8_S, (a, b) -> value(extendedProduct(shorts(a), shorts(b), S2I, I32, 1)));
        binary(Opcode.I32X4_EXTMUL_LOW_I16X8_U, (a, b) -> value(extendedProduct(shorts(a), shorts(b), ZERO_EXTEND_S2I, I32, 0)));
        binary(Opcode.I32X4_EXTMUL_HIGH_I16X8_U, (a, b) -> value(extendedProduct(shorts(a), shorts(b), ZERO_EXTEND_S2I, I32, 1)));
        binary(Opcode.I64X2_EXTMUL_LOW_I32X4_S, (a, b) -> value(extendedProduct(ints(a), ints(b), I2L, I64, 0)));
        binary(Opcode.I64X2_EXTMUL_HIGH_I32X4_S, (a, b) -> value(extendedProduct(ints(a), ints(b), I2L, I64, 1)));
        binary(Opcode.I64X2_EXTMUL_LOW_I32X4_U, (a, b) -> value(extendedProduct(ints(a), ints(b), ZERO_EXTEND_I2L, I64, 0)));
        binary(Opcode.I64X2_EXTMUL_HIGH_I32X4_U, (a, b) -> value(extendedProduct(ints(a), ints(b), ZERO_EXTEND_I2L, I64, 1)));
        unary(Opcode.I16X8_EXTADD_PAIRWISE_I8X16_S, v -> value(halfLanes(shorts(v), 8).add(halfLanes(shorts(v), -8))));
        unary(Opcode.I16X8_EXTADD_PAIRWISE_I8X16_U, v -> value(halfLanesUnsigned(shorts(v), 8).add(halfLanesUnsigned(shorts(v), -8))));
        unary(Opcode.I32X4_EXTADD_PAIRWISE_I16X8_S, v -> value(halfLanes(ints(v), 16).add(halfLanes(ints(v), -16))));
        unary(Opcode.I32X4_EXTADD_PAIRWISE_I16X8_U, v -> value(halfLanesUnsigned(ints(v), 16).add(halfLanesUnsigned(ints(v), -16))));
        binary(Opcode.I8X16_NARROW_I16X8_S, (a, b) -> narrow(LOW_BYTES, shorts(a), shorts(b), Byte.MIN_VALUE, Byte.MAX_VALUE));
        binary(Opcode.I8X16_NARROW_I16X8_U, (a, b) -> narrow(LOW_BYTES, shorts(a), shorts(b), 0, 0xFF));
        binary(Opcode.I16X8_NARROW_I32X4_S, (a, b) -> narrow(LOW_SHORTS, ints(a), ints(b), Short.MIN_VALUE, Short.MAX_VALUE));
        binary(Opcode.I16X8_NARROW_I32X4_U, (a, b) -> narrow(LOW_SHORTS, ints(a), ints(b), 0, 0xFFFF));
    }

    /** spec §4.3.4 conversions on each lane; {@code _zero} results fill lanes 2 and 3 with zeros (part 0 of a contracting conversion). */
    private static void defineConversions() {
        unary(Opcode.I32X4_TRUNC_SAT_F32X4_S, v -> value(floats(v).convert(F2I, 0)), v -> i32x4OfF32x4(v, NumericOps::i32TruncSatF32S));
        unary(Opcode.I32X4_TRUNC_SAT_F32X4_U, VectorSimdOps::truncSatF32x4U, v -> i32x4OfF32x4(v, NumericOps::i32TruncSatF32U));
        unary(Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO, v -> value(doubles(v).convertShape(D2I, I32, 0)), v -> i32x4OfF64x2(v, NumericOps::i32TruncSatF64S));
        unary(Opcode.I32X4_TRUNC_SAT_F64X2_U_ZERO, v -> i32x4OfF64x2(v, NumericOps::i32TruncSatF64U));
        unary(Opcode.F32X4_CONVERT_I32X4_S, v -> value(ints(v).convert(I2F, 0)));
        unary(Opcode.F32X4_CONVERT_I32X4_U, VectorSimdOps::convertI32x4U);
        unary(Opcode.F64X2_CONVERT_LOW_I32X4_S, v -> value(ints(v).convertShape(I2D, F64, 0)));
        unary(Opcode.F64X2_CONVERT_LOW_I32X4_U, VectorSimdOps::convertLowI32x4U);
        unary(Opcode.F32X4_DEMOTE_F64X2_ZERO, v -> value(doubles(v).convertShape(D2F, F32, 0)), v -> f32x4OfF64x2(v, NumericOps::f32DemoteF64));
        unary(Opcode.F64X2_PROMOTE_LOW_F32X4, v -> value(floats(v).convertShape(F2D, F64, 0)), v -> f64x2OfF32x4(v, NumericOps::f64PromoteF32));
    }

    /** spec §4.4.3 shifts (the count modulo the lane width), {@code all_true} and {@code bitmask}. */
    private static void defineShiftsAndReductions() {
        shift(Opcode.I8X16_SHL, (v, n) -> bytes(v).lanewise(LSHL, n & 7));
        shift(Opcode.I8X16_SHR_S, (v, n) -> bytes(v).lanewise(ASHR, n & 7));
        shift(Opcode.I8X16_SHR_U, (v, n) -> bytes(v).lanewise(LSHR, n & 7));
        shift(Opcode.I16X8_SHL, (v, n) -> value(shorts(v).lanewise(LSHL, n & 15)));
        shift(Opcode.I16X8_SHR_S, (v, n) -> value(shorts(v).lanewise(ASHR, n & 15)));
        shift(Opcode.I16X8_SHR_U, (v, n) -> value(shorts(v).lanewise(LSHR, n & 15)));
        shift(Opcode.I32X4_SHL, (v, n) -> value(ints(v).lanewise(LSHL, n & 31)));
        shift(Opcode.I32X4_SHR_S, (v, n) -> value(ints(v).lanewise(ASHR, n & 31)));
        shift(Opcode.I32X4_SHR_U, (v, n) -> value(ints(v).lanewise(LSHR, n & 31)));
        shift(Opcode.I64X2_SHL, (v, n) -> value(longs(v).lanewise(LSHL, n & 63)));
        shift(Opcode.I64X2_SHR_S, (v, n) -> value(longs(v).lanewise(ASHR, n & 63)));
        shift(Opcode.I64X2_SHR_U, (v, n) -> value(longs(v).lanewise(LSHR, n & 63)));
        reduce(Opcode.I8X16_ALL_TRUE, v -> bytes(v).compare(NE, 0).allTrue() ? 1 : 0);
        reduce(Opcode.I16X8_ALL_TRUE, v -> shorts(v).compare(NE, 0).allTrue() ? 1 : 0);
        reduce(Opcode.I32X4_ALL_TRUE, v -> ints(v).compare(NE, 0).allTrue() ? 1 : 0);
        reduce(Opcode.I64X2_ALL_TRUE, v -> longs(v).lane(0) != 0 && longs(v).lane(1) != 0 ? 1 : 0);
        reduce(Opcode.I8X16_BITMASK, v -> (int) bytes(v).compare(LT, 0).toLong());
        reduce(Opcode.I16X8_BITMASK, v -> (int) shorts(v).compare(LT, 0).toLong());
        reduce(Opcode.I32X4_BITMASK, v -> (int) ints(v).compare(LT, 0).toLong());
        reduce(Opcode.I64X2_BITMASK, v -> oddBits((int) ints(v).compare(LT, 0).toLong()));
    }

    /**
     * The relaxed instructions (Wasm 3.0) in the spec's deterministic profile, as the
     * {@link SimdOps} class comment says: the function of the non-relaxed counterpart where there
     * is one ({@link #counterpart}); {@code madd}/{@code nmadd} unfused (a rounded product, then a rounded sum, as
     * {@code mul} and {@code add}); the dot products with both operands' bytes signed.
     */
    private static void defineRelaxed() {
        ternary(Opcode.F32X4_RELAXED_MADD, (a, b, c) -> value(floats(a).lanewise(MUL, floats(b)).lanewise(ADD, floats(c))));
        ternary(Opcode.F32X4_RELAXED_NMADD, (a, b, c) -> value(ints(a).lanewise(XOR, F32_SIGN).reinterpretAsFloats().lanewise(MUL, floats(b)).lanewise(ADD, floats(c))));
        ternary(Opcode.F64X2_RELAXED_MADD, (a, b, c) -> value(doubles(a).lanewise(MUL, doubles(b)).lanewise(ADD, doubles(c))));
        ternary(Opcode.F64X2_RELAXED_NMADD, (a, b, c) -> value(longs(a).lanewise(XOR, F64_SIGN).reinterpretAsDoubles().lanewise(MUL, doubles(b)).lanewise(ADD, doubles(c))));
        binary(Opcode.I16X8_RELAXED_DOT_I8X16_I7X16_S, (a, b) -> value(relaxedDot(a, b, false)), (a, b) -> value(relaxedDot(a, b, true)));
        ternary(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, (a, b, c) -> value(relaxedDotAdd(relaxedDot(a, b, false).reinterpretAsInts(), ints(c))),
                        (a, b, c) -> value(relaxedDotAdd(relaxedDot(a, b, true).reinterpretAsInts(), ints(c))));
        for (Opcode relaxed : Opcode.values()) {
            if (relaxed.isRelaxed() && !FUNCTIONS.containsKey(relaxed)) {
                Opcode counterpart = counterpart(relaxed);
                put(FUNCTIONS, relaxed, FUNCTIONS.get(counterpart));
                if (GRAAL_FORMS.containsKey(counterpart)) {
                    put(GRAAL_FORMS, relaxed, GRAAL_FORMS.get(counterpart));
                }
            }
        }
    }

    // ---- instructions that are more than one expression --------------------------------------------

    /**
     * spec fmin, fmax (§4.3.3) on each f32 lane: the Vector API's {@code Math.min}/{@code Math.max}
     * (NaN if either operand is, {@code min(-0, +0) = -0}), with the NaN lanes set to the first NaN
     * operand quieted ({@code nan + 0} quiets a NaN and keeps its payload), as {@code NumericOps}
     * does.
     */
    private static FloatVector minMax(FloatVector x, FloatVector y, VectorOperators.Binary op) {
        FloatVector result = x.lanewise(op, y);
        FloatVector firstNaN = y.blend(x, x.compare(NE, x)).add(0.0f);
        return result.blend(firstNaN, result.compare(NE, result));
    }

    /**
     * spec fnearest, ftrunc, ffloor, fceil (§4.3.3) on each f32 lane. From 2^23 on every float is
     * an integer; below it, adding and subtracting 2^23 rounds
     * the magnitude to the nearest integer, ties to even; one more or one less gives the other
     * directions; the sign is put back, so a zero result keeps the operand's. Lanes at and beyond
     * it (infinities too) keep their value and NaNs are quieted ({@code x + 0}).
     */
    private static FloatVector rounded(FloatVector x, int mode) {
        FloatVector magnitude = x.abs();
        FloatVector nearest = magnitude.add(0x1p23f).sub(0x1p23f);
        VectorMask<Float> negative = x.test(IS_NEGATIVE);
        Vector<Float> r = switch (mode) {
            case NEAREST -> nearest;
            case TRUNC -> towardZero(nearest, magnitude);
            case FLOOR -> towardZero(nearest, magnitude).blend(awayFromZero(nearest, magnitude), negative);
            default -> awayFromZero(nearest, magnitude).blend(towardZero(nearest, magnitude), negative);
        };
        return x.add(0.0f).blend(r.lanewise(NEG, negative), magnitude.compare(LT, 0x1p23f));
    }

    /** The integer {@code nearest}, one less where it lies above {@code magnitude}: floor of the magnitude. */
    private static <E> Vector<E> towardZero(Vector<E> nearest, Vector<E> magnitude) {
        return nearest.lanewise(SUB, 1, nearest.compare(GT, magnitude));
    }

    /** The integer {@code nearest}, one more where it lies below {@code magnitude}: ceil of the magnitude. */
    private static <E> Vector<E> awayFromZero(Vector<E> nearest, Vector<E> magnitude) {
        return nearest.lanewise(ADD, 1, nearest.compare(LT, magnitude));
    }

    /** spec iavgr_u (§4.3.2), {@code (a + b + 1) / 2} without overflow: {@code (a | b) - ((a ^ b) >>> 1)}. */
    private static <E> Vector<E> roundingAverage(Vector<E> a, Vector<E> b) {
        return a.lanewise(OR, b).sub(a.lanewise(XOR, b).lanewise(LSHR, 1));
    }

    /**
     * The narrow lanes of {@code wide} that lie in its lanes' low halves ({@code shift > 0}) or high
     * halves ({@code shift < 0}), sign-extended: even and odd narrow lanes, {@code |shift|} bits each.
     */
    private static <E> Vector<E> halfLanes(Vector<E> wide, int shift) {
        return shift > 0 ? wide.lanewise(LSHL, shift).lanewise(ASHR, shift) : wide.lanewise(ASHR, -shift);
    }

    /** As {@link #halfLanes}, zero-extended. */
    private static <E> Vector<E> halfLanesUnsigned(Vector<E> wide, int shift) {
        return shift > 0 ? wide.lanewise(AND, (1L << shift) - 1) : wide.lanewise(LSHR, -shift);
    }

    /** The products of the even ({@code shift > 0}) or odd signed narrow lanes of {@code a} and {@code b}, as wide lanes. */
    private static <E> Vector<E> pairProducts(Vector<E> a, Vector<E> b, int shift) {
        return halfLanes(a, shift).mul(halfLanes(b, shift));
    }

    /** The narrow lanes {@code part} (0 low, 1 high) of {@code a} and {@code b}, extended by {@code conversion} and multiplied. */
    private static <E, F> Vector<F> extendedProduct(Vector<E> a, Vector<E> b, VectorOperators.Conversion<E, F> conversion, VectorSpecies<F> wide, int part) {
        return a.convertShape(conversion, wide, part).mul(b.convertShape(conversion, wide, part));
    }

    /**
     * Byte i of the result is byte {@code picks[i]} (below 32) of {@code a ++ b}: two one-table
     * rearranges and a blend. (The Vector API's two-table {@code selectFrom} is one instruction on
     * AVX-512 VBMI, but Graal 25 does not expand it and runs its allocating Java fallback.)
     */
    private static ByteVector select(ByteVector picks, ByteVector a, ByteVector b) {
        VectorShuffle<Byte> within = picks.and((byte) 15).toShuffle();
        return a.rearrange(within).blend(b.rearrange(within), picks.compare(UGE, 16));
    }

    /** spec narrow_sx (§4.4.3): both operands' lanes clamped to [min, max], then their low halves ({@code picks}) side by side. */
    private static <E> ByteVector narrow(ByteVector picks, Vector<E> a, Vector<E> b, long min, long max) {
        return select(picks, value(a.lanewise(MAX, min).lanewise(MIN, max)), value(b.lanewise(MAX, min).lanewise(MIN, max)));
    }

    /**
     * spec iq15mulr_sat_s (§4.3.2) on i16 lanes, computed on the even and the odd lanes as i32 lanes:
     * {@code (a * b + 2^14) >> 15} is exact there, and only {@code -2^15 * -2^15} needs saturation.
     */
    private static Object q15mulrSat(Object a, Object b) {
        IntVector even = q15(pairProducts(ints(a), ints(b), 16));
        IntVector odd = q15(pairProducts(ints(a), ints(b), -16));
        return value(even.and(0xFFFF).or(odd.lanewise(LSHL, 16)));
    }

    private static IntVector q15(Vector<Integer> product) {
        return ((IntVector) product).add(0x4000).lanewise(ASHR, 15).min(Short.MAX_VALUE);
    }

    /**
     * {@code i16x8.relaxed_dot_i8x16_i7x16_s} with signed bytes: the pair sums of byte products,
     * saturated to i16 (spec ivdot_sat): each product fits in i16, so a saturating add does it
     * ({@link #addSat} where Graal compiles it).
     */
    private static ShortVector relaxedDot(Object a, Object b, boolean graal) {
        Vector<Short> even = pairProducts(shorts(a), shorts(b), 8);
        Vector<Short> odd = pairProducts(shorts(a), shorts(b), -8);
        return (ShortVector) (graal ? addSat(even, odd, Short.MIN_VALUE, Short.MAX_VALUE) : even.lanewise(SADD, odd));
    }

    /** {@code i32x4.relaxed_dot_i8x16_i7x16_add_s}: the pair sums of the i16 dot lanes {@code dot}, plus {@code c}, wrapping. */
    private static IntVector relaxedDotAdd(IntVector dot, IntVector c) {
        return (IntVector) halfLanes(dot, 16).add(halfLanes(dot, -16)).add(c);
    }

    /**
     * spec trunc_sat_u (§4.3.4) from f32 lanes. Below 2^31 Java's cast, which is trunc_sat_s, then
     * negative results (and NaN's 0) clamped to 0; from 2^31 on the cast of {@code x - 2^31}
     * (exact there, and saturating to 2^31 - 1 at 2^32) with the top bit set.
     */
    private static Object truncSatF32x4U(Object v) {
        FloatVector x = floats(v);
        IntVector low = ((IntVector) x.convert(F2I, 0)).max(0);
        IntVector high = ((IntVector) x.sub(0x1p31f).convert(F2I, 0)).or(Integer.MIN_VALUE);
        return value(low.blend(high, x.compare(GE, 0x1p31f).cast(I32)));
    }

    /**
     * spec convert_u (§4.3.4) to f32 lanes: the high and the low 16 bits are converted exactly,
     * the high part scaled exactly by 2^16, and the one rounding is the final addition.
     */
    private static Object convertI32x4U(Object v) {
        FloatVector high = ((FloatVector) ints(v).lanewise(LSHR, 16).convert(I2F, 0)).mul(0x1p16f);
        FloatVector low = (FloatVector) ints(v).and(0xFFFF).convert(I2F, 0);
        return value(high.add(low));
    }

    /**
     * spec convert_u (§4.3.4) to f64 lanes, exactly: the zero-extended i32 as the low mantissa bits
     * of 2^52, minus 2^52.
     */
    private static Object convertLowI32x4U(Object v) {
        LongVector biased = ((LongVector) ints(v).convertShape(ZERO_EXTEND_I2L, I64, 0)).or(Double.doubleToRawLongBits(0x1p52));
        return value(biased.reinterpretAsDoubles().sub(0x1p52));
    }

    // ---- the Graal forms ------------------------------------------------------------------------

    /** spec iadd_sat_s (§4.3.2): the wrapped sum, or the bound of {@code a}'s sign where it overflowed (operands of one sign, sum of the other). */
    private static <E> Vector<E> addSat(Vector<E> a, Vector<E> b, long min, long max) {
        Vector<E> sum = a.add(b);
        VectorMask<E> overflow = sum.lanewise(XOR, a).lanewise(AND, sum.lanewise(XOR, b)).compare(LT, 0);
        return sum.blend(a.broadcast(max).blend(min, a.compare(LT, 0)), overflow);
    }

    /** spec isub_sat_s (§4.3.2): the wrapped difference, or the bound of {@code a}'s sign where it overflowed (operands of different signs, result of {@code b}'s). */
    private static <E> Vector<E> subSat(Vector<E> a, Vector<E> b, long min, long max) {
        Vector<E> difference = a.sub(b);
        VectorMask<E> overflow = a.lanewise(XOR, b).lanewise(AND, a.lanewise(XOR, difference)).compare(LT, 0);
        return difference.blend(a.broadcast(max).blend(min, a.compare(LT, 0)), overflow);
    }

    /** spec iadd_sat_u: the wrapped sum, all ones where it wrapped (is below {@code a}). */
    private static <E> Vector<E> addSatUnsigned(Vector<E> a, Vector<E> b) {
        Vector<E> sum = a.add(b);
        return sum.blend(-1, sum.compare(ULT, a));
    }

    /** spec isub_sat_u: the wrapped difference, 0 where {@code a < b}. */
    private static <E> Vector<E> subSatUnsigned(Vector<E> a, Vector<E> b) {
        return a.sub(b).blend(0, a.compare(ULT, b));
    }

    private static <E> Vector<E> minUnsigned(Vector<E> a, Vector<E> b) {
        return a.blend(b, b.compare(ULT, a));
    }

    private static <E> Vector<E> maxUnsigned(Vector<E> a, Vector<E> b) {
        return a.blend(b, a.compare(ULT, b));
    }

    /** spec ipopcnt on bytes: bit pairs, nibbles, then bytes summed in place. */
    private static ByteVector bitCount(ByteVector x) {
        ByteVector pairs = x.sub(x.lanewise(LSHR, 1).and((byte) 0x55));
        ByteVector nibbles = pairs.and((byte) 0x33).add(pairs.lanewise(LSHR, 2).and((byte) 0x33));
        return nibbles.add(nibbles.lanewise(LSHR, 4)).and((byte) 0x0F);
    }

    /** A scalar conversion ({@code NumericOps}) of each f32 lane to an i32 lane. */
    private static Object i32x4OfF32x4(Object v, F32ToI32 f) {
        FloatVector x = floats(v);
        return value(IntVector.broadcast(I32, f.apply(x.lane(0))).withLane(1, f.apply(x.lane(1))).withLane(2, f.apply(x.lane(2))).withLane(3, f.apply(x.lane(3))));
    }

    /** A scalar conversion of each f64 lane to i32 lanes 0 and 1; lanes 2 and 3 are 0. */
    private static Object i32x4OfF64x2(Object v, F64ToI32 f) {
        DoubleVector x = doubles(v);
        return value(IntVector.zero(I32).withLane(0, f.apply(x.lane(0))).withLane(1, f.apply(x.lane(1))));
    }

    /** A scalar conversion of each f64 lane to f32 lanes 0 and 1; lanes 2 and 3 are 0. */
    private static Object f32x4OfF64x2(Object v, F64ToF32 f) {
        DoubleVector x = doubles(v);
        return value(FloatVector.zero(F32).withLane(0, f.apply(x.lane(0))).withLane(1, f.apply(x.lane(1))));
    }

    /** A scalar conversion of f32 lanes 0 and 1 to f64 lanes. */
    private static Object f64x2OfF32x4(Object v, F32ToF64 f) {
        FloatVector x = floats(v);
        return value(DoubleVector.broadcast(F64, f.apply(x.lane(0))).withLane(1, f.apply(x.lane(1))));
    }

    @FunctionalInterface
    private interface F32ToI32 {
        int apply(float x);
    }

    @FunctionalInterface
    private interface F64ToI32 {
        int apply(double x);
    }

    @FunctionalInterface
    private interface F64ToF32 {
        float apply(double x);
    }

    @FunctionalInterface
    private interface F32ToF64 {
        double apply(float x);
    }

    // ---- 64-bit lanes ------------------------------------------------------------------------------
    // HotSpot C2 (JDK 25, x86) has no masks of two lanes: a compare, blend or test on i64x2 or f64x2
    // lanes would run the Vector API's Java fallback, which allocates. The i64x2 relations use sign
    // tricks instead, and the f64x2 operators that need a mask run on the two lanes as scalars.

    /** -1 in the lanes where {@code x} is negative, 0 elsewhere. */
    private static LongVector signs(LongVector x) {
        return x.lanewise(ASHR, 63);
    }

    /** -1 where {@code a < b} (signed): the sign of {@code a - b}, flipped where the subtraction overflows. */
    private static LongVector lessThan(LongVector a, LongVector b) {
        LongVector difference = a.sub(b);
        LongVector overflow = a.lanewise(XOR, b).and(difference.lanewise(XOR, a));
        return signs(difference.lanewise(XOR, overflow));
    }

    /** -1 where {@code x == 0}: {@code ~x & (x - 1)} is negative exactly for 0. */
    private static LongVector isZero(LongVector x) {
        return signs(x.not().and(x.sub(1)));
    }

    /** Bits 1 and 3 of an i32x4 bitmask, the sign bits of the i64x2 lanes, as bits 0 and 1. */
    private static int oddBits(int mask) {
        return (mask >> 1 & 1) | (mask >> 2 & 2);
    }

    /** {@code f} on each f64 lane (the scalar instruction: NaN payloads and signed zeros as there). */
    private static Object f64x2(Object v, DoubleUnaryOperator f) {
        DoubleVector x = doubles(v);
        return value(DoubleVector.broadcast(F64, f.applyAsDouble(x.lane(0))).withLane(1, f.applyAsDouble(x.lane(1))));
    }

    /** {@code f} on each pair of f64 lanes. */
    private static Object f64x2(Object a, Object b, DoubleBinaryOperator f) {
        DoubleVector x = doubles(a);
        DoubleVector y = doubles(b);
        return value(DoubleVector.broadcast(F64, f.applyAsDouble(x.lane(0), y.lane(0))).withLane(1, f.applyAsDouble(x.lane(1), y.lane(1))));
    }

    /** A relation of {@link NumericOps} (0 or 1) on each pair of f64 lanes, as all ones or zeros. */
    private static Object f64x2Relation(Object a, Object b, F64Relation relation) {
        DoubleVector x = doubles(a);
        DoubleVector y = doubles(b);
        return value(LongVector.broadcast(I64, -relation.test(x.lane(0), y.lane(0))).withLane(1, -relation.test(x.lane(1), y.lane(1))));
    }

    @FunctionalInterface
    private interface F64Relation {
        int test(double a, double b);
    }

    // ---- shapes ------------------------------------------------------------------------------------

    private static ByteVector bytes(Object v) {
        return VALUE.cast(v);
    }

    private static ShortVector shorts(Object v) {
        return bytes(v).reinterpretAsShorts();
    }

    private static IntVector ints(Object v) {
        return bytes(v).reinterpretAsInts();
    }

    private static LongVector longs(Object v) {
        return bytes(v).reinterpretAsLongs();
    }

    private static FloatVector floats(Object v) {
        return bytes(v).reinterpretAsFloats();
    }

    private static DoubleVector doubles(Object v) {
        return bytes(v).reinterpretAsDoubles();
    }

    /** A vector of any shape as a value. */
    private static ByteVector value(Vector<?> v) {
        return v.reinterpretAsBytes();
    }

    /** An integer mask as a value: all ones in its set lanes (for float masks, cast to the integer lanes first). */
    private static ByteVector lanes(VectorMask<?> mask) {
        return value(mask.toVector());
    }

    /** Byte indices into a pair of values of the low {@code width} bytes of each lane of {@code 2 * width} bytes. */
    private static ByteVector lowHalves(int width) {
        byte[] picks = new byte[16];
        for (int i = 0; i < 16; i++) {
            picks[i] = (byte) (i / width * 2 * width + i % width);
        }
        return ByteVector.fromArray(I8, picks, 0);
    }

    // ---- filling the tables ------------------------------------------------------------------------

    private static void unary(Opcode op, V128Unary f) {
        put(FUNCTIONS, op, f);
    }

    private static void binary(Opcode op, V128Binary f) {
        put(FUNCTIONS, op, f);
    }

    private static void ternary(Opcode op, V128Ternary f) {
        put(FUNCTIONS, op, f);
    }

    // An instruction with a second form for code that Truffle's Graal compiles: Graal 25.0.1 does
    // not expand the Vector API's saturating and unsigned min/max operators, BIT_COUNT and the
    // conversions between float and integer or float and double lanes (it calls their Java
    // fallback, and that keeps the whole web of vectors connected to them out of registers), so
    // there they are other, exact, compositions. inCompiledCode() is a constant in both compilers:
    // true in Truffle compilations, false in the interpreter, the baseline tier and C2.

    private static void unary(Opcode op, V128Unary hotSpot, V128Unary graal) {
        put(GRAAL_FORMS, op, graal);
        unary(op, v -> CompilerDirectives.inCompiledCode() ? graal.apply(v) : hotSpot.apply(v));
    }

    private static void binary(Opcode op, V128Binary hotSpot, V128Binary graal) {
        put(GRAAL_FORMS, op, graal);
        binary(op, (a, b) -> CompilerDirectives.inCompiledCode() ? graal.apply(a, b) : hotSpot.apply(a, b));
    }

    private static void ternary(Opcode op, V128Ternary hotSpot, V128Ternary graal) {
        put(GRAAL_FORMS, op, graal);
        ternary(op, (a, b, c) -> CompilerDirectives.inCompiledCode() ? graal.apply(a, b, c) : hotSpot.apply(a, b, c));
    }

    /** The Graal forms (for tests, which run them on HotSpot against {@link LaneSimdOps}). */
    static Map<Opcode, Object> graalForms() {
        return GRAAL_FORMS;
    }

    private static void shift(Opcode op, V128Shift f) {
        put(FUNCTIONS, op, f);
    }

    private static void reduce(Opcode op, V128Reduce f) {
        put(FUNCTIONS, op, f);
    }

    private static <F> void put(Map<Opcode, F> table, Opcode op, F f) {
        if (table.putIfAbsent(op, f) != null) {
            throw new IllegalStateException(op + " defined twice");
        }
    }

    /**
     * The non-relaxed instruction whose function relaxed instruction {@code relaxed} has in the
     * deterministic profile: {@code relaxed_swizzle} is {@code swizzle}, {@code relaxed_trunc} is
     * {@code trunc_sat}, {@code relaxed_min}/{@code max} are {@code min}/{@code max},
     * {@code relaxed_q15mulr_s} is {@code q15mulr_sat_s}, every {@code relaxed_laneselect} is
     * {@code v128.bitselect}.
     */
    private static Opcode counterpart(Opcode relaxed) {
        String mnemonic = relaxed.mnemonic().replace("relaxed_trunc", "trunc_sat").replace("relaxed_q15mulr_s", "q15mulr_sat_s").replace("relaxed_", "");
        Opcode counterpart = Opcode.fromMnemonic(mnemonic.endsWith(".laneselect") ? "v128.bitselect" : mnemonic);
        if (counterpart == null || !FUNCTIONS.containsKey(counterpart)) {
            throw new IllegalStateException(relaxed + " has no function and no counterpart " + mnemonic);
        }
        return counterpart;
    }
}
