package dev.twasm.baseline;

import static dev.twasm.baseline.TranslatedModule.assertTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code v128} and the vector instructions (spec §4.4.3, §4.4.7) in the baseline tier: vectors in
 * parameters, results, locals (zero by default), blocks, branches, loops, {@code select},
 * multi-value, calls, {@code call_indirect}, imports and globals; each {@link SimdFamily} against
 * expected values; every vector load and store against the bytes of memory, trapping exactly past
 * the end (address + offset + width); every vector instruction of the opcode table translated
 * (strict: no trampoline) and computing what the AST interpreter computes, called directly and
 * through the tier's roots; and vectors crossing the cuts of a function split into
 * {@link Region}s. Results are compared as the two halves {@link SimdOps#lo}/{@link SimdOps#hi}
 * of the active implementation's values.
 */
class SimdBaselineTest {
    private static final SimdOps OPS = SimdOps.INSTANCE;

    // ---- plumbing ------------------------------------------------------------------------------

    private static final String PLUMBING = """
                    (module
                      (type $vv (func (param v128) (result v128)))
                      (table 4 funcref)
                      (elem (i32.const 0) $double $negate)
                      (global $g (mut v128) (v128.const i32x4 1 2 3 4))
                      (global $c v128 (v128.const i64x2 -1 0))
                      (func $double (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0)))
                      (func $negate (param v128) (result v128) (i32x4.neg (local.get 0)))
                      (func (export "identity") (param v128) (result v128) (local.get 0))
                      (func (export "zeroLocal") (param i32) (result v128) (local i64 v128 f64) (local.get 2))
                      (func (export "tee") (param v128) (result v128) (local v128) (i32x4.add (local.tee 1 (local.get 0)) (local.get 1)))
                      (func (export "dropped") (param v128 i32) (result i32) (drop (local.get 0)) (local.get 1))
                      (func (export "swap") (param v128 v128) (result v128 v128) (local.get 1) (local.get 0))
                      (func $three (param v128 v128) (result v128 i32 v128) (local.get 1) (i32.const 7) (local.get 0))
                      (func (export "callMulti") (param v128 v128) (result v128) (local v128)
                        (call $three (local.get 0) (local.get 1))
                        local.set 2
                        i32x4.splat
                        i32x4.add
                        local.get 2
                        i32x4.sub)
                      (func (export "select") (param v128 v128 i32) (result v128) (select (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "selectTyped") (param v128 v128 i32) (result v128)
                        (select (result v128) (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "branchOut") (param v128 i32) (result v128)
                        (block $out (result v128)
                          i64.const 5                                    ;; dropped by the branch
                          (br_if $out (call $double (local.get 0)) (local.get 1))
                          drop drop
                          (v128.const i32x4 9 9 9 9)))
                      (func (export "brTable") (param v128 i32) (result v128)
                        (block $neg (result v128)
                          (block $dbl (result v128)
                            (br_table $dbl $neg 2 (local.get 0) (local.get 1)))
                          call $double
                          return)
                        call $negate)
                      (func (export "loopParam") (param v128 i32) (result v128)
                        (local.get 0)
                        (loop $l (param v128) (result v128)
                          (call $double)
                          (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1))))))
                      (func (export "loopBelow") (param v128 i32) (result v128) (local i32)
                        (local.get 0)                                    ;; below the loop: kept in a local while it runs
                        (loop $l (result i32)
                          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                          (br_if $l (i32.lt_u (local.get 2) (local.get 1)))
                          (local.get 2))
                        i32x4.replace_lane 3)
                      (func (export "loopEscape") (param v128 i32) (result v128)
                        (block $b (result v128)
                          (v128.const i64x2 1 2)                         ;; below the loop, dropped when leaving it
                          (loop (result v128)
                            (br_if $b (local.get 0) (local.get 1))
                            drop
                            (v128.const i64x2 3 4))
                          i64x2.add))
                      (func (export "ifElse") (param v128 i32) (result v128)
                        (if (result v128) (local.get 1) (then (local.get 0)) (else (v128.const i64x2 5 6))))
                      (func (export "indirect") (param v128 i32) (result v128) (call_indirect (type $vv) (local.get 0) (local.get 1)))
                      (func (export "getGlobal") (result v128) (global.get $g))
                      (func (export "getConstGlobal") (result v128) (global.get $c))
                      (func (export "setGlobal") (param v128) (global.set $g (local.get 0))))
                    """;

    @Test
    void vectorsFlowThroughLocalsBlocksBranchesLoopsCallsAndGlobals() throws Throwable {
        TranslatedModule m = TranslatedModule.of(PLUMBING);
        Object a = i32x4(1, -2, 3, Integer.MAX_VALUE);
        Object b = i32x4(10, 20, 30, 40);
        assertV128(a, m.call("identity", a));
        Object zero = m.call("zeroLocal", 1);
        assertTrue(OPS.isValue(zero), "a v128 local starts as a vector, never null");
        assertV128(0, 0, zero);
        assertV128(i32x4(2, -4, 6, -2), m.call("tee", a));
        assertEquals(8, m.call("dropped", a, 8));
        Object[] swapped = (Object[]) m.call("swap", a, b);
        assertEquals(2, swapped.length);
        assertV128(b, swapped[0]);
        assertV128(a, swapped[1]);
        assertV128(i32x4(16, 29, 34, 47 - Integer.MAX_VALUE), m.call("callMulti", a, b)); // b + 7 - a
        assertV128(a, m.call("select", a, b, 1));
        assertV128(b, m.call("select", a, b, 0));
        assertV128(a, m.call("selectTyped", a, b, -1));
        assertV128(b, m.call("selectTyped", a, b, 0));
        assertV128(i32x4(2, -4, 6, -2), m.call("branchOut", a, 1));
        assertV128(i32x4(9, 9, 9, 9), m.call("branchOut", a, 0));
        assertV128(i32x4(2, -4, 6, -2), m.call("brTable", a, 0));
        assertV128(i32x4(-1, 2, -3, -Integer.MAX_VALUE), m.call("brTable", a, 1));
        assertV128(a, m.call("brTable", a, 2));
        assertV128(a, m.call("brTable", a, -1));
        assertV128(i32x4(8, -16, 24, -8), m.call("loopParam", a, 3));
        assertV128(i32x4(1, -2, 3, 5), m.call("loopBelow", a, 5));
        assertV128(a, m.call("loopEscape", a, 1));
        assertV128(4, 6, m.call("loopEscape", a, 0));
        assertV128(a, m.call("ifElse", a, 1));
        assertV128(5, 6, m.call("ifElse", a, 0));
        assertV128(i32x4(2, -4, 6, -2), m.call("indirect", a, 0));
        assertV128(i32x4(-1, 2, -3, -Integer.MAX_VALUE), m.call("indirect", a, 1));
        assertEquals("uninitialized element 2", assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> m.call("indirect", a, 2)));
        assertEquals("undefined element 4", assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> m.call("indirect", a, 4)));
        assertV128(i32x4(1, 2, 3, 4), m.call("getGlobal"));
        assertV128(-1, 0, m.call("getConstGlobal"));
        m.call("setGlobal", b);
        assertV128(b, m.call("getGlobal"));
        assertSame(b, m.instance.globals[0].getRef(), "a v128 global holds the value in its reference cell");
        for (String export : List.of("identity", "zeroLocal", "swap", "callMulti", "branchOut", "brTable", "loopParam", "loopBelow",
                        "loopEscape", "indirect", "getGlobal", "setGlobal")) {
            assertTrue(m.isTranslated(export), export);
        }
    }

    @Test
    void importedAndIndirectlyCalledFunctionsPassVectorsThroughTheTiersStubsAndRoots() {
        try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option("wasm.BaselineStrict", "true").build()) {
            Value provider = context.eval("wasm", """
                            (module
                              (func (export "double") (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0)))
                              (func (export "pair") (param v128 i64) (result v128 i64) (local.get 0) (local.get 1)))
                            """).newInstance().getMember("exports");
            Value user = context.eval("wasm", """
                            (module
                              (import "p" "double" (func $double (param v128) (result v128)))
                              (import "p" "pair" (func $pair (param v128 i64) (result v128 i64)))
                              (type $vv (func (param v128) (result v128)))
                              (table 1 funcref)
                              (elem (i32.const 0) $double)
                              (func (export "run") (param i64 i64) (result i64 i64) (local v128)
                                (call $double (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1)))
                                (call_indirect (type $vv) (i32.const 0))
                                (call $pair (i64.const 5))
                                i64x2.replace_lane 0
                                local.tee 2
                                i64x2.extract_lane 0
                                (i64x2.extract_lane 1 (local.get 2))))
                            """).newInstance(ProxyObject.fromMap(Map.of("p", provider))).getMember("exports");
            long hi = 0x7FFFFFFF_00000003L;
            Value r = user.getMember("run").execute(0x0123456789ABCDEFL, hi);
            assertEquals(5, r.getArrayElement(0).asLong());
            assertEquals((long) (4 * (int) (hi >>> 32)) << 32 | (4 * (int) hi) & 0xFFFFFFFFL, r.getArrayElement(1).asLong());
        }
    }

    // ---- one test per family -------------------------------------------------------------------

    private static final String FAMILIES = """
                    (module
                      (func (export "neg") (param v128) (result v128) (i32x4.neg (local.get 0)))
                      (func (export "not") (param v128) (result v128) (v128.not (local.get 0)))
                      (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                      (func (export "addSatU") (param v128 v128) (result v128) (i8x16.add_sat_u (local.get 0) (local.get 1)))
                      (func (export "mulF64") (param v128 v128) (result v128) (f64x2.mul (local.get 0) (local.get 1)))
                      (func (export "bitselect") (param v128 v128 v128) (result v128) (v128.bitselect (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "shl") (param v128 i32) (result v128) (i16x8.shl (local.get 0) (local.get 1)))
                      (func (export "shrS") (param v128 i32) (result v128) (i32x4.shr_s (local.get 0) (local.get 1)))
                      (func (export "bitmask") (param v128) (result i32) (i8x16.bitmask (local.get 0)))
                      (func (export "allTrue") (param v128) (result i32) (i32x4.all_true (local.get 0)))
                      (func (export "anyTrueBranch") (param v128) (result i32)
                        (if (result i32) (v128.any_true (local.get 0)) (then (i32.const 11)) (else (i32.const 22))))
                      (func (export "splat8") (param i32) (result v128) (i8x16.splat (local.get 0)))
                      (func (export "splat16") (param i32) (result v128) (i16x8.splat (local.get 0)))
                      (func (export "splatF32") (param f32) (result v128) (f32x4.splat (local.get 0)))
                      (func (export "splatF64") (param f64) (result v128) (f64x2.splat (local.get 0)))
                      (func (export "splatI64") (param i64) (result v128) (i64x2.splat (local.get 0)))
                      (func (export "lane8s") (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
                      (func (export "lane8u") (param v128) (result i32) (i8x16.extract_lane_u 15 (local.get 0)))
                      (func (export "lane16s") (param v128) (result i32) (i16x8.extract_lane_s 3 (local.get 0)))
                      (func (export "lane16u") (param v128) (result i32) (i16x8.extract_lane_u 3 (local.get 0)))
                      (func (export "lane32") (param v128) (result i32) (i32x4.extract_lane 2 (local.get 0)))
                      (func (export "lane64") (param v128) (result i64) (i64x2.extract_lane 1 (local.get 0)))
                      (func (export "laneF32") (param v128) (result i32) (i32.reinterpret_f32 (f32x4.extract_lane 3 (local.get 0))))
                      (func (export "laneF64") (param v128) (result i64) (i64.reinterpret_f64 (f64x2.extract_lane 1 (local.get 0))))
                      (func (export "replace8") (param v128 i32) (result v128) (i8x16.replace_lane 5 (local.get 0) (local.get 1)))
                      (func (export "replace16") (param v128 i32) (result v128) (i16x8.replace_lane 7 (local.get 0) (local.get 1)))
                      (func (export "replace32") (param v128 i32) (result v128) (i32x4.replace_lane 0 (local.get 0) (local.get 1)))
                      (func (export "replace64") (param v128 i64) (result v128) (i64x2.replace_lane 1 (local.get 0) (local.get 1)))
                      (func (export "replaceF32") (param v128 i32) (result v128) (f32x4.replace_lane 2 (local.get 0) (f32.reinterpret_i32 (local.get 1))))
                      (func (export "replaceF64") (param v128 f64) (result v128) (f64x2.replace_lane 0 (local.get 0) (local.get 1)))
                      (func (export "shuffle") (param v128 v128) (result v128)
                        (i8x16.shuffle 31 0 30 1 29 2 28 3 16 17 18 19 4 5 6 7 (local.get 0) (local.get 1)))
                      (func (export "constI8") (result v128) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1))
                      (func (export "constI16") (result v128) (v128.const i16x8 1 -1 0x1234 0 0 0 0 -32768))
                      (func (export "constF32") (result v128) (v128.const f32x4 1.5 -0 nan:0x200000 inf))
                      (func (export "constI64") (result v128) (v128.const i64x2 0x0123456789abcdef -2))
                      (func (export "constZero") (result v128) (v128.const i64x2 0 0)))
                    """;

    @Test
    void everyFamilyComputesTheSpecResult() throws Throwable {
        TranslatedModule m = TranslatedModule.of(FAMILIES);
        // UNARY
        assertV128(i32x4(-1, 2, Integer.MIN_VALUE, 0), m.call("neg", i32x4(1, -2, Integer.MIN_VALUE, 0)));
        assertV128(~0x00FF00FF00FF00FFL, ~0x1234L, m.call("not", v(0x00FF00FF00FF00FFL, 0x1234L)));
        // BINARY
        assertV128(i32x4(Integer.MIN_VALUE, 0, 13, 4), m.call("add", i32x4(1, 2, 3, 4), i32x4(Integer.MAX_VALUE, -2, 10, 0)));
        assertV128(0xFFFF_0000_00FF_FF02L, -1L, m.call("addSatU", v(0xF0F0_0000_00F0_0001L, -1L), v(0x7070_0000_000F_FF01L, 0)));
        assertV128(Double.doubleToRawLongBits(6.0), Double.doubleToRawLongBits(-0.5),
                        m.call("mulF64", v(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2)),
                                        v(Double.doubleToRawLongBits(4), Double.doubleToRawLongBits(0.25))));
        // TERNARY
        long a0 = 0x0123456789ABCDEFL;
        long a1 = 0x1111111111111111L;
        long b0 = 0xFEDCBA9876543210L;
        long b1 = 0x2222222222222222L;
        long c0 = 0x00FF00FF0F0F0F0FL;
        long c1 = 0xFFFFFFFF00000000L;
        assertV128(a0 & c0 | b0 & ~c0, a1 & c1 | b1 & ~c1, m.call("bitselect", v(a0, a1), v(b0, b1), v(c0, c1)));
        // SHIFT: the count is taken modulo the lane width
        assertV128(i16x8(2, 2, 0xFFFE, 0, 0x8000, 0, 0, 0), m.call("shl", i16x8(1, 0x8001, 0xFFFF, 0, 0x4000, 0, 0, 0), 17));
        assertV128(i32x4(-1, 0, -0x40000000, 0x20000000), m.call("shrS", i32x4(-1, 1, Integer.MIN_VALUE, 0x40000000), 33));
        // REDUCE
        assertEquals(1 | 8 | 0x8000, m.call("bitmask", v(0x0000_0000_8000_0080L, 0x8000_0000_0000_007FL)));
        assertEquals(0, m.call("allTrue", i32x4(1, 2, 3, 0)));
        assertEquals(1, m.call("allTrue", i32x4(1, 2, 3, -4)));
        assertEquals(11, m.call("anyTrueBranch", v(0, 1L << 63)));
        assertEquals(22, m.call("anyTrueBranch", v(0, 0)));
        // SPLAT: the low bits of the operand, floats by their raw bits
        assertV128(-1, -1, m.call("splat8", 0x1FF));
        assertV128(0x8080808080808080L, 0x8080808080808080L, m.call("splat8", 0x80));
        assertV128(0x8001800180018001L, 0x8001800180018001L, m.call("splat16", 0xABCD8001));
        assertV128(0x7FA00001_7FA00001L, 0x7FA00001_7FA00001L, m.call("splatF32", Float.intBitsToFloat(0x7FA00001)));
        assertV128(0x8000000000000000L, 0x8000000000000000L, m.call("splatF64", -0.0));
        assertV128(0x0123456789ABCDEFL, 0x0123456789ABCDEFL, m.call("splatI64", 0x0123456789ABCDEFL));
        // EXTRACT_LANE: sign-extended, zero-extended or reinterpreted as the result type requires
        Object lanes = v(0x0004_FFFE_0002_0001L, 0x80FF_FFFF_1234_5678L);
        assertEquals(-128, m.call("lane8s", lanes));
        assertEquals(128, m.call("lane8u", lanes));
        assertEquals(4, m.call("lane16s", lanes));
        assertEquals(-2, m.call("lane16s", v(0xFFFE_0000_0000_0000L, 0)));
        assertEquals(0xFFFE, m.call("lane16u", v(0xFFFE_0000_0000_0000L, 0)));
        assertEquals(0x12345678, m.call("lane32", lanes));
        assertEquals(0x80FF_FFFF_1234_5678L, m.call("lane64", lanes));
        assertEquals(0x7FA00001, m.call("laneF32", v(0, 0x7FA00001_00000000L)));
        assertEquals(0x7FF0000000000001L, m.call("laneF64", v(0, 0x7FF0000000000001L)));
        // REPLACE_LANE: the low bits of the operand's raw bits
        Object base = v(0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
        assertV128(0x0706_AB04_0302_0100L, 0x0F0E0D0C0B0A0908L, m.call("replace8", base, 0x1AB));
        assertV128(0x0706050403020100L, 0xFFFF_0D0C_0B0A_0908L, m.call("replace16", base, -1));
        assertV128(0x07060504_12345678L, 0x0F0E0D0C0B0A0908L, m.call("replace32", base, 0x12345678));
        assertV128(0x0706050403020100L, 42, m.call("replace64", base, 42L));
        assertV128(0x0706050403020100L, 0x0F0E0D0C_7FA00001L, m.call("replaceF32", base, 0x7FA00001));
        assertV128(Double.doubleToRawLongBits(3.0), 0x0F0E0D0C0B0A0908L, m.call("replaceF64", base, 3.0));
        // SHUFFLE
        Object first = v(0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
        Object second = v(0x1716151413121110L, 0x1F1E1D1C1B1A1918L);
        byte[] lanes16 = {31, 0, 30, 1, 29, 2, 28, 3, 16, 17, 18, 19, 4, 5, 6, 7};
        byte[] expected = new byte[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = lanes16[i]; // byte k of first ++ second is k
        }
        assertV128(longAt(expected, 0), longAt(expected, 8), m.call("shuffle", first, second));
        // CONST
        assertV128(0x0706050403020100L, 0xFF0E0D0C0B0A0908L, m.call("constI8"));
        assertV128(0x0000_1234_FFFF_0001L, 0x8000_0000_0000_0000L, m.call("constI16"));
        assertV128(0x80000000_3FC00000L, 0x7F800000_7FA00000L, m.call("constF32"));
        assertV128(0x0123456789ABCDEFL, -2, m.call("constI64"));
        assertV128(0, 0, m.call("constZero"));
    }

    // ---- memory --------------------------------------------------------------------------------

    /** A vector memory instruction with offset 3 and its reference semantics on the memory's bytes. */
    private record Access(String instruction, int width, Reference reference) {
    }

    /** The expected result of a load (or, for a store, the expected 16 bytes from the effective address). */
    private interface Reference {
        long[] apply(byte[] memory, int ea, long[] vector);
    }

    private static final int OFFSET = 3;

    private static List<Access> accesses() {
        List<Access> list = new ArrayList<>();
        list.add(new Access("v128.load", 16, (mem, ea, v) -> new long[]{le(mem, ea, 8), le(mem, ea + 8, 8)}));
        for (int from : new int[]{1, 2, 4}) {
            for (boolean signed : new boolean[]{true, false}) {
                String name = "v128.load" + 8 * from + "x" + 8 / from + (signed ? "_s" : "_u");
                list.add(new Access(name, 8, (mem, ea, v) -> {
                    long[] r = new long[2];
                    for (int i = 0; i < 8 / from; i++) {
                        long lane = le(mem, ea + i * from, from);
                        put(r, i * 16 * from, 16 * from, signed ? signExtend(lane, 8 * from) : lane);
                    }
                    return r;
                }));
            }
        }
        for (int width : new int[]{1, 2, 4, 8}) {
            list.add(new Access("v128.load" + 8 * width + "_splat", width, (mem, ea, v) -> {
                long[] r = new long[2];
                for (int i = 0; i < 16 / width; i++) {
                    put(r, i * 8 * width, 8 * width, le(mem, ea, width));
                }
                return r;
            }));
            int lane = 16 / width - 1;
            list.add(new Access("v128.load" + 8 * width + "_lane " + lane, width, (mem, ea, v) -> {
                long[] r = v.clone();
                put(r, lane * 8 * width, 8 * width, le(mem, ea, width));
                return r;
            }));
            // A lane store writes the lane's bytes at ea and leaves the bytes after it alone.
            list.add(new Access("v128.store" + 8 * width + "_lane " + lane, width, (mem, ea, v) -> {
                byte[] after = Arrays.copyOfRange(mem, ea, ea + 16);
                long bits = get(v, lane * 8 * width, 8 * width);
                for (int i = 0; i < width; i++) {
                    after[i] = (byte) (bits >>> 8 * i);
                }
                return new long[]{longAt(after, 0), longAt(after, 8)};
            }));
        }
        for (int width : new int[]{4, 8}) {
            list.add(new Access("v128.load" + 8 * width + "_zero", width, (mem, ea, v) -> new long[]{le(mem, ea, width), 0}));
        }
        list.add(new Access("v128.store", 16, (mem, ea, v) -> v.clone()));
        return list;
    }

    private static boolean isStore(Access a) {
        return a.instruction.startsWith("v128.store");
    }

    private static String memoryModule(List<Access> accesses) {
        StringBuilder b = new StringBuilder("(module (memory 1)\n");
        b.append("(data (i32.const 0) \"").append(pattern(0, 64)).append("\")\n");
        b.append("(data (i32.const 65472) \"").append(pattern(65472, 64)).append("\")\n");
        for (int i = 0; i < accesses.size(); i++) {
            Access a = accesses.get(i);
            String[] words = a.instruction.split(" ");
            String memarg = " offset=" + OFFSET + " align=1" + (words.length > 1 ? " " + words[1] : "");
            if (isStore(a)) {
                b.append("(func (export \"a").append(i).append("\") (param i32 v128) (").append(words[0]).append(memarg)
                                .append(" (local.get 0) (local.get 1)))\n");
            } else if (a.instruction.contains("_lane")) {
                b.append("(func (export \"a").append(i).append("\") (param i32 v128) (result v128) (").append(words[0]).append(memarg)
                                .append(" (local.get 0) (local.get 1)))\n");
            } else {
                b.append("(func (export \"a").append(i).append("\") (param i32 v128) (result v128) (").append(words[0]).append(memarg)
                                .append(" (local.get 0)))\n");
            }
        }
        // Constant addresses fold with the offset into one constant: same checks.
        b.append("(func (export \"constLoad\") (result v128) (v128.load (i32.const 65520)))\n");
        b.append("(func (export \"constLoadOut\") (result v128) (v128.load offset=1 (i32.const 65520)))\n");
        b.append("(func (export \"constSplat\") (result v128) (v128.load32_splat (i32.const 65532)))\n");
        b.append("(func (export \"constSplatOut\") (result v128) (v128.load32_splat (i32.const 65533)))\n");
        b.append("(func (export \"constExtend\") (result v128) (v128.load8x8_s offset=65528 (i32.const 0)))\n");
        b.append("(func (export \"constExtendOut\") (result v128) (v128.load8x8_s offset=65529 (i32.const 0)))\n");
        return b.append(")").toString();
    }

    @Test
    void everyVectorLoadAndStoreAccessesTheRightBytesAndTrapsExactlyPastTheEnd() throws Throwable {
        List<Access> accesses = accesses();
        TranslatedModule m = TranslatedModule.of(memoryModule(accesses));
        long[] vector = {0x8877665544332211L, 0x00FFEEDDCCBBAA99L};
        for (int i = 0; i < accesses.size(); i++) {
            Access a = accesses.get(i);
            String export = "a" + i;
            int last = 65536 - a.width - OFFSET; // the last address whose access lies within memory
            for (int address : new int[]{0, 17, 65472 - OFFSET + 5, last}) {
                byte[] memory = m.instance.memory0.buffer;
                int ea = address + OFFSET;
                long[] expected = a.reference.apply(memory, ea, vector);
                Object result = m.call(export, address, v(vector[0], vector[1]));
                if (isStore(a)) {
                    byte[] now = m.instance.memory0.buffer;
                    int end = Math.min(ea + 16, now.length);
                    byte[] stored = Arrays.copyOf(Arrays.copyOfRange(now, ea, end), 16);
                    long[] actual = {longAt(stored, 0), longAt(stored, 8)};
                    long[] clipped = clip(expected, end - ea);
                    assertArrayEquals(clipped, actual, a.instruction + " at " + address);
                } else {
                    assertV128(expected[0], expected[1], result, a.instruction + " at " + address);
                }
            }
            for (int address : new int[]{last + 1, 65536, -1, -OFFSET}) {
                byte[] before = m.instance.memory0.buffer.clone();
                assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call(export, address, v(vector[0], vector[1])));
                assertArrayEquals(before, m.instance.memory0.buffer, a.instruction + " writes nothing when it traps");
            }
            assertTrue(m.isTranslated(export), a.instruction);
        }
        byte[] memory = m.instance.memory0.buffer;
        assertV128(le(memory, 65520, 8), le(memory, 65528, 8), m.call("constLoad"));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("constLoadOut"));
        long word = le(memory, 65532, 4);
        assertV128(word | word << 32, word | word << 32, m.call("constSplat"));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("constSplatOut"));
        long[] widened = accesses.get(1).reference.apply(memory, 65528, vector); // v128.load8x8_s
        assertV128(widened[0], widened[1], m.call("constExtend"));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("constExtendOut"));
    }

    /** The first {@code bytes} bytes of a 16-byte value, the rest zero. */
    private static long[] clip(long[] value, int bytes) {
        byte[] b = new byte[16];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value[i / 8] >>> 8 * (i % 8));
        }
        return new long[]{longAt(b, 0), longAt(b, 8)};
    }

    // ---- every instruction, against the AST ----------------------------------------------------

    /** Vector operands: lane extremes, float specials (NaN payloads, infinities, -0), conversion edges. */
    private static final long[][] VECTORS = {
        {0, 0},
        {-1, -1},
        {0x0123456789ABCDEFL, 0xFEDCBA9876543210L},
        {0x8000000080000000L, 0x7FFFFFFF7FFFFFFFL},
        {0x80007FFF00018000L, 0xFF7F0080017F8081L},
        {0x7FC000003FC00000L, 0xFF8000007FA00001L},
        {0xC004000000000000L, 0x7FF0000000000001L},
        {0x3FF8000000000000L, 0x8000000000000000L},
        {0x4F0000004F800000L, 0xCF000001C1200000L},
        {0x41E0000000000000L, 0xC1E0000000200000L},
        {0x7F80FF017FFF8001L, 0x00000001FFFFFFFEL},
        {0x3F800000BF800000L, 0x4F7FFFFF5F000000L},
    };
    private static final int[] I32S = {0, 1, 7, 33, -1, 0x12345678, Integer.MIN_VALUE, 0x7FA00001};
    private static final long[] I64S = {0, 1, -1, 0x0123456789ABCDEFL, Long.MIN_VALUE, 0x7FF0000000000001L, 64, 65};
    private static final String SHUFFLE_LANES = "0 17 2 19 31 30 5 6 8 24 10 11 12 29 14 15";

    /** One exported function per vector instruction (and lane immediate) taking and returning numbers: the export name to its parameters. */
    private static Map<String, List<ValType>> allInstructions(StringBuilder wat) {
        Map<String, List<ValType>> exports = new LinkedHashMap<>();
        wat.append("(module (memory 1)\n");
        wat.append("(data (i32.const 0) \"").append(pattern(0, 64)).append("\")\n");
        wat.append("(data (i32.const 65472) \"").append(pattern(65472, 64)).append("\")\n");
        for (Opcode op : Opcode.values()) {
            if (!op.isVector()) {
                continue;
            }
            List<String> immediates = switch (op.immediates()) {
                case LANE -> List.of("0", String.valueOf(op.laneCount() - 1));
                case MEMARG_LANE -> List.of("offset=3 align=1 0", "offset=3 align=1 " + (op.laneCount() - 1));
                case MEMARG -> List.of("offset=3 align=1");
                case SHUFFLE -> List.of(SHUFFLE_LANES);
                case V128 -> List.of("i64x2 0x7ff0000000000001 -3", "f32x4 nan:0x1 -0 inf 0x1p-149");
                default -> List.of("");
            };
            for (int k = 0; k < immediates.size(); k++) {
                String name = op.mnemonic() + "/" + k;
                List<ValType> params = new ArrayList<>();
                StringBuilder body = new StringBuilder();
                for (ValType t : op.params()) {
                    int p = params.size();
                    switch (t.kind()) {
                        case V128 -> {
                            params.add(ValType.I64);
                            params.add(ValType.I64);
                            body.append("local.get ").append(p).append(" i64x2.splat local.get ").append(p + 1).append(" i64x2.replace_lane 1\n");
                        }
                        case F32 -> {
                            params.add(ValType.I32);
                            body.append("local.get ").append(p).append(" f32.reinterpret_i32\n");
                        }
                        case F64 -> {
                            params.add(ValType.I64);
                            body.append("local.get ").append(p).append(" f64.reinterpret_i64\n");
                        }
                        default -> {
                            params.add(t);
                            body.append("local.get ").append(p).append('\n');
                        }
                    }
                }
                body.append(op.mnemonic()).append(' ').append(immediates.get(k)).append('\n');
                if (op.results().length == 0) {
                    // A store: the 16 bytes from its effective address, or the last 16 of memory when fewer are left.
                    body.append("local.get 0 i32.const 3 i32.add local.tee $e i32.const 65520 local.get $e i32.const 65520 i32.gt_u select\n");
                    body.append("local.tee $e i64.load align=1 local.get $e i64.load offset=8 align=1\n");
                } else {
                    body.append(switch (op.results()[0].kind()) {
                        case V128 -> "local.tee $r i64x2.extract_lane 0 local.get $r i64x2.extract_lane 1\n";
                        case I32 -> "i64.extend_i32_u i64.const 0\n";
                        case F32 -> "i32.reinterpret_f32 i64.extend_i32_u i64.const 0\n";
                        case F64 -> "i64.reinterpret_f64 i64.const 0\n";
                        default -> "i64.const 0\n";
                    });
                }
                wat.append("(func (export \"").append(name).append("\") (param");
                for (ValType t : params) {
                    wat.append(' ').append(t.textName());
                }
                wat.append(") (result i64 i64) (local $r v128) (local $e i32)\n").append(body).append(")\n");
                exports.put(name, params);
            }
        }
        return exports;
    }

    /** The arguments of call {@code c} of an export with these parameters. */
    private static Object[] arguments(Opcode op, List<ValType> params, int c) {
        Object[] args = new Object[params.size()];
        int vectors = 0;
        for (int i = 0; i < args.length; i++) {
            if (i == 0 && op.isMemoryAccess()) {
                args[i] = ADDRESSES[c % ADDRESSES.length];
            } else if (params.get(i) == ValType.I64 && i + 1 < args.length && isVectorHalf(op, i)) {
                long[] v = VECTORS[(c + 3 * vectors++) % VECTORS.length];
                args[i] = v[0];
                args[++i] = v[1];
            } else if (params.get(i) == ValType.I32) {
                args[i] = I32S[(c + i) % I32S.length];
            } else {
                args[i] = I64S[(c + i) % I64S.length];
            }
        }
        return args;
    }

    /** Addresses of memory accesses (offset 3): inside, near the end, and past it for every width. */
    private static final int[] ADDRESSES = {0, 17, 65472, 65517, 65525, 65529, 65531, 65532, 65533, -1};

    /** Whether parameter {@code i} of the generated function of {@code op} is the low half of a vector operand. */
    private static boolean isVectorHalf(Opcode op, int i) {
        int p = 0;
        for (ValType t : op.params()) {
            if (p == i) {
                return t == ValType.V128;
            }
            p += t == ValType.V128 ? 2 : 1;
        }
        return false;
    }

    private static Opcode opcodeOf(String export) {
        return Opcode.fromMnemonic(export.substring(0, export.indexOf('/')));
    }

    @Test
    void everyVectorInstructionTranslatesAndComputesWhatTheAstComputes() throws Throwable {
        StringBuilder wat = new StringBuilder();
        Map<String, List<ValType>> exports = allInstructions(wat);
        String module = wat.append(")").toString();
        TranslatedModule m = TranslatedModule.of(module);
        for (String export : exports.keySet()) {
            assertTrue(m.isTranslated(export), export + " translates (no trampoline)");
        }
        Map<String, List<Object>> ast = run(module, exports, "wasm.Baseline", "false");
        Map<String, List<Object>> tier = run(module, exports, "wasm.BaselineStrict", "true");
        int compared = 0;
        for (Map.Entry<String, List<ValType>> e : exports.entrySet()) {
            String export = e.getKey();
            Opcode op = opcodeOf(export);
            List<Object> expected = ast.get(export).stream().map(outcome -> nanAgnostic(op, outcome)).toList();
            assertEquals(expected, tier.get(export).stream().map(outcome -> nanAgnostic(op, outcome)).toList(),
                            export + " through the baseline tier's roots");
            for (int c = 0; c < expected.size(); c++) {
                Object[] args = arguments(op, e.getValue(), c);
                Object actual;
                try {
                    Object[] halves = (Object[]) m.call(export, args);
                    actual = List.of(halves[0], halves[1]);
                } catch (WasmTrap trap) {
                    actual = trap.getMessage();
                }
                assertEquals(expected.get(c), nanAgnostic(op, actual), export + " call " + c + " " + Arrays.toString(args));
                compared++;
            }
        }
        assertTrue(compared > 2000, compared + " calls compared");
    }

    /**
     * The outcome of a float operation with each NaN lane replaced by one canonical NaN: when
     * several operands are NaNs, which one's payload the result carries is not specified (spec
     * §4.3.3, "NaN propagation"), and the JVM's interpreter and compilers do not always pick the
     * same one. Lane, splat and constant instructions move bits exactly and are compared exactly.
     */
    private static Object nanAgnostic(Opcode op, Object outcome) {
        SimdFamily family = SimdFamily.of(op);
        boolean arithmetic = family == SimdFamily.UNARY || family == SimdFamily.BINARY || family == SimdFamily.TERNARY;
        if (!arithmetic || !(outcome instanceof List<?> halves) || op.results()[0] != ValType.V128) {
            return outcome;
        }
        long[] v = {(Long) halves.get(0), (Long) halves.get(1)};
        if (op.mnemonic().startsWith("f32x4.")) {
            for (int lane = 0; lane < 4; lane++) {
                if (Float.isNaN(Float.intBitsToFloat((int) get(v, 32 * lane, 32)))) {
                    put(v, 32 * lane, 32, 0x7FC00000);
                }
            }
        } else if (op.mnemonic().startsWith("f64x2.")) {
            for (int lane = 0; lane < 2; lane++) {
                if (Double.isNaN(Double.longBitsToDouble(v[lane]))) {
                    v[lane] = 0x7FF8000000000000L;
                }
            }
        }
        return List.of(v[0], v[1]);
    }

    /** Every export's results ([lo, hi] or a trap's message) for its calls, in a context with these options. */
    private static Map<String, List<Object>> run(String module, Map<String, List<ValType>> exports, String option, String value) {
        Map<String, List<Object>> results = new LinkedHashMap<>();
        try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option(option, value).build()) {
            Value instance = context.eval("wasm", module).newInstance().getMember("exports");
            for (Map.Entry<String, List<ValType>> e : exports.entrySet()) {
                Value function = instance.getMember(e.getKey());
                Opcode op = opcodeOf(e.getKey());
                List<Object> outcomes = new ArrayList<>();
                for (int c = 0; c < VECTORS.length; c++) {
                    try {
                        Value r = function.execute(arguments(op, e.getValue(), c));
                        outcomes.add(List.of(r.getArrayElement(0).asLong(), r.getArrayElement(1).asLong()));
                    } catch (PolyglotException trap) {
                        assertTrue(trap.isGuestException() && !trap.isInternalError(), trap.getMessage());
                        outcomes.add(trap.getMessage());
                    }
                }
                results.put(e.getKey(), outcomes);
            }
        }
        return results;
    }

    // ---- regions ---------------------------------------------------------------------------------

    private static final int PUSHED = 500;
    private static final int STATEMENTS = 300;

    private static String bigVectorModule() {
        StringBuilder b = new StringBuilder("(module\n");
        b.append("(func (export \"big\") (param $n i32) (result i64 i64) (local $v v128) (local $w v128)\n");
        // Vector operands pushed by one stretch, consumed by another: they cross cuts.
        for (int k = 0; k < PUSHED; k++) {
            b.append("local.get $n i32.const ").append(k).append(" i32.add i32x4.splat\n");
        }
        b.append("i32x4.add\n".repeat(PUSHED - 1)).append("local.set $v\n");
        // A vector local written in one region, read in the next.
        for (int k = 0; k < STATEMENTS; k++) {
            b.append("(local.set $w (i32x4.add (local.get $w) (i32x4.mul (local.get $v) (v128.const i32x4 ").append(k).append(" 1 2 3))))\n");
        }
        b.append("(local.set $w (v128.xor (local.get $w) (local.get $v)))\n");
        b.append("(i64x2.extract_lane 0 (local.get $w)) (i64x2.extract_lane 1 (local.get $w)))\n");
        return b.append(")").toString();
    }

    @Test
    void vectorOperandsAndLocalsCrossTheCutsOfASplitFunction() throws Throwable {
        String wat = bigVectorModule();
        TranslatedModule m = TranslatedModule.of(wat);
        assertTrue(m.isTranslated("big"), "split, not left to the AST");
        byte[] bytes = ModuleClass.generate(m.module, true).bytes();
        int regions = 0;
        for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
            String name = method.methodName().stringValue();
            regions += name.startsWith(ModuleClass.methodName(m.functionIndex("big")) + "$r") ? 1 : 0;
            method.code().ifPresent(code -> assertTrue(((CodeAttribute) code).codeLength() <= ModuleClass.MAX_METHOD_BYTES, name));
        }
        assertTrue(regions >= 3, regions + " regions");
        for (int n : new int[]{0, 5, -77, 1 << 30}) {
            int v = 0;
            for (int k = 0; k < PUSHED; k++) {
                v += n + k;
            }
            int[] w = new int[4];
            for (int k = 0; k < STATEMENTS; k++) {
                int[] c = {k, 1, 2, 3};
                for (int j = 0; j < 4; j++) {
                    w[j] += v * c[j];
                }
            }
            long lo = (w[0] ^ v) & 0xFFFFFFFFL | (long) (w[1] ^ v) << 32;
            long hi = (w[2] ^ v) & 0xFFFFFFFFL | (long) (w[3] ^ v) << 32;
            assertArrayEquals(new Object[]{lo, hi}, (Object[]) m.call("big", n), "n = " + n);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Object v(long lo, long hi) {
        return OPS.fromLongs(lo, hi);
    }

    private static Object i32x4(int a, int b, int c, int d) {
        return v(a & 0xFFFFFFFFL | (long) b << 32, c & 0xFFFFFFFFL | (long) d << 32);
    }

    private static Object i16x8(int... lanes) {
        long[] r = new long[2];
        for (int i = 0; i < 8; i++) {
            put(r, 16 * i, 16, lanes[i] & 0xFFFF);
        }
        return v(r[0], r[1]);
    }

    private static void assertV128(long lo, long hi, Object actual) {
        assertV128(lo, hi, actual, "");
    }

    private static void assertV128(long lo, long hi, Object actual, String message) {
        assertTrue(OPS.isValue(actual), "not a v128 value: " + actual);
        assertEquals(SimdOps.toHex(lo, hi), OPS.toHex(actual), message);
    }

    private static void assertV128(Object expected, Object actual) {
        assertV128(OPS.lo(expected), OPS.hi(expected), actual);
    }

    /** The little-endian zero-extended value of {@code width} bytes at {@code at}. */
    private static long le(byte[] memory, int at, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | (memory[at + i] & 0xFF);
        }
        return value;
    }

    private static long longAt(byte[] bytes, int at) {
        return le(bytes, at, 8);
    }

    private static long signExtend(long value, int bits) {
        return value << (64 - bits) >> (64 - bits);
    }

    /** Sets the {@code bits}-wide field at bit {@code offset} of a 128-bit value (fields do not straddle the halves). */
    private static void put(long[] v, int offset, int bits, long value) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        int half = offset / 64;
        int shift = offset % 64;
        v[half] = v[half] & ~(mask << shift) | (value & mask) << shift;
    }

    private static long get(long[] v, int offset, int bits) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        return v[offset / 64] >>> (offset % 64) & mask;
    }

    /** {@code count} bytes of a fixed pattern for the data segment at {@code base}, as a text-format string. */
    private static String pattern(int base, int count) {
        StringBuilder b = new StringBuilder();
        for (int a = base; a < base + count; a++) {
            b.append(String.format("\\%02x", (a * 29 + 0x85) & 0xFF));
        }
        return b.toString();
    }

}
