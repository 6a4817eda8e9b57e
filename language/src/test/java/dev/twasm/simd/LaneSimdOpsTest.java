package dev.twasm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * {@link LaneSimdOps}, the reference semantics of the vector instructions: (1) every vector
 * instruction of the five function families has a function in exactly its family; (2) exact cases
 * per instruction group, most taken from the spec scripts ({@code simd_*.wast} of Wasm 2.0, the
 * relaxed SIMD scripts of Wasm 3.0), and a replay of every {@code assert_return} of those scripts
 * whose function is one expression of vector instructions on its parameters (about 23,600);
 * (3) round trips of splat, lanes, shuffles and memory.
 *
 * <p>Cases are written as in the scripts: an instruction in folded form, then the expected
 * result, where {@code (i16x8 1 -1 0x7fff ...)} abbreviates {@code (v128.const i16x8 ...)} and
 * expected float lanes may be {@code nan:canonical} or {@code nan:arithmetic}. The test builds
 * and reads vectors through {@link ByteBuffer}, not through the implementation under test.
 */
class LaneSimdOpsTest {
    private static final SimdOps OPS = new LaneSimdOps();

    // ---- (1) the function families --------------------------------------------------------------

    @Test
    void everyVectorFunctionIsInExactlyItsFamily() {
        Map<SimdFamily, Function<Opcode, Object>> lookups = new LinkedHashMap<>();
        lookups.put(SimdFamily.UNARY, OPS::unary);
        lookups.put(SimdFamily.BINARY, OPS::binary);
        lookups.put(SimdFamily.TERNARY, OPS::ternary);
        lookups.put(SimdFamily.SHIFT, OPS::shift);
        lookups.put(SimdFamily.REDUCE, OPS::reduce);
        Map<SimdFamily, Integer> functions = new LinkedHashMap<>();
        for (Opcode op : Opcode.values()) {
            if (!op.isVector()) {
                for (Function<Opcode, Object> lookup : lookups.values()) {
                    assertThrows(IllegalArgumentException.class, () -> lookup.apply(op), op::toString);
                }
                continue;
            }
            SimdFamily family = SimdFamily.of(op);
            for (Map.Entry<SimdFamily, Function<Opcode, Object>> e : lookups.entrySet()) {
                if (e.getKey() == family) {
                    assertNotNull(e.getValue().apply(op), op::toString);
                    functions.merge(family, 1, Integer::sum);
                } else {
                    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> e.getValue().apply(op), op::toString);
                    assertTrue(error.getMessage().contains(op.mnemonic()), error.getMessage());
                }
            }
        }
        // the rows of Opcode with signatures v:v, vv:v, vvv:v, vi:v and v:i and no immediates
        assertEquals(Map.of(SimdFamily.UNARY, 54, SimdFamily.BINARY, 127, SimdFamily.TERNARY, 10, SimdFamily.SHIFT, 12, SimdFamily.REDUCE, 9), functions);
    }

    @Test
    void relaxedInstructionsShareTheirCounterpartsFunctions() {
        assertSame(OPS.binary(Opcode.I8X16_SWIZZLE), OPS.binary(Opcode.I8X16_RELAXED_SWIZZLE));
        assertSame(OPS.unary(Opcode.I32X4_TRUNC_SAT_F32X4_U), OPS.unary(Opcode.I32X4_RELAXED_TRUNC_F32X4_U));
        assertSame(OPS.unary(Opcode.I32X4_TRUNC_SAT_F64X2_S_ZERO), OPS.unary(Opcode.I32X4_RELAXED_TRUNC_F64X2_S_ZERO));
        assertSame(OPS.binary(Opcode.F64X2_MIN), OPS.binary(Opcode.F64X2_RELAXED_MIN));
        assertSame(OPS.binary(Opcode.F32X4_MAX), OPS.binary(Opcode.F32X4_RELAXED_MAX));
        assertSame(OPS.ternary(Opcode.V128_BITSELECT), OPS.ternary(Opcode.I16X8_RELAXED_LANESELECT));
        assertSame(OPS.binary(Opcode.I16X8_Q15MULR_SAT_S), OPS.binary(Opcode.I16X8_RELAXED_Q15MULR_S));
    }

    // ---- (2) exact cases per instruction group ------------------------------------------------------

    @Test
    void integerArithmeticWraps() {
        holds("""
            (i8x16.add (i8x16 64 127 -1 0 -1 0 0 0 0 0 0 0 0 0 0 -63) (i8x16 64 1 1 0 -1 0 0 0 0 0 0 0 0 0 0 -64))
                (i8x16 -128 -128 0 0 -2 0 0 0 0 0 0 0 0 0 0 -127)
            (i16x8.sub (i16x8 -32768 0 0 0 0 0 0 0) (i16x8 1 1 0 0 0 0 0 -32768))        (i16x8 32767 -1 0 0 0 0 0 -32768)
            (i32x4.mul (i32x4 0x10000 0x7fffffff -1 0x40000000) (i32x4 0x10000 -2 -1 2))  (i32x4 0 2 1 0x80000000)
            (i64x2.mul (i64x2 0x4000000000000000 -1) (i64x2 2 -1))                        (i64x2 0x8000000000000000 1)
            (i64x2.add (i64x2 0x7fffffffffffffff -1) (i64x2 1 1))                         (i64x2 0x8000000000000000 0)
            (i8x16.neg (i8x16 -128 -1 1 0 -128 -1 1 0 -128 -1 1 0 -128 -1 1 0))         (i8x16 -128 1 -1 0 -128 1 -1 0 -128 1 -1 0 -128 1 -1 0)
            (i8x16.abs (i8x16 -128 -1 1 0 -127 -1 1 0 -128 -1 1 0 127 -1 1 0))          (i8x16 -128 1 1 0 127 1 1 0 -128 1 1 0 127 1 1 0)
            (i32x4.abs (i32x4 0x80000000 -0x7fffffff -1 0))                                (i32x4 0x80000000 0x7fffffff 1 0)
            (i64x2.abs (i64x2 0x8000000000000000 -1))                                      (i64x2 0x8000000000000000 1)
            (i64x2.neg (i64x2 0x8000000000000000 1))                                       (i64x2 0x8000000000000000 -1)
            (i8x16.popcnt (i8x16 -1 0x55 0 0x80 0x7f 0x81 -1 0x55 0 0x80 0x7f 0x81 -1 0x55 0 0x80))
                (i8x16 8 4 0 1 7 2 8 4 0 1 7 2 8 4 0 1)
            """);
    }

    @Test
    void saturatingArithmeticClampsToTheLaneRange() {
        holds("""
            (i8x16.add_sat_s (i8x16 127 -128 127 0 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 1 -1 -1 0 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 127 -128 126 0 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.add_sat_u (i8x16 255 127 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 1 127 0 0 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 255 254 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.sub_sat_u (i8x16 0 1 255 0 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 1 255 1 0 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 0 0 254 0 0 0 0 0 0 0 0 0 0 0 0 0)
            (i16x8.sub_sat_s (i16x8 -32768 32767 -32768 0 0 0 0 0) (i16x8 1 -1 -1 0 0 0 0 0))   (i16x8 -32768 32767 -32767 0 0 0 0 0)
            (i16x8.add_sat_u (i16x8 65535 32767 0 0 0 0 0 0) (i16x8 65535 32767 0 0 0 0 0 0))   (i16x8 65535 65534 0 0 0 0 0 0)
            ;; q15mulr_sat_s: (a * b + 2^14) >> 15 (rounding half up), saturated; -2^15 * -2^15 is the one overflow
            (i16x8.q15mulr_sat_s (i16x8 -32768 -32768 1 1 -1 16384 -1 -16384) (i16x8 -32768 32767 16384 16383 16384 32767 1 2))
                (i16x8 32767 -32767 1 0 0 16384 0 -1)
            (i16x8.relaxed_q15mulr_s (i16x8 -32768 -32768 1 1 -1 16384 -1 -16384) (i16x8 -32768 32767 16384 16383 16384 32767 1 2))
                (i16x8 32767 -32767 1 0 0 16384 0 -1)
            """);
    }

    @Test
    void minMaxAndRoundingAverageReadLanesBySign() {
        holds("""
            (i8x16.min_u (i8x16 255 -1 128 5 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 0 255 0x80 6 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 0 -1 -128 5 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.min_s (i8x16 255 -1 128 5 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 0 255 0x7f 6 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 -1 -1 -128 5 0 0 0 0 0 0 0 0 0 0 0 0)
            (i16x8.max_u (i16x8 -1 0 1 32767 0 0 0 0) (i16x8 0 0 0 -32768 0 0 0 0))          (i16x8 -1 0 1 -32768 0 0 0 0)
            (i32x4.min_s (i32x4 0x80000000 0x7fffffff 0 -1) (i32x4 0 0x7fffffff 1 0))        (i32x4 -2147483648 2147483647 0 -1)
            (i32x4.max_u (i32x4 0x80000000 0x7fffffff 0 -1) (i32x4 0 0x7fffffff 1 -2))       (i32x4 0x80000000 0x7fffffff 1 -1)
            (i8x16.avgr_u (i8x16 255 0 255 0 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 255 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0))
                (i8x16 255 1 128 0 0 0 0 0 0 0 0 0 0 0 0 0)
            (i16x8.avgr_u (i16x8 65535 65535 1 0 0 0 0 0) (i16x8 0 65535 0 0 0 0 0 0))       (i16x8 32768 65535 1 0 0 0 0 0)
            """);
    }

    @Test
    void comparisonsGiveAllOnesOrZeroLanes() {
        String a = "(i8x16 -1 0 127 -128 1 1 0 0 0 0 0 0 0 0 0 0) ";
        String b = "(i8x16 0 -1 -128 127 1 2 0 0 0 0 0 0 0 0 0 0)";
        holds("(i8x16.lt_s " + a + b + ") (i8x16 -1 0 0 -1 0 -1 0 0 0 0 0 0 0 0 0 0)"
                        + "(i8x16.lt_u " + a + b + ") (i8x16 0 -1 -1 0 0 -1 0 0 0 0 0 0 0 0 0 0)"
                        + "(i8x16.ge_s " + a + b + ") (i8x16 0 -1 -1 0 -1 0 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1)"
                        + "(i8x16.ge_u " + a + b + ") (i8x16 -1 0 0 -1 -1 0 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1)");
        holds("""
            (i16x8.gt_u (i16x8 0x7fff 0x8000 0 0 0 0 0 0) (i16x8 0x8000 0x7fff 0 0 0 0 0 0))    (i16x8 0 -1 0 0 0 0 0 0)
            (i32x4.le_u (i32x4 0 -1 5 6) (i32x4 -1 0 5 5))                                      (i32x4 -1 0 -1 0)
            (i64x2.lt_s (i64x2 0x8000000000000000 0) (i64x2 0x7fffffffffffffff -1))            (i64x2 -1 0)
            (i64x2.ne (i64x2 1 2) (i64x2 1 3))                                                  (i64x2 0 -1)
            ;; floats: NaN is unordered (only ne holds), -0 == +0
            (f32x4.eq (f32x4 nan -0 1 -inf) (f32x4 nan 0 nan -inf))                             (i32x4 0 -1 0 -1)
            (f32x4.ne (f32x4 nan -0 1 -inf) (f32x4 nan 0 nan -inf))                             (i32x4 -1 0 -1 0)
            (f32x4.le (f32x4 nan -0 1 -inf) (f32x4 nan 0 nan -inf))                             (i32x4 0 -1 0 -1)
            (f32x4.lt (f32x4 nan -0 1 -inf) (f32x4 nan 0 nan -inf))                             (i32x4 0 0 0 0)
            (f64x2.gt (f64x2 nan inf) (f64x2 0 0x1.fffffffffffffp+1023))                         (i64x2 0 -1)
            (f64x2.ge (f64x2 -0 nan) (f64x2 0 nan))                                              (i64x2 -1 0)
            """);
    }

    @Test
    void shiftsTakeTheCountModuloTheLaneWidth() {
        holds("""
            (i8x16.shl (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const 8))     (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.shl (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const 9))     (i8x16 2 -2 2 0x80 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.shr_s (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const 9))   (i8x16 0xc0 -1 0 0x20 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.shr_u (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const -7))  (i8x16 0x40 0x7f 0 0x20 0 0 0 0 0 0 0 0 0 0 0 0)
            (i8x16.shr_u (i8x16 0x81 -1 1 0x40 0 0 0 0 0 0 0 0 0 0 0 0) (i32.const 7))   (i8x16 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
            (i16x8.shr_u (i16x8 -32768 0x7fff 1 0 0 0 0 0) (i32.const 16))               (i16x8 -32768 0x7fff 1 0 0 0 0 0)
            (i16x8.shr_s (i16x8 -32768 0x7fff 1 0 0 0 0 0) (i32.const 15))               (i16x8 -1 0 0 0 0 0 0 0)
            (i16x8.shl (i16x8 -32768 0x7fff 1 0 0 0 0 0) (i32.const -1))                 (i16x8 0 -32768 -32768 0 0 0 0 0)
            (i32x4.shl (i32x4 0x80000000 -1 1 0) (i32.const 33))                         (i32x4 0 -2 2 0)
            (i32x4.shr_u (i32x4 -1 -1 0x80000000 0) (i32.const 0x80000001))             (i32x4 0x7fffffff 0x7fffffff 0x40000000 0)
            (i64x2.shr_s (i64x2 0x8000000000000000 0x7fffffffffffffff) (i32.const 127))  (i64x2 -1 0)
            (i64x2.shl (i64x2 1 2) (i32.const 63))                                       (i64x2 0x8000000000000000 0)
            (i64x2.shr_u (i64x2 0x8000000000000000 1) (i32.const 0x3f))                  (i64x2 1 0)
            """);
    }

    @Test
    void bitwiseInstructionsWorkOnAll128Bits() {
        holds("""
            (v128.not (i64x2 0x00ff00ff0f0ff0f0 0x123456789abcdef0))                       (i64x2 0xff00ff00f0f00f0f 0xedcba9876543210f)
            (v128.and (i64x2 0x00ff00ff0f0ff0f0 -1) (i64x2 0xffff0000ffff0000 0x0f0f))    (i64x2 0x00ff00000f0f0000 0x0f0f)
            (v128.andnot (i64x2 0x00ff00ff0f0ff0f0 -1) (i64x2 0xffff0000ffff0000 0x0f0f)) (i64x2 0x000000ff0000f0f0 0xfffffffffffff0f0)
            (v128.or (i64x2 0x00ff00ff0f0ff0f0 0) (i64x2 0xffff0000ffff0000 0x8000000000000000))  (i64x2 0xffff00fffffff0f0 0x8000000000000000)
            (v128.xor (i64x2 0x00ff00ff0f0ff0f0 -1) (i64x2 0xffff0000ffff0000 -1))        (i64x2 0xff0000fff0f0f0f0 0)
            (v128.any_true (i64x2 0 0))                                                    (i32.const 0)
            (v128.any_true (i64x2 0 0x8000000000000000))                                   (i32.const 1)
            """);
        // bitselect takes each bit from the first operand where the mask has a one; relaxed_laneselect is bitselect,
        // so the mask works bit by bit, not by the top bit of each lane
        String operands = " (i64x2 0x00ff00ff0f0ff0f0 0x123456789abcdef0) (i64x2 0xffff0000ffff0000 0x0f0f0f0f0f0f0f0f)"
                        + " (i64x2 0xffffffff00000000 0x8080808080808080)) (i64x2 0x00ff00ffffff0000 0x0f0f0f0f8f8f8f8f)";
        holds(Stream.of("v128.bitselect", "i8x16.relaxed_laneselect", "i16x8.relaxed_laneselect", "i32x4.relaxed_laneselect", "i64x2.relaxed_laneselect")
                        .map(op -> "(" + op + operands).collect(Collectors.joining("\n")));
    }

    @Test
    void allTrueAndBitmaskLookAtEachLane() {
        holds("""
            (i8x16.all_true (i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 0))                  (i32.const 0)
            (i16x8.all_true (i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 0))                  (i32.const 1)
            (i16x8.all_true (i16x8 1 1 1 1 1 1 0 1))                                   (i32.const 0)
            (i32x4.all_true (i32x4 0x80000000 1 -1 0x10000))                           (i32.const 1)
            (i64x2.all_true (i64x2 0 0x100000000))                                     (i32.const 0)
            (i8x16.bitmask (i8x16 -1 -128 0 127 -2 1 -3 0 0 0 0 0 0 0 0 0x80))        (i32.const 0x8053)
            (i16x8.bitmask (i16x8 -1 1 0 32767 0 0 0 0x8000))                          (i32.const 0x81)
            (i32x4.bitmask (i32x4 0x7fffffff -1 0x80000000 0))                         (i32.const 6)
            (i64x2.bitmask (i64x2 0x7fffffffffffffff 0x8000000000000000))              (i32.const 2)
            """);
    }

    @Test
    void swizzleGivesZeroForIndicesFromSixteenOn() {
        String operands = " (i8x16 0x10 0x11 0x12 0x13 0x14 0x15 0x16 0x17 0x18 0x19 0x1a 0x1b 0x1c 0x1d 0x1e 0x1f)"
                        + " (i8x16 15 0 16 255 1 128 17 14 2 3 4 5 6 7 8 0x7f)) (i8x16 0x1f 0x10 0 0 0x11 0 0 0x1e 0x12 0x13 0x14 0x15 0x16 0x17 0x18 0)";
        holds("(i8x16.swizzle" + operands + " (i8x16.relaxed_swizzle" + operands);
    }

    @Test
    void narrowSaturatesSignedInputLanes() {
        holds("""
            (i8x16.narrow_i16x8_s (i16x8 128 -129 127 -128 256 -1 0 32767) (i16x8 -32768 1 2 3 4 5 6 255))
                (i8x16 127 -128 127 -128 127 -1 0 127 -128 1 2 3 4 5 6 127)
            (i8x16.narrow_i16x8_u (i16x8 128 -129 127 -128 256 -1 0 32767) (i16x8 -32768 1 2 3 4 5 6 255))
                (i8x16 128 0 127 0 255 0 0 255 0 1 2 3 4 5 6 255)
            (i16x8.narrow_i32x4_s (i32x4 65536 -1 32768 -32769) (i32x4 1 2 -32768 32767))   (i16x8 32767 -1 32767 -32768 1 2 -32768 32767)
            (i16x8.narrow_i32x4_u (i32x4 65536 -1 32768 -32769) (i32x4 1 2 -32768 65535))   (i16x8 65535 0 32768 0 1 2 0 65535)
            """);
    }

    @Test
    void extendMultiplyAndPairwiseAddWidenExactly() {
        holds("""
            (i16x8.extend_low_i8x16_s (i8x16 -128 -1 1 127 0 2 3 4 255 254 0 0 0 0 0 0x80))    (i16x8 -128 -1 1 127 0 2 3 4)
            (i16x8.extend_high_i8x16_u (i8x16 -128 -1 1 127 0 2 3 4 255 254 0 0 0 0 0 0x80))   (i16x8 255 254 0 0 0 0 0 128)
            (i16x8.extend_high_i8x16_s (i8x16 -128 -1 1 127 0 2 3 4 255 254 0 0 0 0 0 0x80))   (i16x8 -1 -2 0 0 0 0 0 -128)
            (i32x4.extend_low_i16x8_u (i16x8 -1 -32768 0 0 7 7 7 7))                             (i32x4 65535 32768 0 0)
            (i64x2.extend_high_i32x4_s (i32x4 0 0 -1 0x7fffffff))                                (i64x2 -1 0x7fffffff)
            (i64x2.extend_low_i32x4_u (i32x4 -1 0x80000000 0 0))                                 (i64x2 0xffffffff 0x80000000)
            (i16x8.extmul_low_i8x16_s (i8x16 -128 -128 -1 127 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 -128 127 -1 127 0 0 0 0 0 0 0 0 0 0 0 0))
                (i16x8 16384 -16256 1 16129 0 0 0 0)
            (i16x8.extmul_high_i8x16_u (i8x16 0 0 0 0 0 0 0 0 255 0 0 0 0 0 0 1) (i8x16 0 0 0 0 0 0 0 0 255 0 0 0 0 0 0 1))
                (i16x8 65025 0 0 0 0 0 0 1)
            (i32x4.extmul_low_i16x8_s (i16x8 -32768 -32768 0 0 0 0 0 0) (i16x8 -32768 32767 0 0 0 0 0 0))  (i32x4 0x40000000 -1073709056 0 0)
            (i64x2.extmul_high_i32x4_u (i32x4 0 0 -1 0x80000000) (i32x4 0 0 -1 0x80000000))      (i64x2 0xfffffffe00000001 0x4000000000000000)
            (i64x2.extmul_low_i32x4_s (i32x4 0x80000000 0x80000000 0 0) (i32x4 0x80000000 0x7fffffff 0 0))
                (i64x2 0x4000000000000000 -0x3fffffff80000000)
            (i16x8.extadd_pairwise_i8x16_s (i8x16 -128 -128 127 127 -1 -1 -1 -1 0 0 0 0 0 0 0 0))   (i16x8 -256 254 -2 -2 0 0 0 0)
            (i16x8.extadd_pairwise_i8x16_u (i8x16 128 128 127 127 255 255 -1 -1 0 0 0 0 0 0 0 0))   (i16x8 256 254 510 510 0 0 0 0)
            (i32x4.extadd_pairwise_i16x8_u (i16x8 -1 -1 0 0 0 0 0 1))                              (i32x4 131070 0 0 1)
            (i32x4.extadd_pairwise_i16x8_s (i16x8 -32768 -32768 32767 32767 0 0 0 0))              (i32x4 -65536 65534 0 0)
            """);
    }

    @Test
    void dotProductsAddPairsOfProducts() {
        holds("""
            ;; dot_i16x8_s wraps: -2^15 * -2^15 * 2 = 2^31
            (i32x4.dot_i16x8_s (i16x8 -32768 -32768 -32768 32767 1 0 0 0) (i16x8 -32768 -32768 1 -1 1 7 0 0))  (i32x4 -2147483648 -65535 1 0)
            ;; relaxed_dot_product.wast; the second operand is signed
            (i16x8.relaxed_dot_i8x16_i7x16_s (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
                (i16x8 1 13 41 85 145 221 313 421)
            (i16x8.relaxed_dot_i8x16_i7x16_s (i8x16 -128 -128 127 127 -128 -128 0 0 0 0 0 0 0 0 0 0) (i8x16 127 127 127 127 -127 -127 0 0 0 0 0 0 0 0 0 0))
                (i16x8 -32512 32258 32512 0 0 0 0 0)
            ;; the one pair that overflows i16 (-128 * -128 twice) saturates, as the spec's ivdot_sat
            (i16x8.relaxed_dot_i8x16_i7x16_s (i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 -128 -128 127 -128 0 0 0 0 0 0 0 0 0 0 0 0))
                (i16x8 32767 128 0 0 0 0 0 0)
            (i32x4.relaxed_dot_i8x16_i7x16_add_s (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i32x4 0 1 2 3))
                (i32x4 14 127 368 737)
            (i32x4.relaxed_dot_i8x16_i7x16_add_s (i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 -127 -127 -127 -127 0 0 0 0 0 0 0 0 0 0 0 0) (i32x4 1 2 3 4))
                (i32x4 65025 2 3 4)
            ;; the i16 intermediates saturate (32767 + 32767), the i32 sums wrap
            (i32x4.relaxed_dot_i8x16_i7x16_add_s (i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0) (i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0)
                                                 (i32x4 0 0x80000000 0 0))
                (i32x4 65534 -2147483648 0 0)
            """);
    }

    @Test
    void floatArithmeticFollowsTheScalarNaNRules() {
        holds("""
            (f32x4.add (f32x4 nan nan:0x200000 inf 1) (f32x4 1 1 -inf 2))         (f32x4 nan:canonical nan:arithmetic nan:canonical 3)
            (f32x4.mul (f32x4 0 -0 -0 0x1p-149) (f32x4 inf 1 -1 1))               (f32x4 nan:canonical -0 0 0x1p-149)
            (f64x2.div (f64x2 0 -1) (f64x2 0 0))                                   (f64x2 nan:canonical -inf)
            (f64x2.sub (f64x2 -nan:0x4000000000000 0x1p-1073) (f64x2 1 0x1p-1074)) (f64x2 nan:arithmetic 0x1p-1074)
            (f32x4.sqrt (f32x4 -1 2 -0 inf))                                        (f32x4 nan:canonical 0x1.6a09e6p+0 -0 inf)
            (f64x2.sqrt (f64x2 -0x1p-1074 2))                                       (f64x2 nan:canonical 0x1.6a09e667f3bcdp+0)
            ;; abs and neg change the sign bit only: payloads stay exactly
            (f32x4.neg (f32x4 -nan:0x200000 nan:0x1 -0 -inf))                       (f32x4 nan:0x200000 -nan:0x1 0 inf)
            (f64x2.abs (f64x2 -nan:0x1 -0))                                         (f64x2 nan:0x1 0)
            """);
    }

    @Test
    void minMaxAndPseudoMinMax() {
        holds("""
            (f32x4.min (f32x4 -0 0 nan 1) (f32x4 0 -0 1 nan:0x200000))           (f32x4 -0 -0 nan:canonical nan:arithmetic)
            (f32x4.max (f32x4 -0 0 nan 1) (f32x4 0 -0 1 nan:0x200000))           (f32x4 0 0 nan:canonical nan:arithmetic)
            (f32x4.relaxed_min (f32x4 -0 0 nan 1) (f32x4 0 -0 1 nan:0x200000))   (f32x4 -0 -0 nan:canonical nan:arithmetic)
            (f64x2.min (f64x2 0 nan) (f64x2 -0 -inf))                              (f64x2 -0 nan:canonical)
            (f64x2.relaxed_max (f64x2 -0 nan) (f64x2 0 -inf))                      (f64x2 0 nan:canonical)
            ;; pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a: an operand unchanged, NaNs included
            (f32x4.pmin (f32x4 -0 0 nan 1) (f32x4 0 -0 1 nan:0x200000))          (f32x4 -0 0 nan 1)
            (f32x4.pmax (f32x4 -0 0 nan 1) (f32x4 0 -0 1 nan:0x200000))          (f32x4 -0 0 nan 1)
            (f32x4.pmin (f32x4 0 -0 1 nan:0x200000) (f32x4 -0 0 nan 1))          (f32x4 0 -0 1 nan:0x200000)
            (f64x2.pmin (f64x2 0 nan:0x1) (f64x2 -inf -inf))                       (f64x2 -inf nan:0x1)
            (f64x2.pmax (f64x2 0 nan:0x1) (f64x2 -inf inf))                        (f64x2 0 nan:0x1)
            (f64x2.pmax (f64x2 0 1) (f64x2 -inf inf))                              (f64x2 0 inf)
            """);
    }

    @Test
    void roundingKeepsTheSignOfZero() {
        holds("""
            (f32x4.nearest (f32x4 -0.5 2.5 -1.5 nan:0x1))     (f32x4 -0 2 -2 nan:arithmetic)
            (f32x4.trunc (f32x4 -0.9 1.9 -1.9 0x1p23))        (f32x4 -0 1 -1 0x1p23)
            (f32x4.ceil (f32x4 -0.5 1.1 -1.9 nan))            (f32x4 -0 2 -1 nan:canonical)
            (f32x4.floor (f32x4 -0.5 1.9 -1.1 -0))            (f32x4 -1 1 -2 -0)
            (f64x2.nearest (f64x2 -0x1p-1074 3.5))             (f64x2 -0 4)
            (f64x2.trunc (f64x2 -0.999 0x1.fffffffffffffp+52)) (f64x2 -0 0x1.fffffffffffffp+52)
            (f64x2.ceil (f64x2 -0x1p-1074 -inf))               (f64x2 -0 -inf)
            (f64x2.floor (f64x2 -0x1p-1074 nan:0x1))           (f64x2 -1 nan:arithmetic)
            """);
    }

    @Test
    void conversionsSaturateAndRoundOnce() {
        holds("""
            (i32x4.trunc_sat_f32x4_s (f32x4 nan 3e9 -inf -1.9))                     (i32x4 0 2147483647 -2147483648 -1)
            (i32x4.trunc_sat_f32x4_u (f32x4 -nan 0x1.fffffep+31 -0.9 inf))          (i32x4 0 0xffffff00 0 0xffffffff)
            (i32x4.trunc_sat_f64x2_s_zero (f64x2 -2147483648.9 2147483647.9))       (i32x4 -2147483648 2147483647 0 0)
            (i32x4.trunc_sat_f64x2_u_zero (f64x2 -0.9 4294967295.9))                (i32x4 0 0xffffffff 0 0)
            (f32x4.convert_i32x4_u (i32x4 -1 0x80000000 1 0))                       (f32x4 0x1p32 0x1p31 1 0)
            ;; 2^24 + 1 and 2^24 + 3 are ties: to even
            (f32x4.convert_i32x4_s (i32x4 0x80000000 16777217 16777216 16777219))   (f32x4 -0x1p31 0x1p24 0x1p24 0x1.000004p24)
            (f64x2.convert_low_i32x4_s (i32x4 -1 0x80000000 5 5))                   (f64x2 -1 -0x1p31)
            (f64x2.convert_low_i32x4_u (i32x4 -1 0x80000000 5 5))                   (f64x2 4294967295 0x1p31)
            (f32x4.demote_f64x2_zero (f64x2 0x1.fffffffp0 0x1p128))                 (f32x4 2 inf 0 0)
            (f32x4.demote_f64x2_zero (f64x2 nan -0x1p-149))                         (f32x4 nan:canonical -0x1p-149 0 0)
            (f64x2.promote_low_f32x4 (f32x4 nan -0x1p-149 1 2))                     (f64x2 nan:canonical -0x1p-149)
            """);
    }

    /**
     * The cases of the spec's i32x4_relaxed_trunc.wast (the local copy of the script ends after
     * its module): each result is the saturating alternative of the script's {@code either}.
     */
    @Test
    void relaxedTruncationSaturates() {
        holds("""
            (i32x4.relaxed_trunc_f32x4_s (f32x4 -2147483648.0 -2147483904.0 2147483647.0 2147483904.0))
                (i32x4 -2147483648 -2147483648 2147483647 2147483647)
            (i32x4.relaxed_trunc_f32x4_s (f32x4 nan -nan nan:0x444444 -nan:0x444444))      (i32x4 0 0 0 0)
            (i32x4.relaxed_trunc_f32x4_u (f32x4 0 -1.0 4294967040.0 4294967296.0))         (i32x4 0 0 4294967040 0xffffffff)
            (i32x4.relaxed_trunc_f32x4_u (f32x4 nan -nan nan:0x444444 -nan:0x444444))      (i32x4 0 0 0 0)
            (i32x4.relaxed_trunc_f64x2_s_zero (f64x2 -2147483904.0 2147483904.0))          (i32x4 -2147483648 2147483647 0 0)
            (i32x4.relaxed_trunc_f64x2_s_zero (f64x2 nan -nan))                            (i32x4 0 0 0 0)
            (i32x4.relaxed_trunc_f64x2_u_zero (f64x2 -1.0 4294967296.0))                   (i32x4 0 0xffffffff 0 0)
            (i32x4.relaxed_trunc_f64x2_u_zero (f64x2 nan -nan))                            (i32x4 0 0 0 0)
            """);
    }

    @Test
    void relaxedMultiplyAddIsUnfused() {
        holds("""
            ;; relaxed_madd_nmadd.wast allows 0x1p-37 (fused) or 0 (unfused): the deterministic profile is unfused
            (f32x4.relaxed_madd (f32x4 0x1.000004p+0 0x1.000004p+0 0x1.000004p+0 0x1.000004p+0) (f32x4 0x1.0002p+0 0x1.0002p+0 0x1.0002p+0 0x1.0002p+0)
                                (f32x4 -0x1.000204p+0 -0x1.000204p+0 -0x1.000204p+0 -0x1.000204p+0))
                (f32x4 0 0 0 0)
            ;; the product overflows before the sum: inf, where a fused result would be FLT_MAX
            (f32x4.relaxed_madd (f32x4 0x1.fffffep+127 inf 2 0) (f32x4 2 0 3 -1) (f32x4 -0x1.fffffep+127 1 1 -0))  (f32x4 inf nan:canonical 7 -0)
            (f32x4.relaxed_nmadd (f32x4 -0x1.000004p+0 -2 2 nan) (f32x4 0x1.0002p+0 2 2 1) (f32x4 -0x1.000204p+0 1 -1 1))  (f32x4 0 5 -5 nan:canonical)
            (f64x2.relaxed_madd (f64x2 0x1.00000004p+0 0x1.fffffffffffffp+1023) (f64x2 0x1.000002p+0 2) (f64x2 -0x1.00000204p+0 -0x1.fffffffffffffp+1023))
                (f64x2 0 inf)
            (f64x2.relaxed_nmadd (f64x2 0x1.00000004p+0 0) (f64x2 -0x1.000002p+0 1) (f64x2 -0x1.00000204p+0 -0))   (f64x2 0 -0)
            """);
    }

    // ---- (3) splat, lanes, shuffle, memory -------------------------------------------------------------

    @Test
    void splatExtractAndReplaceRoundTrip() {
        Random random = new Random(42);
        for (int laneLog2 = 0; laneLog2 <= 3; laneLog2++) {
            int lanes = 16 >> laneLog2;
            long mask = laneLog2 == 3 ? -1L : (1L << (8 << laneLog2)) - 1;
            for (int round = 0; round < 50; round++) {
                long bits = random.nextLong();
                Object splat = OPS.splat(laneLog2, bits);
                Object v = OPS.fromLongs(random.nextLong(), random.nextLong());
                int lane = random.nextInt(lanes);
                Object replaced = OPS.replaceLane(v, laneLog2, lane, bits);
                for (int i = 0; i < lanes; i++) {
                    assertEquals(bits & mask, OPS.extractLane(splat, laneLog2, i));
                    assertEquals(i == lane ? bits & mask : OPS.extractLane(v, laneLog2, i), OPS.extractLane(replaced, laneLog2, i));
                    assertEquals(Literals.lane((V128) v, 8 << laneLog2, i), OPS.extractLane(v, laneLog2, i));
                }
            }
        }
        holds("""
            (i8x16.splat (i32.const 0x301))                                         (i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1)
            (f32x4.splat (f32.const -nan:0x1))                                      (f32x4 -nan:0x1 -nan:0x1 -nan:0x1 -nan:0x1)
            (i16x8.replace_lane 1 (i16x8.replace_lane 0 (i16x8 0 0 0 0 0 0 0 9) (i32.const 0xaaaa)) (i32.const 0xffffbbbb))
                (i16x8 0xaaaa 0xbbbb 0 0 0 0 0 9)
            (i8x16.extract_lane_s 7 (i64x2 0x8877665544332211 0))                   (i32.const -0x78)
            (i16x8.extract_lane_u 7 (i64x2 0 0x8877665544332211))                   (i32.const 0x8877)
            (f64x2.extract_lane 1 (f64x2 0 nan:0x1))                                (f64.const nan:0x1)
            """);
    }

    @Test
    void shuffleSelectsBytesOfBothOperands() {
        String operands = " (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31))";
        holds("(i8x16.shuffle 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16" + operands + " (i8x16 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16)"
                        + "(i8x16.shuffle 31 0 30 1 16 15 17 14 8 8 24 24 0 0 31 31" + operands + " (i8x16 31 0 30 1 16 15 17 14 8 8 24 24 0 0 31 31)"
                        + "(i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15" + operands + " (i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)");
    }

    @Test
    void valuesLoadAndStoreLittleEndian() {
        byte[] memory = new byte[40];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = (byte) i;
        }
        Object v = OPS.load(memory, 3);
        assertEquals(0x0A09080706050403L, OPS.lo(v));
        assertEquals(0x1211100F0E0D0C0BL, OPS.hi(v));
        assertEquals(0x06050403, OPS.extractLane(v, 2, 0));
        byte[] target = new byte[40];
        OPS.store(target, 21, v);
        for (int i = 0; i < target.length; i++) {
            assertEquals(i >= 21 && i < 37 ? memory[i - 18] : 0, target[i], "byte " + i);
        }
        assertEquals(v, OPS.load(target, 21));
        assertTrue(OPS.isValue(v));
        assertFalse(OPS.isValue(new long[2]));
        assertEquals(V128.ZERO, OPS.zero());
        assertEquals("0x1211100f0e0d0c0b0a09080706050403", OPS.toHex(v));
        assertEquals(new V128(1, 2), OPS.fromLongs(1, 2));
    }

    // ---- the spec scripts ---------------------------------------------------------------------------

    /** Every script's assertions on single-expression vector functions hold. */
    @TestFactory
    Stream<DynamicTest> specScripts() {
        return Scripts.results().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ScriptRun run = e.getValue();
            if (!run.failures.isEmpty()) {
                fail(run.failures.size() + " of " + (run.checked + run.failures.size()) + " assertions failed:\n"
                                + run.failures.stream().limit(25).collect(Collectors.joining("\n")));
            }
        }));
    }

    /**
     * The replay reaches every instruction it can evaluate, so it cannot pass by checking
     * nothing; only the relaxed truncations have no assertions in the local scripts
     * ({@link #relaxedTruncationSaturates}).
     */
    @Test
    void specScriptsExerciseEveryFunction() {
        Set<Opcode> exercised = EnumSet.noneOf(Opcode.class);
        int checked = 0;
        for (ScriptRun run : Scripts.results().values()) {
            exercised.addAll(run.exercised);
            checked += run.checked;
        }
        Set<String> missing = new TreeSet<>();
        for (Opcode op : Opcode.values()) {
            if (op.isVector() && !exercised.contains(op) && ScriptRun.evaluates(op)) {
                missing.add(op.mnemonic());
            }
        }
        assertEquals(Set.of("i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u", "i32x4.relaxed_trunc_f64x2_s_zero", "i32x4.relaxed_trunc_f64x2_u_zero"),
                        missing, "instructions no replayed assertion reaches");
        assertTrue(checked > 23_000, checked + " assertions replayed");
    }

    /** Each pair of S-expressions in {@code cases}, an instruction and its expected result, holds. */
    private static void holds(String cases) {
        List<Sexp> forms = Sexp.read(cases);
        assertEquals(0, forms.size() % 2, "cases come in pairs: " + cases);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < forms.size(); i += 2) {
            Object actual = ScriptRun.eval(forms.get(i), List.of(), new Object[0], EnumSet.noneOf(Opcode.class));
            if (!ScriptRun.matches(forms.get(i + 1), actual)) {
                failures.add(forms.get(i) + "\n    expected " + forms.get(i + 1) + "\n    got " + ScriptRun.render(actual));
            }
        }
        assertEquals("", String.join("\n", failures));
    }

    // ---- text-format literals ------------------------------------------------------------------------

    /** Lane literals of the text format (spec §6.3.1 "Integers", §6.3.2 "Floating-Point"), as far as the SIMD scripts need them. */
    static final class Literals {
        private Literals() {
        }

        static int laneWidth(String shape) {
            return switch (shape) {
                case "i8x16" -> 8;
                case "i16x8" -> 16;
                case "i32x4", "f32x4" -> 32;
                case "i64x2", "f64x2" -> 64;
                default -> 0;
            };
        }

        static V128 vector(String shape, List<String> lanes) {
            int w = laneWidth(shape);
            if (w == 0 || lanes.size() != 128 / w) {
                throw new IllegalArgumentException(shape + " " + lanes);
            }
            ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (String literal : lanes) {
                long bits = laneBits(shape, literal);
                switch (w) {
                    case 8 -> bytes.put((byte) bits);
                    case 16 -> bytes.putShort((short) bits);
                    case 32 -> bytes.putInt((int) bits);
                    default -> bytes.putLong(bits);
                }
            }
            return new V128(bytes.getLong(0), bytes.getLong(8));
        }

        /** Lane {@code i} of width {@code w} of {@code v}, zero-extended. */
        static long lane(V128 v, int w, int i) {
            ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(v.lo).putLong(v.hi);
            return switch (w) {
                case 8 -> bytes.get(i) & 0xFFL;
                case 16 -> bytes.getShort(2 * i) & 0xFFFFL;
                case 32 -> bytes.getInt(4 * i) & 0xFFFF_FFFFL;
                default -> bytes.getLong(8 * i);
            };
        }

        /** Whether each lane of {@code actual} matches its literal. */
        static boolean matches(String shape, List<String> lanes, V128 actual) {
            int w = laneWidth(shape);
            for (int i = 0; i < lanes.size(); i++) {
                if (!laneMatches(shape, lanes.get(i), lane(actual, w, i))) {
                    return false;
                }
            }
            return lanes.size() == 128 / w;
        }

        /** Whether the zero-extended lane {@code bits} match {@code literal}, which may be a NaN class for floats. */
        static boolean laneMatches(String shape, String literal, long bits) {
            int w = laneWidth(shape);
            long quietNaN = w == 32 ? 0x7FC0_0000L : 0x7FF8_0000_0000_0000L;
            long magnitude = w == 32 ? 0x7FFF_FFFFL : Long.MAX_VALUE;
            if (shape.startsWith("f") && literal.equals("nan:canonical")) {
                return (bits & magnitude) == quietNaN;
            } else if (shape.startsWith("f") && literal.equals("nan:arithmetic")) {
                return (bits & quietNaN) == quietNaN;
            }
            return (laneBits(shape, literal) & (w == 64 ? -1L : (1L << w) - 1)) == bits;
        }

        static long laneBits(String shape, String literal) {
            return shape.startsWith("f") ? floatBits(literal, laneWidth(shape)) : integer(literal);
        }

        /** An integer literal, signed or unsigned, decimal or hex, as its low 64 bits. */
        static long integer(String literal) {
            String digits = literal.replace("_", "").replaceFirst("^[+-]", "");
            long magnitude = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
            return literal.startsWith("-") ? -magnitude : magnitude;
        }

        /** The raw bits of a float literal of width {@code w}: {@code nan}, {@code nan:0x...}, {@code inf}, decimal or hex. */
        static long floatBits(String literal, int w) {
            String text = literal.replace("_", "");
            String unsigned = text.replaceFirst("^[+-]", "");
            long sign = text.startsWith("-") ? 1L << (w - 1) : 0;
            long infinity = w == 32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
            if (unsigned.startsWith("nan")) {
                long payload = unsigned.startsWith("nan:0x") ? Long.parseLong(unsigned.substring(6), 16) : (w == 32 ? 0x40_0000L : 0x8_0000_0000_0000L);
                return sign | infinity | payload;
            } else if (unsigned.equals("inf")) {
                return sign | infinity;
            }
            // Java wants a binary exponent on hex floats, the text format does not
            String java = unsigned.startsWith("0x") && !unsigned.contains("p") && !unsigned.contains("P") ? text + "p0" : text;
            return w == 32 ? Float.floatToRawIntBits(Float.parseFloat(java)) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(Double.parseDouble(java));
        }
    }

    // ---- replaying the spec scripts ------------------------------------------------------------------

    /** The SIMD scripts and the result of replaying each, computed once for all tests. */
    static final class Scripts {
        private static Map<String, ScriptRun> results;

        private Scripts() {
        }

        static synchronized Map<String, ScriptRun> results() {
            if (results == null) {
                Map<String, ScriptRun> all = new LinkedHashMap<>();
                for (Path script : scripts()) {
                    ScriptRun run = new ScriptRun();
                    run.run(Sexp.read(read(script)));
                    all.put(script.getParent().getFileName() + "/" + script.getFileName(), run);
                }
                results = all;
            }
            return results;
        }

        /** {@code simd_*.wast} of the Wasm 2.0 suite and the relaxed SIMD scripts of the Wasm 3.0 suite. */
        private static List<Path> scripts() {
            List<Path> scripts = new ArrayList<>(list(suite("wasm-testsuite-2.0"), name -> name.startsWith("simd_")));
            scripts.addAll(list(suite("wasm-testsuite"), name -> name.contains("relaxed_")));
            assertTrue(scripts.size() > 60, "SIMD scripts found: " + scripts);
            return scripts;
        }

        private static List<Path> list(Path folder, java.util.function.Predicate<String> name) {
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".wast") && name.test(p.getFileName().toString())).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code ../shared/<folder>} beside the project root (or an ancestor of the working directory). */
        private static Path suite(String folder) {
            Path start = Path.of("").toAbsolutePath();
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolveSibling("shared").resolve(folder);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("spec test suite ../shared/" + folder + " not found from " + start);
        }

        private static String read(Path script) {
            try {
                return Files.readString(script);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An S-expression of a script: an atom (a token, or the contents of a string) or a list. */
    record Sexp(String atom, List<Sexp> items) {
        boolean isList() {
            return items != null;
        }

        String head() {
            return isList() && !items.isEmpty() && !items.get(0).isList() ? items.get(0).atom : "";
        }

        Sexp get(int i) {
            return items.get(i);
        }

        /** The atoms after the head. */
        List<String> arguments() {
            return items.stream().skip(1).map(s -> s.isList() ? "" : s.atom).toList();
        }

        @Override
        public String toString() {
            return isList() ? items.stream().map(Sexp::toString).collect(Collectors.joining(" ", "(", ")")) : atom;
        }

        static List<Sexp> read(String text) {
            List<List<Sexp>> open = new ArrayList<>();
            open.add(new ArrayList<>());
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith(";;", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? text.length() : end;
                } else if (text.startsWith("(;", i)) {
                    int depth = 0;
                    do {
                        depth += text.startsWith("(;", i) ? 1 : text.startsWith(";)", i) ? -1 : 0;
                        i += text.startsWith("(;", i) || text.startsWith(";)", i) ? 2 : 1;
                    } while (depth > 0);
                } else if (c == '(') {
                    open.add(new ArrayList<>());
                    i++;
                } else if (c == ')') {
                    List<Sexp> list = open.removeLast();
                    open.getLast().add(new Sexp(null, list));
                    i++;
                } else if (c == '"') {
                    int end = i + 1;
                    while (text.charAt(end) != '"') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    open.getLast().add(new Sexp(text.substring(i + 1, end), null));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "()\";".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    open.getLast().add(new Sexp(text.substring(i, end), null));
                    i = end;
                }
            }
            assertEquals(1, open.size(), "unbalanced parentheses");
            return open.getFirst();
        }
    }

    /** A scalar f32 or f64 as its raw bits, so that NaN payloads survive. */
    record F32(int bits) {
    }

    record F64(long bits) {
    }

    /**
     * Replays a script's {@code assert_return}s on functions whose body is one folded expression
     * of vector instructions and constants on the parameters; other functions, and the other
     * commands, are skipped.
     */
    static final class ScriptRun {
        /** A function: its parameters' names (null for unnamed ones) and its body, null when it is not one expression. */
        record Func(List<String> params, Sexp body) {
        }

        final List<String> failures = new ArrayList<>();
        final Set<Opcode> exercised = EnumSet.noneOf(Opcode.class);
        int checked;
        int skipped;
        private final Map<String, Map<String, Func>> named = new HashMap<>();
        private Map<String, Func> current = Map.of();

        /** Thrown for what the replay does not evaluate. */
        static final class Unsupported extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Unsupported(String what) {
                super(what, null, false, false);
            }
        }

        void run(List<Sexp> commands) {
            for (Sexp command : commands) {
                switch (command.head()) {
                    case "module" -> module(command);
                    case "assert_return" -> assertReturn(command);
                    default -> {
                    }
                }
            }
        }

        private void module(Sexp module) {
            Map<String, Func> exports = new HashMap<>();
            int first = 1;
            if (module.items().size() > 1 && !module.get(1).isList() && module.get(1).atom().startsWith("$")) {
                named.put(module.get(1).atom(), exports);
                first = 2;
            }
            current = exports;
            if (module.items().size() > first && !module.get(first).isList()) {
                return; // (module binary ...) or (module quote ...)
            }
            for (Sexp field : module.items().subList(first, module.items().size())) {
                if (field.head().equals("func")) {
                    function(field, exports);
                }
            }
        }

        private static void function(Sexp func, Map<String, Func> exports) {
            List<String> names = new ArrayList<>();
            List<String> params = new ArrayList<>();
            List<Sexp> body = new ArrayList<>();
            boolean simple = true;
            for (Sexp item : func.items().subList(1, func.items().size())) {
                switch (item.isList() ? item.head() : "atom") {
                    case "export" -> names.add(item.get(1).atom());
                    case "param" -> {
                        boolean named = item.items().size() == 3 && item.get(1).atom().startsWith("$");
                        for (int i = named ? 2 : 1; i < item.items().size(); i++) {
                            params.add(named ? item.get(1).atom() : null);
                        }
                    }
                    case "result", "atom", "type" -> {
                    }
                    case "local" -> simple = false;
                    default -> body.add(item);
                }
            }
            Func f = new Func(params, simple && body.size() == 1 ? body.get(0) : null);
            for (String name : names) {
                exports.put(name, f);
            }
        }

        private void assertReturn(Sexp command) {
            Sexp invoke = command.get(1);
            if (!invoke.head().equals("invoke") || command.items().size() != 3) {
                skipped++;
                return;
            }
            boolean moduleNamed = !invoke.get(1).isList() && invoke.get(1).atom().startsWith("$");
            Map<String, Func> exports = moduleNamed ? named.getOrDefault(invoke.get(1).atom(), Map.of()) : current;
            int nameIndex = moduleNamed ? 2 : 1;
            Func f = exports.get(invoke.get(nameIndex).atom());
            if (f == null || f.body() == null) {
                skipped++;
                return;
            }
            Set<Opcode> used = EnumSet.noneOf(Opcode.class);
            try {
                Object[] args = invoke.items().subList(nameIndex + 1, invoke.items().size()).stream().map(ScriptRun::constant).toArray();
                Object result = eval(f.body(), f.params(), args, used);
                if (matches(command.get(2), result)) {
                    checked++;
                    exercised.addAll(used);
                } else {
                    failures.add(invoke + "\n    expected " + command.get(2) + "\n    got " + render(result));
                }
            } catch (Unsupported e) {
                skipped++;
            }
        }

        static String render(Object value) {
            return switch (value) {
                case F32 f -> "f32 0x" + Integer.toHexString(f.bits());
                case F64 f -> "f64 0x" + Long.toHexString(f.bits());
                default -> String.valueOf(value);
            };
        }

        /** A constant's value: V128 ({@code (shape lanes...)} abbreviates {@code v128.const}), Integer (i32), Long (i64), F32 or F64. */
        private static Object constant(Sexp e) {
            List<String> atoms = e.arguments();
            if (Literals.laneWidth(e.head()) > 0) {
                return Literals.vector(e.head(), atoms);
            }
            return switch (e.head()) {
                case "v128.const" -> Literals.vector(atoms.get(0), atoms.subList(1, atoms.size()));
                case "i32.const" -> (int) Literals.integer(atoms.get(0));
                case "i64.const" -> Literals.integer(atoms.get(0));
                case "f32.const" -> new F32((int) Literals.floatBits(atoms.get(0), 32));
                case "f64.const" -> new F64(Literals.floatBits(atoms.get(0), 64));
                default -> throw new Unsupported(e.head());
            };
        }

        private static long scalarBits(Object value) {
            return switch (value) {
                case Integer i -> i;
                case Long l -> l;
                case F32 f -> f.bits();
                case F64 f -> f.bits();
                default -> throw new Unsupported("scalar " + value);
            };
        }

        /** Whether {@link #eval} evaluates vector instruction {@code op} (all but constants and memory accesses, which are not functions of values). */
        static boolean evaluates(Opcode op) {
            return switch (SimdFamily.of(op)) {
                case UNARY, BINARY, TERNARY, SHIFT, REDUCE, SPLAT, EXTRACT_LANE, REPLACE_LANE, SHUFFLE -> true;
                default -> false;
            };
        }

        static Object eval(Sexp e, List<String> params, Object[] args, Set<Opcode> used) {
            if (!e.isList()) {
                throw new Unsupported(e.atom());
            }
            if (e.head().equals("local.get")) {
                String ref = e.get(1).atom();
                return args[ref.startsWith("$") ? params.indexOf(ref) : Integer.parseInt(ref)];
            }
            Opcode op = Opcode.fromMnemonic(e.head());
            if (op == null || !op.isVector() || !evaluates(op)) {
                return constant(e);
            }
            used.add(op);
            List<Sexp> operands = e.items().subList(1, e.items().size());
            SimdFamily family = SimdFamily.of(op);
            int immediates = switch (family) {
                case EXTRACT_LANE, REPLACE_LANE -> 1;
                case SHUFFLE -> 16;
                default -> 0;
            };
            Object[] values = operands.stream().skip(immediates).map(operand -> eval(operand, params, args, used)).toArray();
            int[] lanes = operands.stream().limit(immediates).mapToInt(lane -> Integer.parseInt(lane.atom())).toArray();
            return switch (family) {
                case UNARY -> OPS.unary(op).apply(values[0]);
                case BINARY -> OPS.binary(op).apply(values[0], values[1]);
                case TERNARY -> OPS.ternary(op).apply(values[0], values[1], values[2]);
                case SHIFT -> OPS.shift(op).apply(values[0], (Integer) values[1]);
                case REDUCE -> OPS.reduce(op).apply(values[0]);
                case SPLAT -> OPS.splat(SimdFamily.laneLog2(op), scalarBits(values[0]));
                case EXTRACT_LANE -> extractLane(op, lanes[0], values[0]);
                case REPLACE_LANE -> OPS.replaceLane(values[0], SimdFamily.laneLog2(op), lanes[0], scalarBits(values[1]));
                default -> {
                    byte[] selection = new byte[16];
                    for (int i = 0; i < 16; i++) {
                        selection[i] = (byte) lanes[i];
                    }
                    yield OPS.shuffle(values[0], values[1], selection);
                }
            };
        }

        private static Object extractLane(Opcode op, int lane, Object v) {
            int laneLog2 = SimdFamily.laneLog2(op);
            long bits = OPS.extractLane(v, laneLog2, lane);
            if (SimdFamily.signExtends(op)) {
                bits = laneLog2 == 0 ? (byte) bits : (short) bits;
            }
            ValType result = op.results()[0];
            return switch (result.kind()) {
                case I32 -> (int) bits;
                case I64 -> bits;
                case F32 -> new F32((int) bits);
                case F64 -> new F64(bits);
                default -> throw new Unsupported(result.toString());
            };
        }

        static boolean matches(Sexp expected, Object actual) {
            List<String> atoms = expected.arguments();
            if (Literals.laneWidth(expected.head()) > 0) {
                return actual instanceof V128 v && Literals.matches(expected.head(), atoms, v);
            }
            return switch (expected.head()) {
                case "either" -> expected.items().stream().skip(1).anyMatch(alternative -> matches(alternative, actual));
                case "v128.const" -> actual instanceof V128 v && Literals.matches(atoms.get(0), atoms.subList(1, atoms.size()), v);
                case "i32.const" -> actual instanceof Integer i && i == (int) Literals.integer(atoms.get(0));
                case "i64.const" -> actual instanceof Long l && l == Literals.integer(atoms.get(0));
                case "f32.const" -> actual instanceof F32 x && Literals.laneMatches("f32x4", atoms.get(0), x.bits() & 0xFFFF_FFFFL);
                case "f64.const" -> actual instanceof F64 x && Literals.laneMatches("f64x2", atoms.get(0), x.bits());
                default -> throw new Unsupported(expected.head());
            };
        }
    }
}
