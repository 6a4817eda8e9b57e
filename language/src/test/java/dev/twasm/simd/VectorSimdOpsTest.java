package dev.twasm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.twasm.model.Opcode;

/**
 * Tests of {@link VectorSimdOps}, the Vector API implementation of the vector instructions: it is
 * the one chosen when the module is present; exact results of cases from the spec scripts
 * ({@code simd_*.wast} of Wasm 2.0, {@code relaxed_*.wast} of Wasm 3.0), NaN payloads, signed
 * zeros and saturation included; and bit-for-bit agreement with {@link LaneSimdOps}, the plain-Java
 * reference, on every instruction of every function family over random and special operands.
 */
class VectorSimdOpsTest {
    private static final VectorSimdOps OPS = new VectorSimdOps();

    private static final int F32_CANONICAL = 0x7fc0_0000;
    private static final long F64_CANONICAL = 0x7ff8_0000_0000_0000L;
    /** Signalling NaNs ({@code nan:0x200000}, {@code nan:0x4000000000000}) and the same quieted. */
    private static final int F32_SNAN = 0x7fa0_0000;
    private static final int F32_SNAN_QUIETED = 0x7fe0_0000;
    private static final long F64_SNAN = 0x7ff4_0000_0000_0000L;
    private static final long F64_SNAN_QUIETED = 0x7ffc_0000_0000_0000L;
    /** A quiet NaN with a payload. */
    private static final int F32_QNAN = 0x7fc1_2345;

    // ---- the implementation and its tables --------------------------------------------------

    @Test
    void isTheImplementationWhenTheVectorModuleIsInTheBootLayer() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "the build runs the tests with --add-modules jdk.incubator.vector");
        assertInstanceOf(VectorSimdOps.class, SimdOps.INSTANCE);
        assertEquals("Vector API", SimdOps.INSTANCE.name());
        assertTrue(OPS.isValue(OPS.zero()));
        assertFalse(OPS.isValue(new V128(0, 0)));
        assertFalse(OPS.isValue(null));
    }

    @Test
    void everyFunctionInstructionHasAFunctionInItsFamilyOnly() {
        int functions = 0;
        for (Opcode op : Opcode.values()) {
            if (!op.isVector()) {
                continue;
            }
            SimdFamily family = SimdFamily.of(op);
            if (family.ordinal() > SimdFamily.REDUCE.ordinal()) {
                assertThrows(IllegalArgumentException.class, () -> OPS.unary(op), op.mnemonic());
                continue;
            }
            for (SimdFamily other : List.of(SimdFamily.UNARY, SimdFamily.BINARY, SimdFamily.TERNARY, SimdFamily.SHIFT, SimdFamily.REDUCE)) {
                if (other == family) {
                    assertTrue(function(OPS, other, op) != null, op.mnemonic());
                    functions++;
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> function(OPS, other, op), op.mnemonic());
                    assertTrue(e.getMessage().contains("is not a " + other.name().toLowerCase()), e.getMessage());
                }
            }
        }
        assertEquals(FUNCTION_OPCODES.size(), functions);
        assertTrue(functions > 200, "found " + functions);
    }

    // ---- values, lanes, memory ----------------------------------------------------------------

    @Test
    void valuesAreLittleEndianBytes() {
        Object v = OPS.fromLongs(0x0706_0504_0302_0100L, 0x0f0e_0d0c_0b0a_0908L);
        assertEquals(0x0706_0504_0302_0100L, OPS.lo(v));
        assertEquals(0x0f0e_0d0c_0b0a_0908L, OPS.hi(v));
        assertEquals("0x0f0e0d0c0b0a09080706050403020100", OPS.toHex(v));
        for (int i = 0; i < 16; i++) {
            assertEquals(i, OPS.extractLane(v, 0, i));
        }
        assertEquals(0x0b0aL, OPS.extractLane(v, 1, 5));
        assertEquals(0x0f0e_0d0cL, OPS.extractLane(v, 2, 3));
        assertEquals(0x0f0e_0d0c_0b0a_0908L, OPS.extractLane(v, 3, 1));

        byte[] memory = new byte[40];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = (byte) (i + 0xf0);
        }
        Object loaded = OPS.load(memory, 3);
        assertEquals(0xfaf9_f8f7_f6f5_f4f3L, OPS.lo(loaded));
        assertEquals(0x0201_00ff_fefd_fcfbL, OPS.hi(loaded));
        OPS.store(memory, 20, v);
        for (int i = 0; i < 16; i++) {
            assertEquals((byte) i, memory[20 + i]);
        }
        assertEquals((byte) (19 + 0xf0), memory[19]);
        assertEquals((byte) (36 + 0xf0), memory[36]);
        assertV(v, OPS.load(memory, 20));
        assertEquals(0, OPS.lo(OPS.zero()) | OPS.hi(OPS.zero()));
    }

    @Test
    void splatAndLanesUseTheRawBitsOfTheLaneWidth() {
        assertV(i8(0xab), OPS.splat(0, 0x1234_56ab));
        assertV(i16(0x89ab), OPS.splat(1, 0xffff_89ab));
        assertV(i32(0xdead_beef), OPS.splat(2, 0xffff_ffff_dead_beefL));
        assertV(i64(0x8000_0000_0000_0001L), OPS.splat(3, 0x8000_0000_0000_0001L));
        // f32x4.splat of a signalling NaN keeps its bits
        assertV(f32Bits(F32_SNAN), OPS.splat(2, F32_SNAN));

        Object v = i8(-1);
        assertEquals(0xffL, OPS.extractLane(v, 0, 15), "extract_lane_u zero-extends");
        assertEquals(0xffffL, OPS.extractLane(v, 1, 7));
        assertEquals(0xffff_ffffL, OPS.extractLane(v, 2, 0));
        assertEquals(-1L, OPS.extractLane(v, 3, 1));
        assertV(i8(-1, -1, -1, -1, -1, 0x34, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1), OPS.replaceLane(v, 0, 5, 0x1234));
        assertV(i16(-1, -1, -1, -1, -1, -1, -1, 0x1234), OPS.replaceLane(v, 1, 7, 0x5678_1234));
        assertV(i32(-1, -1, 0, -1), OPS.replaceLane(v, 2, 2, 0xffff_ffff_0000_0000L));
        assertV(i64(7, -1), OPS.replaceLane(v, 3, 0, 7));
        assertV(f64Bits(-1, F64_SNAN), OPS.replaceLane(v, 3, 1, F64_SNAN));
    }

    @Test
    void shuffleSelectsBytesOfBothOperands() {
        Object a = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Object b = i8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        byte[] reversed = new byte[16];
        byte[] interleaved = new byte[16];
        for (int i = 0; i < 16; i++) {
            reversed[i] = (byte) (31 - i);
            interleaved[i] = (byte) (i % 2 == 0 ? i / 2 : 16 + i / 2);
        }
        assertV(i8(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16), OPS.shuffle(a, b, reversed));
        assertV(i8(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), OPS.shuffle(a, b, interleaved));
        assertV(i8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), OPS.shuffle(b, a, reversed));
    }

    // ---- cases from the spec scripts ----------------------------------------------------------------

    /** simd_i8x16_sat_arith, simd_i16x8_sat_arith, simd_i*_arith, simd_i*_arith2, simd_i16x8_q15mulr_sat_s. */
    @Test
    void integerArithmeticWrapsOrSaturates() {
        assertV(i8(-128), binary(Opcode.I8X16_ADD, i8(127), i8(1)));
        assertV(i8(127), binary(Opcode.I8X16_ADD_SAT_S, i8(127), i8(1)));
        assertV(i8(-128), binary(Opcode.I8X16_ADD_SAT_S, i8(-128), i8(-1)));
        assertV(i8(0xff), binary(Opcode.I8X16_ADD_SAT_U, i8(0xff), i8(1)));
        assertV(i8(-128), binary(Opcode.I8X16_SUB_SAT_S, i8(-128), i8(1)));
        assertV(i8(0), binary(Opcode.I8X16_SUB_SAT_U, i8(0), i8(1)));
        assertV(i16(32767), binary(Opcode.I16X8_ADD_SAT_S, i16(0x7fff), i16(1)));
        assertV(i16(0xffff), binary(Opcode.I16X8_ADD_SAT_U, i16(0xfffe), i16(2)));
        assertV(i16(-32768), binary(Opcode.I16X8_SUB_SAT_S, i16(-32767), i16(2)));
        assertV(i16(0), binary(Opcode.I16X8_SUB_SAT_U, i16(1), i16(0xffff)));
        assertV(i8(0xff), binary(Opcode.I8X16_AVGR_U, i8(0xff), i8(0xff)));
        assertV(i8(2), binary(Opcode.I8X16_AVGR_U, i8(1), i8(2)));
        assertV(i16(0x8000), binary(Opcode.I16X8_AVGR_U, i16(0xffff), i16(0)));
        assertV(i8(0), binary(Opcode.I8X16_MIN_U, i8(0xff), i8(0)));
        assertV(i8(-1), binary(Opcode.I8X16_MIN_S, i8(0xff), i8(0)));
        assertV(i16(0xffff), binary(Opcode.I16X8_MAX_U, i16(0xffff), i16(0)));
        assertV(i32(0x8000_0000), binary(Opcode.I32X4_MAX_U, i32(0x8000_0000), i32(0x7fff_ffff)));
        assertV(i32(0x7fff_ffff), binary(Opcode.I32X4_MAX_S, i32(0x8000_0000), i32(0x7fff_ffff)));
        assertV(i16(0x0001), binary(Opcode.I16X8_MUL, i16(0xffff), i16(0xffff)));
        assertV(i32(0), binary(Opcode.I32X4_MUL, i32(0x1_0000), i32(0x1_0000)));
        assertV(i64(0, 0x8000_0000_0000_0000L), binary(Opcode.I64X2_MUL, i64(0x8000_0000_0000_0000L, 0x4000_0000_0000_0000L), i64(2)));
        assertV(i64(0x8000_0000_0000_0000L), binary(Opcode.I64X2_SUB, i64(0x7fff_ffff_ffff_ffffL), i64(-1)));
        assertV(i8(-128, 127, 1, 0, -128, 127, 1, 0, -128, 127, 1, 0, -128, 127, 1, 0), unary(Opcode.I8X16_ABS, i8(-128, -127, -1, 0, -128, -127, -1, 0, -128, -127, -1, 0, -128, -127, -1, 0)));
        assertV(i16(-32768), unary(Opcode.I16X8_NEG, i16(-32768)));
        assertV(i64(0x8000_0000_0000_0000L, 1), unary(Opcode.I64X2_ABS, i64(0x8000_0000_0000_0000L, -1)));
        assertV(i8(8, 4, 0, 1, 8, 4, 0, 1, 8, 4, 0, 1, 8, 4, 0, 1), unary(Opcode.I8X16_POPCNT, i8(0xff, 0x55, 0, 0x80, 0xff, 0x55, 0, 0x80, 0xff, 0x55, 0, 0x80, 0xff, 0x55, 0, 0x80)));
        // q15mulr_sat_s: only -1 * -1 in Q15 saturates; the product is rounded half up (-32766.5 to -32767)
        assertV(i16(32767, -32767, 8192, 1, 0, -1, 0, 0), binary(Opcode.I16X8_Q15MULR_SAT_S,
                        i16(-32768, -32768, 16384, 1, 1, -1, 0, 0), i16(-32768, 32767, 16384, 16384, 16383, 16385, 0, 0)));
        assertV(i32(-2147483648, 0, 2, 0x7ffe_0002), binary(Opcode.I32X4_DOT_I16X8_S,
                        i16(-32768, -32768, 1, -1, 1, 1, 32767, 32767), i16(-32768, -32768, 1, 1, 1, 1, 32767, 32767)));
    }

    /** simd_i8x16_cmp, simd_i16x8_cmp, simd_i32x4_cmp, simd_i64x2_cmp, simd_f32x4_cmp, simd_f64x2_cmp. */
    @Test
    void comparisonsGiveAllOnesLanes() {
        assertV(i8(0), binary(Opcode.I8X16_LT_U, i8(0xff), i8(0)));
        assertV(i8(-1), binary(Opcode.I8X16_LT_S, i8(0xff), i8(0)));
        assertV(i8(-1), binary(Opcode.I8X16_GE_U, i8(0x80), i8(0x7f)));
        assertV(i16(0), binary(Opcode.I16X8_GT_S, i16(0x8000), i16(0x7fff)));
        assertV(i16(-1), binary(Opcode.I16X8_GT_U, i16(0x8000), i16(0x7fff)));
        assertV(i32(-1, 0, -1, 0), binary(Opcode.I32X4_LE_U, i32(0, 1, 0xffff_ffff, 0xffff_ffff), i32(0, 0, 0xffff_ffff, 0xffff_fffe)));
        assertV(i32(0, -1, 0, -1), binary(Opcode.I32X4_NE, i32(0, 1, -1, 2), i32(0, 0, -1, 3)));
        assertV(i64(-1, 0), binary(Opcode.I64X2_LT_S, i64(0x8000_0000_0000_0000L, 0x7fff_ffff_ffff_ffffL), i64(0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L)));
        assertV(i64(0, -1), binary(Opcode.I64X2_GE_S, i64(-2, 5), i64(-1, 5)));
        // NaN is unordered: eq, lt, le, gt, ge false, ne true; -0 == +0
        Object x = f32Bits(F32_CANONICAL, F32_SNAN, 0x8000_0000, 0x3f80_0000);
        Object y = f32Bits(F32_CANONICAL, 0x3f80_0000, 0, 0x3f80_0000);
        assertV(i32(0, 0, -1, -1), binary(Opcode.F32X4_EQ, x, y));
        assertV(i32(-1, -1, 0, 0), binary(Opcode.F32X4_NE, x, y));
        assertV(i32(0, 0, -1, -1), binary(Opcode.F32X4_LE, x, y));
        assertV(i32(0, 0, 0, 0), binary(Opcode.F32X4_LT, x, y));
        assertV(i64(0, -1), binary(Opcode.F64X2_GE, f64Bits(F64_SNAN, 0), f64(1, -0.0)));
        assertV(i64(-1, 0), binary(Opcode.F64X2_NE, f64Bits(F64_CANONICAL, 0), f64(Double.NaN, -0.0)));
    }

    /** simd_bitwise, simd_boolean, simd_lane (swizzle), i8x16_relaxed_swizzle, relaxed_laneselect. */
    @Test
    void bitwiseSwizzleAndReductions() {
        Object a = i64(0xff00_ff00_ff00_ff00L, 0x0123_4567_89ab_cdefL);
        Object b = i64(0x0ff0_0ff0_0ff0_0ff0L, 0xffff_0000_ffff_0000L);
        assertV(i64(0x0f00_0f00_0f00_0f00L, 0x0123_0000_89ab_0000L), binary(Opcode.V128_AND, a, b));
        assertV(i64(0xf000_f000_f000_f000L, 0x0000_4567_0000_cdefL), binary(Opcode.V128_ANDNOT, a, b));
        assertV(i64(0xf0f0_f0f0_f0f0_f0f0L, 0xfedc_4567_7654_cdefL), binary(Opcode.V128_XOR, a, b));
        assertV(i64(0x00ff_00ff_00ff_00ffL, 0xfedc_ba98_7654_3210L), unary(Opcode.V128_NOT, a));
        Object mask = i64(0xffff_ffff_0000_0000L, 0x00ff_00ff_00ff_00ffL);
        Object selected = i64(0xff00_ff00_0ff0_0ff0L, 0xff23_0067_ffab_00efL);
        assertV(selected, ternary(Opcode.V128_BITSELECT, a, b, mask));
        for (Opcode laneselect : List.of(Opcode.I8X16_RELAXED_LANESELECT, Opcode.I16X8_RELAXED_LANESELECT, Opcode.I32X4_RELAXED_LANESELECT, Opcode.I64X2_RELAXED_LANESELECT)) {
            assertV(selected, ternary(laneselect, a, b, mask));
        }
        Object table = i8(0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff);
        Object indices = i8(15, 0, 16, 255, 0x80, 1, 17, 14, 2, 3, 0x7f, 31, 32, 4, 5, 0x8f);
        Object swizzled = i8(0xff, 0xf0, 0, 0, 0, 0xf1, 0, 0xfe, 0xf2, 0xf3, 0, 0, 0, 0xf4, 0xf5, 0);
        assertV(swizzled, binary(Opcode.I8X16_SWIZZLE, table, indices));
        assertV(swizzled, binary(Opcode.I8X16_RELAXED_SWIZZLE, table, indices));

        assertEquals(0, reduce(Opcode.V128_ANY_TRUE, i8(0)));
        assertEquals(1, reduce(Opcode.V128_ANY_TRUE, i64(0, 0x0100_0000_0000_0000L)));
        assertEquals(0, reduce(Opcode.I8X16_ALL_TRUE, i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)));
        assertEquals(1, reduce(Opcode.I8X16_ALL_TRUE, i8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80)));
        assertEquals(1, reduce(Opcode.I16X8_ALL_TRUE, i8(1)));
        assertEquals(0, reduce(Opcode.I16X8_ALL_TRUE, i16(1, 1, 1, 0, 1, 1, 1, 1)));
        assertEquals(1, reduce(Opcode.I32X4_ALL_TRUE, i32(1, 0x100, 0x1_0000, 0x100_0000)));
        assertEquals(0, reduce(Opcode.I64X2_ALL_TRUE, i64(0, 1)));
        assertEquals(0x5555, reduce(Opcode.I8X16_BITMASK, i8(-1, 0, 0x80, 0x7f, -1, 0, 0x80, 0x7f, -1, 0, 0x80, 0x7f, -1, 0, 0x80, 0x7f)));
        assertEquals(0x81, reduce(Opcode.I16X8_BITMASK, i16(0x8000, 0x7fff, 0, 1, 2, 3, 4, -1)));
        assertEquals(0b1010, reduce(Opcode.I32X4_BITMASK, i32(0, -1, 0x7fff_ffff, 0x8000_0000)));
        assertEquals(0b10, reduce(Opcode.I64X2_BITMASK, i64(0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L)));
    }

    /** simd_bit_shift: the count is taken modulo the lane width. */
    @Test
    void shiftsTakeTheCountModuloTheLaneWidth() {
        assertV(i8(2), shift(Opcode.I8X16_SHL, i8(1), 9));
        assertV(i8(-1), shift(Opcode.I8X16_SHR_S, i8(0x80), 7));
        assertV(i8(1), shift(Opcode.I8X16_SHR_U, i8(0x80), -1));
        assertV(i16(0x8000), shift(Opcode.I16X8_SHL, i16(1), 31));
        assertV(i16(0xfff8), shift(Opcode.I16X8_SHR_S, i16(0x8000), 12));
        assertV(i16(0x0008), shift(Opcode.I16X8_SHR_U, i16(0x8000), 12));
        assertV(i32(0x8000_0000), shift(Opcode.I32X4_SHL, i32(1), -1));
        assertV(i32(0xc000_0000), shift(Opcode.I32X4_SHR_S, i32(0x8000_0000), 33));
        assertV(i32(0x4000_0000), shift(Opcode.I32X4_SHR_U, i32(0x8000_0000), 33));
        assertV(i64(1, 2), shift(Opcode.I64X2_SHL, i64(1, 2), 64));
        assertV(i64(-1, 0), shift(Opcode.I64X2_SHR_S, i64(0x8000_0000_0000_0000L, 1), 63));
        assertV(i64(1, 0), shift(Opcode.I64X2_SHR_U, i64(0x8000_0000_0000_0000L, 1), 127));
    }

    /** simd_f32x4, simd_f64x2, simd_f32x4_arith, simd_f64x2_arith, simd_*_pmin_pmax, relaxed_min_max. */
    @Test
    void floatArithmeticKeepsTheScalarNaNAndZeroRules() {
        Object zeros = f32(-0.0f, 0.0f, -0.0f, 0.0f);
        Object swapped = f32(0.0f, -0.0f, 0.0f, -0.0f);
        for (Opcode min : List.of(Opcode.F32X4_MIN, Opcode.F32X4_RELAXED_MIN)) {
            assertV(f32(-0.0f), binary(min, zeros, swapped));
        }
        assertV(f32(0.0f), binary(Opcode.F32X4_MAX, zeros, swapped));
        assertV(zeros, binary(Opcode.F32X4_PMIN, zeros, swapped), "pmin(z1, z2) is z1 unless z2 < z1");
        assertV(zeros, binary(Opcode.F32X4_PMAX, zeros, swapped));
        // min/max: a NaN operand, quieted; the first one of two; canonical stays canonical
        Object nans = f32Bits(F32_SNAN, F32_QNAN, 0x3f80_0000, F32_CANONICAL);
        Object others = f32Bits(0x3f80_0000, F32_SNAN, 0xffa0_0001, 0x3f80_0000);
        Object quieted = f32Bits(F32_SNAN_QUIETED, F32_QNAN, 0xffe0_0001, F32_CANONICAL);
        for (Opcode op : List.of(Opcode.F32X4_MIN, Opcode.F32X4_MAX, Opcode.F32X4_RELAXED_MIN, Opcode.F32X4_RELAXED_MAX)) {
            assertV(quieted, binary(op, nans, others), op.mnemonic());
        }
        assertV(f64Bits(F64_SNAN_QUIETED, F64_CANONICAL), binary(Opcode.F64X2_MIN, f64Bits(F64_SNAN, 0), f64Bits(0, F64_CANONICAL)));
        assertV(f64(-0.0, 0.0), binary(Opcode.F64X2_MIN, f64(0.0, 0.0), f64(-0.0, 0.0)));
        assertV(f64(0.0, 1.0), binary(Opcode.F64X2_MAX, f64(-0.0, Double.NEGATIVE_INFINITY), f64(0.0, 1.0)));
        // pmin/pmax return an operand unchanged, NaNs included
        assertV(f32Bits(F32_SNAN, F32_QNAN, 0x3f80_0000, F32_CANONICAL), binary(Opcode.F32X4_PMIN, nans, others));
        assertV(f64Bits(F64_SNAN, 0x3ff0_0000_0000_0000L), binary(Opcode.F64X2_PMAX, f64Bits(F64_SNAN, 0), f64(1, 1)));
        // IEEE arithmetic: a NaN operand's payload, quieted
        assertV(f32Bits(F32_SNAN_QUIETED, F32_QNAN, 0x4000_0000, F32_CANONICAL), binary(Opcode.F32X4_ADD, nans, f32(1.0f)));
        assertV(f32Bits(F32_SNAN_QUIETED, F32_QNAN, 0x4000_0000, F32_CANONICAL), binary(Opcode.F32X4_MUL, f32(2.0f), nans));
        assertV(f64Bits(F64_SNAN_QUIETED, 0x3fe0_0000_0000_0000L), binary(Opcode.F64X2_DIV, f64Bits(F64_SNAN, 0x3ff0_0000_0000_0000L), f64(3, 2)));
        assertV(f32(0x1p-149f, 0.1f + 0.2f, -0.0f, Float.POSITIVE_INFINITY), binary(Opcode.F32X4_ADD, f32(0x1p-149f, 0.1f, -0.0f, Float.MAX_VALUE), f32(0.0f, 0.2f, -0.0f, Float.MAX_VALUE)));
        assertCanonicalNaNs(32, binary(Opcode.F32X4_SUB, f32(Float.POSITIVE_INFINITY), f32(Float.POSITIVE_INFINITY)));
        assertCanonicalNaNs(64, unary(Opcode.F64X2_SQRT, f64(-1)));
        assertV(f32(-0.0f, 3.0f, Float.POSITIVE_INFINITY, 0x1p-74f), unary(Opcode.F32X4_SQRT, f32(-0.0f, 9.0f, Float.POSITIVE_INFINITY, 0x1p-148f)));
        // abs and neg are bit operations: payloads kept, signalling NaNs stay signalling
        assertV(f32Bits(0xffa0_0000, 0xffc1_2345, 0x3f80_0000, 0x0000_0000), unary(Opcode.F32X4_NEG, f32Bits(F32_SNAN, F32_QNAN, 0xbf80_0000, 0x8000_0000)));
        assertV(f32Bits(F32_SNAN, F32_QNAN, 0x3f80_0000, 0), unary(Opcode.F32X4_ABS, f32Bits(0xffa0_0000, 0xffc1_2345, 0xbf80_0000, 0x8000_0000)));
        assertV(f64Bits(F64_SNAN, 0), unary(Opcode.F64X2_ABS, f64Bits(F64_SNAN | 0x8000_0000_0000_0000L, 0x8000_0000_0000_0000L)));
        assertV(f64Bits(F64_SNAN | 0x8000_0000_0000_0000L, 0x8000_0000_0000_0000L), unary(Opcode.F64X2_NEG, f64Bits(F64_SNAN, 0)));
    }

    /** simd_f32x4_rounding, simd_f64x2_rounding: ties to even, zero results keep the operand's sign. */
    @Test
    void roundingToIntegers() {
        Object x = f32(-0.5f, 0.5f, 1.5f, -2.5f);
        assertV(f32(-0.0f, 1.0f, 2.0f, -2.0f), unary(Opcode.F32X4_CEIL, x));
        assertV(f32(-1.0f, 0.0f, 1.0f, -3.0f), unary(Opcode.F32X4_FLOOR, x));
        assertV(f32(-0.0f, 0.0f, 1.0f, -2.0f), unary(Opcode.F32X4_TRUNC, x));
        assertV(f32(-0.0f, 0.0f, 2.0f, -2.0f), unary(Opcode.F32X4_NEAREST, x));
        Object y = f32(0x1.fffffep22f, -0x1.fffffep22f, 0x1p23f, 0x1.fffffep127f);
        assertV(f32(0x1p23f, -0x1p23f, 0x1p23f, 0x1.fffffep127f), unary(Opcode.F32X4_NEAREST, y));
        assertV(f32(0x1p23f, -0x1.fffffcp22f, 0x1p23f, 0x1.fffffep127f), unary(Opcode.F32X4_CEIL, y));
        assertV(f32(0x1.fffffcp22f, -0x1p23f, 0x1p23f, 0x1.fffffep127f), unary(Opcode.F32X4_FLOOR, y));
        assertV(f32(0x1.fffffcp22f, -0x1.fffffcp22f, 0x1p23f, 0x1.fffffep127f), unary(Opcode.F32X4_TRUNC, y));
        Object special = f32Bits(F32_SNAN, 0xff80_0000, 0x0000_0001, 0x8000_0001);
        assertV(f32Bits(F32_SNAN_QUIETED, 0xff80_0000, 0x3f80_0000, 0x8000_0000), unary(Opcode.F32X4_CEIL, special));
        assertV(f32Bits(F32_SNAN_QUIETED, 0xff80_0000, 0, 0xbf80_0000), unary(Opcode.F32X4_FLOOR, special));
        assertV(f32Bits(F32_SNAN_QUIETED, 0xff80_0000, 0, 0x8000_0000), unary(Opcode.F32X4_NEAREST, special));
        assertV(f64(-0.0, -1.0), unary(Opcode.F64X2_CEIL, f64(-0.1, -1.5)));
        assertV(f64(-1.0, -2.0), unary(Opcode.F64X2_FLOOR, f64(-0.1, -1.5)));
        assertV(f64(0x1p52, -0x1.ffffffffffffep51), unary(Opcode.F64X2_NEAREST, f64(0x1.fffffffffffffp51, -0x1.ffffffffffffep51)));
        assertV(f64(0x1.ffffffffffffep51, -4.0), unary(Opcode.F64X2_TRUNC, f64(0x1.fffffffffffffp51, -4.9)));
        assertV(f64Bits(F64_SNAN_QUIETED, 0x7ff0_0000_0000_0000L), unary(Opcode.F64X2_TRUNC, f64Bits(F64_SNAN, 0x7ff0_0000_0000_0000L)));
    }

    /** simd_conversions, simd_i32x4_trunc_sat_f32x4, simd_i32x4_trunc_sat_f64x2, i32x4_relaxed_trunc. */
    @Test
    void conversionsSaturateAndRoundOnce() {
        Object x = f32(Float.NaN, 3e9f, -3e9f, -1.9f);
        assertV(i32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1), unary(Opcode.I32X4_TRUNC_SAT_F32X4_S, x));
        assertV(i32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1), unary(Opcode.I32X4_RELAXED_TRUNC_F32X4_S, x));
        Object y = f32(3e9f, 5e9f, 0x1.fffffep31f, 0x1p31f);
        assertV(i32(0xb2d0_5e00, -1, 0xffff_ff00, 0x8000_0000), unary(Opcode.I32X4_TRUNC_SAT_F32X4_U, y));
        assertV(i32(0xb2d0_5e00, -1, 0xffff_ff00, 0x8000_0000), unary(Opcode.I32X4_RELAXED_TRUNC_F32X4_U, y));
        assertV(i32(0, 0, 0, 0x7fff_ff80), unary(Opcode.I32X4_TRUNC_SAT_F32X4_U, f32(Float.NaN, -1.9f, Float.NEGATIVE_INFINITY, 0x1.fffffep30f)));
        assertV(i32(Integer.MIN_VALUE, 2147483647, 0, 0), unary(Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO, f64(-2147483648.9, 2147483647.9)));
        assertV(i32(0, -1, 0, 0), unary(Opcode.I32X4_TRUNC_SAT_F64X2_U_ZERO, f64(-0.9, 4294967295.9)));
        assertV(i32(0, -1, 0, 0), unary(Opcode.I32X4_RELAXED_TRUNC_F64X2_U_ZERO, f64(Double.NaN, 1e300)));
        assertV(i32(0, 0, 0, 0), unary(Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO, f64(Double.NaN, -0.0)));
        // convert_u: one rounding, ties to even
        assertV(f32(0x1p32f, 0x1p31f, 16777216.0f, 16777220.0f), unary(Opcode.F32X4_CONVERT_I32X4_U, i32(0xffff_ffff, 0x8000_0080, 16777217, 16777219)));
        assertV(f32(-1.0f, -0x1p31f, 16777216.0f, 16777220.0f), unary(Opcode.F32X4_CONVERT_I32X4_S, i32(-1, 0x8000_0000, 16777217, 16777219)));
        assertV(f64(4294967295.0, 2147483648.0), unary(Opcode.F64X2_CONVERT_LOW_I32X4_U, i32(-1, 0x8000_0000, 5, 6)));
        assertV(f64(-1.0, -2147483648.0), unary(Opcode.F64X2_CONVERT_LOW_I32X4_S, i32(-1, 0x8000_0000, 5, 6)));
        // demote rounds (lanes 2 and 3 zero), promote is exact; NaNs quieted
        assertV(f32Bits(0x7f80_0000, 0x7fe0_0000, 0, 0), unary(Opcode.F32X4_DEMOTE_F64X2_ZERO, f64Bits(0x7fe0_0000_0000_0000L, F64_SNAN_QUIETED & ~0x0008_0000_0000_0000L)));
        assertV(f32(1.0f, 0x1p-149f, 0, 0), unary(Opcode.F32X4_DEMOTE_F64X2_ZERO, f64(1.0000000298023224, 0x1.8p-150)));
        assertV(f64Bits(F64_SNAN_QUIETED, 0x8000_0000_0000_0000L), unary(Opcode.F64X2_PROMOTE_LOW_F32X4, f32Bits(F32_SNAN, 0x8000_0000, 1, 2)));
    }

    /** simd_int_to_int_extend, simd_*_extmul_*, simd_*_extadd_pairwise_*, simd_conversions (narrow). */
    @Test
    void wideningAndNarrowing() {
        Object bytes = i8(0, 1, -1, -128, 127, 2, 3, 4, -5, 0x80, 0xff, 6, 7, 8, 9, 10);
        assertV(i16(0, 1, -1, -128, 127, 2, 3, 4), unary(Opcode.I16X8_EXTEND_LOW_I8X16_S, bytes));
        assertV(i16(-5, -128, -1, 6, 7, 8, 9, 10), unary(Opcode.I16X8_EXTEND_HIGH_I8X16_S, bytes));
        assertV(i16(0, 1, 255, 128, 127, 2, 3, 4), unary(Opcode.I16X8_EXTEND_LOW_I8X16_U, bytes));
        assertV(i16(251, 128, 255, 6, 7, 8, 9, 10), unary(Opcode.I16X8_EXTEND_HIGH_I8X16_U, bytes));
        Object shorts = i16(-1, 0x8000, 2, 3, 0xfffe, 5, 0x7fff, 0x8001);
        assertV(i32(0xfffe, 5, 0x7fff, 0x8001), unary(Opcode.I32X4_EXTEND_HIGH_I16X8_U, shorts));
        assertV(i32(-1, -32768, 2, 3), unary(Opcode.I32X4_EXTEND_LOW_I16X8_S, shorts));
        Object ints = i32(-1, 0x8000_0000, 7, 0xffff_fffe);
        assertV(i64(-1, 0xffff_ffff_8000_0000L), unary(Opcode.I64X2_EXTEND_LOW_I32X4_S, ints));
        assertV(i64(7, 0xffff_fffeL), unary(Opcode.I64X2_EXTEND_HIGH_I32X4_U, ints));
        assertV(i16(16384), binary(Opcode.I16X8_EXTMUL_LOW_I8X16_S, i8(-128), i8(-128)));
        assertV(i16(0xfe01), binary(Opcode.I16X8_EXTMUL_HIGH_I8X16_U, i8(0xff), i8(0xff)));
        assertV(i32(0x4000_0000), binary(Opcode.I32X4_EXTMUL_LOW_I16X8_S, i16(-32768), i16(-32768)));
        assertV(i32(0xfffe_0001), binary(Opcode.I32X4_EXTMUL_HIGH_I16X8_U, i16(0xffff), i16(0xffff)));
        assertV(i64(0x4000_0000_0000_0000L), binary(Opcode.I64X2_EXTMUL_LOW_I32X4_S, i32(0x8000_0000), i32(0x8000_0000)));
        assertV(i64(0xffff_fffe_0000_0001L), binary(Opcode.I64X2_EXTMUL_HIGH_I32X4_U, i32(-1), i32(-1)));
        assertV(i64(1, -2), binary(Opcode.I64X2_EXTMUL_HIGH_I32X4_S, i32(0, 0, -1, 2), i32(0, 0, 0xffff_ffff, -1)));
        assertV(i16(-256), unary(Opcode.I16X8_EXTADD_PAIRWISE_I8X16_S, i8(-128)));
        assertV(i16(510), unary(Opcode.I16X8_EXTADD_PAIRWISE_I8X16_U, i8(0xff)));
        assertV(i32(-65536), unary(Opcode.I32X4_EXTADD_PAIRWISE_I16X8_S, i16(-32768)));
        assertV(i32(131070), unary(Opcode.I32X4_EXTADD_PAIRWISE_I16X8_U, i16(0xffff)));
        Object wide = i16(128, -129, 127, -128, 255, 256, -1, 0);
        assertV(i8(127, -128, 127, -128, 127, 127, -1, 0, 1, 1, 1, 1, 1, 1, 1, 1), binary(Opcode.I8X16_NARROW_I16X8_S, wide, i16(1)));
        assertV(i8(128, 0, 127, 0, 255, 255, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1), binary(Opcode.I8X16_NARROW_I16X8_U, wide, i16(1)));
        assertV(i16(32767, -32768, 5, -1, 0, 0, 0, 0), binary(Opcode.I16X8_NARROW_I32X4_S, i32(32768, -32769, 5, -1), i32(0)));
        assertV(i16(7, 7, 7, 7, 0xffff, 0, 0x8000, 0xffff), binary(Opcode.I16X8_NARROW_I32X4_U, i32(7), i32(65536, -1, 32768, 65535)));
    }

    /** relaxed_madd_nmadd, relaxed_dot_product, i16x8_relaxed_q15mulr_s: the deterministic choices. */
    @Test
    void relaxedInstructionsTakeTheFixedChoices() {
        // unfused (the deterministic profile): the product is rounded, so the small difference is lost
        // and the product overflows to infinity before the sum (a fused result: 0x1p-37, FLT_MAX)
        assertV(f32(0.0f), ternary(Opcode.F32X4_RELAXED_MADD, f32(0x1.000004p+0f), f32(0x1.0002p+0f), f32(-0x1.000204p+0f)));
        assertV(f32(0.0f), ternary(Opcode.F32X4_RELAXED_NMADD, f32(-0x1.000004p+0f), f32(0x1.0002p+0f), f32(-0x1.000204p+0f)));
        assertV(f32(Float.POSITIVE_INFINITY), ternary(Opcode.F32X4_RELAXED_MADD, f32(0x1.fffffep127f), f32(2.0f), f32(-0x1.fffffep127f)));
        assertV(f64(0.0), ternary(Opcode.F64X2_RELAXED_MADD, f64(0x1.00000004p+0), f64(0x1.000002p+0), f64(-0x1.00000204p+0)));
        assertV(f64(0.0), ternary(Opcode.F64X2_RELAXED_NMADD, f64(0x1.00000004p+0), f64(-0x1.000002p+0), f64(-0x1.00000204p+0)));
        assertV(f64(Double.POSITIVE_INFINITY), ternary(Opcode.F64X2_RELAXED_MADD, f64(0x1.fffffffffffffp1023), f64(2.0), f64(-0x1.fffffffffffffp1023)));
        assertV(f32(-0.0f, 0.0f, 7.0f, -5.0f), ternary(Opcode.F32X4_RELAXED_NMADD, f32(0.0f, -0.0f, 2.0f, 2.0f), f32(1.0f, 1.0f, -3.0f, 3.0f), f32(-0.0f, -0.0f, 1.0f, 1.0f)));
        assertV(f32Bits(F32_SNAN_QUIETED), ternary(Opcode.F32X4_RELAXED_MADD, f32Bits(F32_SNAN), f32(1.0f), f32(1.0f)));
        assertCanonicalNaNs(64, ternary(Opcode.F64X2_RELAXED_NMADD, f64(Double.POSITIVE_INFINITY), f64(0.0), f64(1.0)));

        Object counting = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertV(i16(1, 13, 41, 85, 145, 221, 313, 421), binary(Opcode.I16X8_RELAXED_DOT_I8X16_I7X16_S, counting, counting));
        assertV(i16(-32512, 32258, 0, 0, 0, 0, 0, 0), binary(Opcode.I16X8_RELAXED_DOT_I8X16_I7X16_S,
                        i8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        // second operand signed (the script allows three results); -128 * -128 twice saturates
        assertV(i16(32512, 32767, 0, 0, 0, 0, 0, 0), binary(Opcode.I16X8_RELAXED_DOT_I8X16_I7X16_S,
                        i8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(-127, -127, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertV(i32(14, 127, 368, 737), ternary(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, counting, counting, i32(0, 1, 2, 3)));
        assertV(i32(-65023, 64518, 3, 4), ternary(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S,
                        i8(-128, -128, -128, -128, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0), i8(127), i32(1, 2, 3, 4)));
        assertV(i32(65025, 2, 3, 4), ternary(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S,
                        i8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(-127, -127, -127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i32(1, 2, 3, 4)));
        assertV(i32(0x8000_0000 + 65533, 0, 0, 0), ternary(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S,
                        i8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(-128), i32(0x7fff_ffff, 0, 0, 0)));
        assertV(i16(32767, -32767, 8192, 1, 0, -1, 0, 0), binary(Opcode.I16X8_RELAXED_Q15MULR_S,
                        i16(-32768, -32768, 16384, 1, 1, -1, 0, 0), i16(-32768, 32767, 16384, 16384, 16383, 16385, 0, 0)));
    }

    // ---- differential test against LaneSimdOps ------------------------------------------------------

    /** The vector instructions that are functions (families {@code UNARY} to {@code REDUCE}). */
    private static final List<Opcode> FUNCTION_OPCODES = Arrays.stream(Opcode.values())
                    .filter(op -> op.isVector() && SimdFamily.of(op).ordinal() <= SimdFamily.REDUCE.ordinal()).toList();

    /** The IEEE arithmetic instructions: with two NaN operands in a lane, the compiled code's operand order picks the payload. */
    private static final List<Opcode> IEEE = List.of(Opcode.F32X4_ADD, Opcode.F32X4_SUB, Opcode.F32X4_MUL, Opcode.F32X4_DIV, Opcode.F64X2_ADD, Opcode.F64X2_SUB,
                    Opcode.F64X2_MUL, Opcode.F64X2_DIV, Opcode.F32X4_RELAXED_MADD, Opcode.F32X4_RELAXED_NMADD, Opcode.F64X2_RELAXED_MADD, Opcode.F64X2_RELAXED_NMADD);

    /** Random operands per instruction; repeated so that the lambdas are compiled (and intrinsified) during the run. */
    private static final int ROUNDS = Integer.getInteger("twasm.simd.differentialRounds", 3000);

    @Test
    void agreesWithLaneSimdOpsBitForBitOnEveryInstruction() {
        assertAgreesWithLaneSimdOps(FUNCTION_OPCODES, op -> function(OPS, SimdFamily.of(op), op));
    }

    /**
     * The second forms of the instructions Graal cannot expand, which only run in Truffle-compiled
     * code ({@code CompilerDirectives.inCompiledCode()}): here they run directly, on HotSpot.
     */
    @Test
    void graalFormsAgreeWithLaneSimdOpsBitForBit() {
        Map<Opcode, Object> forms = VectorSimdOps.graalForms();
        assertTrue(forms.keySet().containsAll(List.of(Opcode.I8X16_ADD_SAT_S, Opcode.I16X8_SUB_SAT_U, Opcode.I32X4_MAX_U, Opcode.I8X16_POPCNT,
                        Opcode.I32X4_TRUNC_SAT_F32X4_S, Opcode.I32X4_RELAXED_TRUNC_F32X4_U, Opcode.F64X2_PROMOTE_LOW_F32X4, Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S)), forms.keySet().toString());
        assertAgreesWithLaneSimdOps(List.copyOf(forms.keySet()), forms::get);
    }

    private static void assertAgreesWithLaneSimdOps(List<Opcode> opcodes, Function<Opcode, Object> functions) {
        SimdOps lanes = new LaneSimdOps();
        Random random = new Random(0x5eed);
        Object[][] inputs = new Object[ROUNDS][];
        for (int i = 0; i < ROUNDS; i++) {
            inputs[i] = new Object[] {operand(random, i), operand(random, i + 1), operand(random, i + 2)};
        }
        int[] counts = {0, 1, -1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, Integer.MIN_VALUE, Integer.MAX_VALUE};
        List<String> failures = new ArrayList<>();
        for (Opcode op : opcodes) {
            SimdFamily family = SimdFamily.of(op);
            Object reference = function(lanes, family, op);
            Object tested = functions.apply(op);
            int failed = 0;
            for (int i = 0; i < ROUNDS && failed < 3; i++) {
                long[] abc = {lo(inputs[i][0]), hi(inputs[i][0]), lo(inputs[i][1]), hi(inputs[i][1]), lo(inputs[i][2]), hi(inputs[i][2])};
                int count = i < counts.length ? counts[i] : random.nextInt();
                long[] expected = apply(lanes, family, reference, abc, count);
                long[] actual = apply(OPS, family, tested, abc, count);
                if (!agree(op, expected, actual, abc)) {
                    failed++;
                    failures.add(op.mnemonic() + describe(abc, family, count) + ": expected " + SimdOps.toHex(expected[0], expected[1]) + ", got " + SimdOps.toHex(actual[0], actual[1]));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " disagreements with LaneSimdOps:\n" + String.join("\n", failures));
        }
    }

    /** Applies {@code f} of {@code family} in {@code ops} to the operands {@code abc} (lo, hi pairs); the result as lo, hi. */
    private static long[] apply(SimdOps ops, SimdFamily family, Object f, long[] abc, int count) {
        Object a = ops.fromLongs(abc[0], abc[1]);
        Object b = ops.fromLongs(abc[2], abc[3]);
        Object c = ops.fromLongs(abc[4], abc[5]);
        Object result = switch (family) {
            case UNARY -> ((V128Unary) f).apply(a);
            case BINARY -> ((V128Binary) f).apply(a, b);
            case TERNARY -> ((V128Ternary) f).apply(a, b, c);
            case SHIFT -> ((V128Shift) f).apply(a, count);
            case REDUCE -> ops.fromLongs(((V128Reduce) f).apply(a), 0);
            default -> throw new IllegalArgumentException(family.name());
        };
        return new long[] {ops.lo(result), ops.hi(result)};
    }

    /**
     * Bit-for-bit equality, except in {@link #IEEE} lanes with two NaNs, where the hardware
     * propagates the first NaN operand of its instruction, so the payload depends on the operand
     * order the JIT chose: HotSpot's interpreter computes {@code a + b} as {@code b + a}, compiled
     * code may not, and the reference itself differs between tiers. There the result of a binary
     * instruction must be one of the NaN operands quieted; that of {@code relaxed_madd} and
     * {@code relaxed_nmadd} (whose product may be a new NaN, {@code inf * 0}) an arithmetic NaN,
     * canonical if no operand is a non-canonical NaN. Both are what the spec allows (§4.3.3 NaN
     * propagation).
     */
    private static boolean agree(Opcode op, long[] expected, long[] actual, long[] abc) {
        if (expected[0] == actual[0] && expected[1] == actual[1]) {
            return true;
        }
        if (!IEEE.contains(op)) {
            return false;
        }
        int width = op.mnemonic().startsWith("f32") ? 32 : 64;
        long quiet = width == 32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
        for (int lane = 0; lane < 128 / width; lane++) {
            long e = bits(expected, width, lane);
            long g = bits(actual, width, lane);
            boolean ternary = SimdFamily.of(op) == SimdFamily.TERNARY;
            int nans = 0;
            boolean quietedOperand = false;
            boolean payloads = false;
            for (int operand = 0; operand < (ternary ? 3 : 2); operand++) {
                long x = bits(new long[] {abc[2 * operand], abc[2 * operand + 1]}, width, lane);
                if (isNaN(x, width)) {
                    nans++;
                    quietedOperand |= g == (x | quiet);
                    payloads |= !isCanonical(x, width);
                }
            }
            boolean allowed = ternary ? isNaN(g, width) && (g & quiet) != 0 && (payloads || isCanonical(g, width)) : nans == 2 && quietedOperand;
            if (e != g && !(isNaN(e, width) && allowed)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(long[] abc, SimdFamily family, int count) {
        int operands = switch (family) {
            case BINARY -> 2;
            case TERNARY -> 3;
            default -> 1;
        };
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < operands; i++) {
            s.append(i == 0 ? "" : ", ").append(SimdOps.toHex(abc[2 * i], abc[2 * i + 1]));
        }
        return (family == SimdFamily.SHIFT ? s.append(", ").append(count) : s).append(')').toString();
    }

    /**
     * A random operand: raw random bits, or lanes of one shape drawn from special values (lane
     * bounds, small numbers, zeros, infinities, NaNs with payloads, signalling NaNs, values at
     * rounding and conversion boundaries) mixed with random lanes.
     */
    private static Object operand(Random random, int i) {
        return switch (i % 7) {
            case 0 -> OPS.fromLongs(random.nextLong(), random.nextLong());
            case 1 -> lanesOf(8, k -> pick(random, INT_SPECIALS) >> 56, random);
            case 2 -> lanesOf(16, k -> pick(random, INT_SPECIALS) >> 48, random);
            case 3 -> lanesOf(32, k -> pick(random, INT_SPECIALS) >> 32, random);
            case 4 -> lanesOf(64, k -> pick(random, INT_SPECIALS), random);
            case 5 -> lanesOf(32, k -> random.nextBoolean() ? Float.floatToRawIntBits(pick(random, F32_SPECIALS)) : pick(random, F32_NAN_BITS), random);
            default -> lanesOf(64, k -> random.nextBoolean() ? Double.doubleToRawLongBits(pick(random, F64_SPECIALS)) : pick(random, F64_NAN_BITS), random);
        };
    }

    private static Object lanesOf(int width, IntFunction<Long> special, Random random) {
        long[] lanes = new long[128 / width];
        for (int k = 0; k < lanes.length; k++) {
            lanes[k] = random.nextInt(4) == 0 ? random.nextLong() : special.apply(k);
        }
        return build(width, lanes);
    }

    /** Special integer lanes, given for 64 bits and shifted right for the narrower widths: their bounds land on the lane bounds. */
    private static final long[] INT_SPECIALS = {0, 1L << 56, -1L << 56, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + (1L << 56), Long.MAX_VALUE - (1L << 56),
                    0x0080_0000_0000_0000L, 0xff80_0000_0000_0000L, 0x007f_0000_0000_0000L, 0x0100_0000_0000_0000L, 0x4000_0000_0000_0000L, 0x0180_0000_0000_0000L,
                    0xff7f_0000_0000_0000L, 0x7fff_0000_0000_0000L, 0x8000_8000_8000_8000L, 0x7f7f_7f7f_7f7f_7f7fL, 0x0000_ffff_0000_ffffL, 0x0fff_ffff_ffff_ffffL,
                    0xffff_8000_0000_0000L, 0xffff_7fff_0000_0000L, 0x0000_8000_0000_0000L, 0x0000_7fff_0000_0000L, 0x0000_ffff_0000_0000L, 0x0001_0000_0000_0000L,
                    0x0000_00ff_0000_0000L, 0x0000_0100_0000_0000L, 0xffff_ff80_0000_0000L, 0xffff_ff7f_0000_0000L, 0x0000_0080_0000_0000L, 0x0000_0010_0000_0000L};

    private static final float[] F32_SPECIALS = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f, -0.99999994f, 3.0f,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
                    0x1p23f, -0x1p23f, 0x1.fffffep22f, -0x1.fffffep22f, 0x1.000002p23f, 0x1p24f, 8388607.5f, -8388606.5f, 0x1p31f, -0x1p31f, 0x1.fffffep30f,
                    0x1.fffffep31f, 0x1p32f, -0x1.000002p31f, 4294967040.0f, 16777216.0f, 1e-40f, 123456.789f, -9876.5f, 65536.0f, 32767.5f};

    private static final int[] F32_NAN_BITS = {0x7fc0_0000, 0xffc0_0000, 0x7fa0_0000, 0xffa0_0000, 0x7f80_0001, 0xff80_0001, 0x7fc1_2345, 0xffff_ffff, 0x7fbf_ffff, 0x7f84_2108};

    private static final double[] F64_SPECIALS = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.9999999999999999, 3.0,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                    0x1p52, -0x1p52, 0x1.fffffffffffffp51, -0x1.fffffffffffffp51, 0x1p53, 4503599627370495.5, 0x1p31, -0x1p31, -0x1.00000002p31, 2147483647.5,
                    4294967295.5, 0x1p32, 4294967296.5, -0.9, 1e300, -1e300, 1e-310, 3.4028235677973366e38, 3.4028234663852886e38, 1.401298464324817e-45, 7.006492321624085e-46};

    private static final long[] F64_NAN_BITS = {0x7ff8_0000_0000_0000L, 0xfff8_0000_0000_0000L, 0x7ff4_0000_0000_0000L, 0xfff4_0000_0000_0000L, 0x7ff0_0000_0000_0001L,
                    0x7ff8_0000_1234_5678L, 0xffff_ffff_ffff_ffffL, 0x7ff7_ffff_ffff_ffffL, 0x7ff0_0000_2000_0000L, 0xfff0_0100_0000_0000L};

    private static long pick(Random random, long[] values) {
        return values[random.nextInt(values.length)];
    }

    private static long pick(Random random, int[] values) {
        return values[random.nextInt(values.length)];
    }

    private static float pick(Random random, float[] values) {
        return values[random.nextInt(values.length)];
    }

    private static double pick(Random random, double[] values) {
        return values[random.nextInt(values.length)];
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static Object function(SimdOps ops, SimdFamily family, Opcode op) {
        return switch (family) {
            case UNARY -> ops.unary(op);
            case BINARY -> ops.binary(op);
            case TERNARY -> ops.ternary(op);
            case SHIFT -> ops.shift(op);
            case REDUCE -> ops.reduce(op);
            default -> throw new IllegalArgumentException(family.name());
        };
    }

    private static Object unary(Opcode op, Object a) {
        return OPS.unary(op).apply(a);
    }

    private static Object binary(Opcode op, Object a, Object b) {
        return OPS.binary(op).apply(a, b);
    }

    private static Object ternary(Opcode op, Object a, Object b, Object c) {
        return OPS.ternary(op).apply(a, b, c);
    }

    private static Object shift(Opcode op, Object a, int count) {
        return OPS.shift(op).apply(a, count);
    }

    private static int reduce(Opcode op, Object a) {
        return OPS.reduce(op).apply(a);
    }

    private static long lo(Object v) {
        return OPS.lo(v);
    }

    private static long hi(Object v) {
        return OPS.hi(v);
    }

    private static void assertV(Object expected, Object actual) {
        assertV(expected, actual, "");
    }

    private static void assertV(Object expected, Object actual, String message) {
        assertEquals(OPS.toHex(expected), OPS.toHex(actual), message);
    }

    /** Every lane of width {@code width} of {@code v} is a canonical NaN, of either sign. */
    private static void assertCanonicalNaNs(int width, Object v) {
        long[] halves = {lo(v), hi(v)};
        for (int lane = 0; lane < 128 / width; lane++) {
            assertTrue(isCanonical(bits(halves, width, lane), width), OPS.toHex(v));
        }
    }

    private static long bits(long[] halves, int width, int lane) {
        int bit = lane * width;
        long half = halves[bit / 64];
        return width == 64 ? half : (half >>> (bit % 64)) & 0xffff_ffffL;
    }

    private static boolean isNaN(long bits, int width) {
        return width == 32 ? Float.isNaN(Float.intBitsToFloat((int) bits)) : Double.isNaN(Double.longBitsToDouble(bits));
    }

    private static boolean isCanonical(long bits, int width) {
        return width == 32 ? (bits & 0x7fff_ffff) == F32_CANONICAL : (bits & 0x7fff_ffff_ffff_ffffL) == F64_CANONICAL;
    }

    /** The value whose lanes of {@code width} bits are the low bits of {@code lanes}; a single lane is splat to all. */
    private static Object build(int width, long... lanes) {
        int count = 128 / width;
        long[] all = lanes.length == 1 ? filled(count, lanes[0]) : lanes;
        if (all.length != count) {
            throw new IllegalArgumentException(width + "-bit lanes: " + all.length);
        }
        long[] halves = new long[2];
        long mask = width == 64 ? -1L : (1L << width) - 1;
        for (int i = 0; i < count; i++) {
            halves[i * width / 64] |= (all[i] & mask) << (i * width % 64);
        }
        return OPS.fromLongs(halves[0], halves[1]);
    }

    private static long[] filled(int count, long value) {
        long[] all = new long[count];
        Arrays.fill(all, value);
        return all;
    }

    private static Object i8(int... lanes) {
        return build(8, Arrays.stream(lanes).asLongStream().toArray());
    }

    private static Object i16(int... lanes) {
        return build(16, Arrays.stream(lanes).asLongStream().toArray());
    }

    private static Object i32(int... lanes) {
        return build(32, Arrays.stream(lanes).asLongStream().toArray());
    }

    private static Object i64(long... lanes) {
        return build(64, lanes);
    }

    private static Object f32Bits(int... lanes) {
        return i32(lanes);
    }

    private static Object f64Bits(long... lanes) {
        return build(64, lanes);
    }

    private static Object f32(float... lanes) {
        int[] bits = new int[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            bits[i] = Float.floatToRawIntBits(lanes[i]);
        }
        return i32(bits);
    }

    private static Object f64(double... lanes) {
        return build(64, Arrays.stream(lanes).mapToLong(Double::doubleToRawLongBits).toArray());
    }
}
