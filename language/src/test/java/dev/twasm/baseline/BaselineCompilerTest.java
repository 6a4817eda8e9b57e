package dev.twasm.baseline;

import static dev.twasm.baseline.TranslatedModule.assertTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.TrapKind;
import org.junit.jupiter.api.Test;

/**
 * The translator's tricky parts, run as translated methods (see {@link TranslatedModule}):
 * branches that must drop operands from the middle of the JVM stack, {@code br_table} with
 * mixed targets, multi-value, traps, memory that grows while a function runs, fused comparisons
 * on NaN, and float constants with NaN payloads (functions too large for one method: {@link RegionTest}).
 */
class BaselineCompilerTest {

    @Test
    void loopsRunAndCountIterations() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module (func (export "fac") (param i64) (result i64) (local i64)
                          i64.const 1 local.set 1
                          (block (loop
                            (br_if 1 (i64.eqz (local.get 0)))
                            (local.set 1 (i64.mul (local.get 1) (local.get 0)))
                            (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
                            br 0))
                          local.get 1))
                        """);
        assertEquals(3628800L, m.call("fac", 10L));
        assertEquals(1L, m.call("fac", 0L));
        assertTrue(m.loopIterations("fac") >= 11, "loop headers are counted for tiering");
    }

    @Test
    void branchesDropOperandsBelowTheirValues() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (func (export "brIf") (param i32) (result i32)
                            i32.const 100
                            (block (result i32)
                              i32.const 1 i32.const 2
                              i32.const 42
                              local.get 0
                              br_if 0
                              drop drop drop
                              i32.const 7)
                            i32.add)
                          (func (export "brWide") (result f64)
                            (block (result f64)
                              i64.const 5 f64.const 1.5 i32.const 9 f32.const 2
                              f64.const 0.25
                              br 0))
                          (func (export "brOut") (param i32) (result i64)
                            (block $outer (result i64)
                              i64.const 11
                              (block (result i32)
                                f64.const 3
                                i64.const 99
                                (br_if $outer (local.get 0))
                                drop drop
                                i32.const 1)
                              drop drop
                              i64.const 22)))
                        """);
        assertEquals(142, m.call("brIf", 1));
        assertEquals(107, m.call("brIf", 0));
        assertEquals(0.25, m.call("brWide"));
        assertEquals(99L, m.call("brOut", 1));
        assertEquals(22L, m.call("brOut", 0));
    }

    @Test
    void brTableReachesPlainSpillingLoopAndReturnTargets() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module (func (export "dispatch") (param i32) (result i32) (local i32)
                          (block $done (result i32)
                            i32.const 0                                  ;; the loop's parameter
                            (loop $again (param i32) (result i32)
                              (local.set 0 (i32.add (local.get 0) (local.get 1)))
                              (local.set 1 (i32.const 10))
                              (block $spill (result i32)
                                i32.const 1000                           ;; dropped by branches to $spill and out
                                (block $plain (result i32)
                                  i32.const 5
                                  (br_table $plain $spill $again $done 4 $plain (local.get 0)))
                                i32.add)
                              i32.add))
                          )
                          (func (export "returning") (param i32) (result i32)
                            i32.const 77
                            (block (result i32) i32.const 66 (br_table 0 1 (local.get 0)))
                            i32.add))
                        """);
        assertEquals(1005, m.call("dispatch", 0)); // $plain: a jump with nothing to drop
        assertEquals(5, m.call("dispatch", 1)); // $spill: drops 1000
        assertEquals(1010, m.call("dispatch", 2)); // $again: drops 0 and 1000, loops with 5, then $plain
        assertEquals(5, m.call("dispatch", 3)); // $done
        assertEquals(5, m.call("dispatch", 4)); // the function's label: a return
        assertEquals(1005, m.call("dispatch", 99)); // the default
        assertEquals(143, m.call("returning", 0));
        assertEquals(66, m.call("returning", 1));
        assertEquals(66, m.call("returning", 5));
    }

    @Test
    void multiValueResultsBlocksAndCalls() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (type $pair (func (param i32 i64) (result i64 i32)))
                          (func $three (export "three") (param i32) (result i32 i64 f64)
                            local.get 0
                            (i64.extend_i32_s (local.get 0))
                            (f64.convert_i32_s (local.get 0)))
                          (func (export "sum") (param i32) (result f64) (local f64 i64)
                            (call $three (local.get 0))
                            local.set 1
                            local.set 2
                            f64.convert_i32_s
                            (f64.convert_i64_s (local.get 2))
                            f64.add
                            local.get 1
                            f64.add)
                          (func (export "swap") (param i32 i64) (result i64 i32)
                            local.get 0 local.get 1
                            (block (type $pair)
                              local.set 1 local.set 0 local.get 1 local.get 0))
                          (func (export "loopParams") (param i32) (result i32)
                            i32.const 0 local.get 0
                            (loop $l (param i32 i32) (result i32)
                              (if (param i32 i32) (result i32) (i32.eqz (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))
                                (then i32.add)
                                (else i32.add local.get 0 br $l)))))
                        """);
        assertArrayEquals(new Object[]{4, 4L, 4.0}, (Object[]) m.call("three", 4));
        assertEquals(12.0, m.call("sum", 4));
        assertArrayEquals(new Object[]{7L, 3}, (Object[]) m.call("swap", 3, 7L));
        assertEquals(10, m.call("loopParams", 4));
    }

    @Test
    void trapsHaveTheSpecKindsAndMessages() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (memory 1)
                          (table 3 funcref)
                          (elem (i32.const 0) $f $g)
                          (type $ii (func (param i32) (result i32)))
                          (func $f (param i32) (result i32) local.get 0)
                          (func $g (result i32) i32.const 1)
                          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                          (func (export "rem") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
                          (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
                          (func (export "unreachable") unreachable)
                          (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
                          (func (export "store") (param i32) (i64.store8 (local.get 0) (i64.const -1)))
                          (func (export "indirect") (param i32) (result i32) (call_indirect (type $ii) (i32.const 5) (local.get 0))))
                        """);
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> m.call("div", 1, 0));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> m.call("div", Integer.MIN_VALUE, -1));
        assertEquals(-3, m.call("div", 7, -2));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> m.call("rem", 1L, 0L));
        assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, () -> m.call("trunc", Double.NaN));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> m.call("trunc", -1.0));
        assertEquals(-1, m.call("trunc", 4294967295.5));
        assertTrap(TrapKind.UNREACHABLE, () -> m.call("unreachable"));
        assertEquals(0, m.call("load", 65536 - 8));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("load", 65536 - 7));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("load", -1)); // 0xFFFFFFFF + 4 does not wrap
        m.call("store", 65535);
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, () -> m.call("store", 65536));
        assertEquals(5, m.call("indirect", 0));
        assertEquals("indirect call type mismatch", assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> m.call("indirect", 1)));
        assertEquals("uninitialized element 2", assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> m.call("indirect", 2)));
        assertEquals("undefined element 3", assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> m.call("indirect", 3)));
        assertEquals("undefined element 4294967295", assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> m.call("indirect", -1)));
    }

    @Test
    void memoryGrownByACalleeIsSeenByTheCaller() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (memory 1)
                          (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
                          (func (export "growAndStore") (result i32)
                            (i32.store (i32.const 100) (i32.const 5))
                            (drop (call $grow (i32.const 2)))
                            (i32.store (i32.const 131072) (i32.load (i32.const 100)))
                            (drop (memory.grow (i32.const 1)))
                            (i32.store (i32.const 200000) (i32.const 6))
                            (i32.add (i32.load (i32.const 131072)) (i32.load (i32.const 200000))))
                          (func (export "size") (result i32) memory.size))
                        """);
        assertEquals(11, m.call("growAndStore"));
        assertEquals(4, m.call("size"));
    }

    @Test
    void comparisonsFusedIntoBranchesFollowNaNRules() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (func (export "lt") (param f64 f64) (result i32) (if (result i32) (f64.lt (local.get 0) (local.get 1)) (then i32.const 1) (else i32.const 0)))
                          (func (export "notGe") (param f32 f32) (result i32) (if (result i32) (i32.eqz (f32.ge (local.get 0) (local.get 1))) (then i32.const 1) (else i32.const 0)))
                          (func (export "ne") (param f32 f32) (result i32) (block (result i32) (br_if 0 (i32.const 1) (f32.ne (local.get 0) (local.get 1))) drop i32.const 0))
                          (func (export "leU") (param i32 i32) (result i32) (if (result i32) (i32.le_u (local.get 0) (local.get 1)) (then i32.const 1) (else i32.const 0)))
                          (func (export "gtU64") (param i64 i64) (result i32) (i64.gt_u (local.get 0) (local.get 1)))
                          (func (export "eqzEqz") (param i32) (result i32) (i32.eqz (i32.eqz (local.get 0)))))
                        """);
        assertEquals(1, m.call("lt", 1.0, 2.0));
        assertEquals(0, m.call("lt", Double.NaN, 2.0));
        assertEquals(1, m.call("notGe", Float.NaN, 1f));
        assertEquals(0, m.call("notGe", 2f, 1f));
        assertEquals(1, m.call("ne", Float.NaN, Float.NaN));
        assertEquals(0, m.call("ne", 1f, 1f));
        assertEquals(1, m.call("leU", 1, -1));
        assertEquals(0, m.call("leU", -1, 1));
        assertEquals(1, m.call("gtU64", -1L, 1L));
        assertEquals(1, m.call("eqzEqz", 7));
        assertEquals(0, m.call("eqzEqz", 0));
    }

    @Test
    void floatConstantsKeepNaNPayloadsAndArithmeticQuietsThem() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module
                          (func (export "f32") (result i32) (i32.reinterpret_f32 (f32.const nan:0x200000)))
                          (func (export "f32neg") (result i32) (i32.reinterpret_f32 (f32.const -nan:0x1)))
                          (func (export "f64") (result i64) (i64.reinterpret_f64 (f64.const nan:0x4000000000000)))
                          (func (export "negZero") (result i64) (i64.reinterpret_f64 (f64.const -0)))
                          (func (export "mulOne") (param f32) (result i32) (i32.reinterpret_f32 (f32.mul (local.get 0) (f32.const 1)))))
                        """);
        assertEquals(0x7FA00000, m.call("f32"));
        assertEquals(0xFF800001, m.call("f32neg"));
        assertEquals(0x7FF4000000000000L, m.call("f64"));
        assertEquals(0x8000000000000000L, m.call("negZero"));
        int quieted = (int) m.call("mulOne", Float.intBitsToFloat(0x7FA00000));
        assertEquals(0x7FC00000, quieted & 0x7FC00000, "a signalling NaN operand gives a quiet NaN");
    }

    @Test
    void loopsEnteredWithOperandsBelowThemKeepTheJvmStackEmptyAtTheirHeader() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module (func (export "sum") (param i32) (result i64) (local i32)
                          i64.const 1000                                  ;; below the loop: kept in a local while it runs
                          i32.const 7                                     ;; the loop's parameter
                          (loop $l (param i32) (result i32)
                            (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                            i32.const 1 i32.add                           ;; a new parameter for the next iteration
                            (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
                          i64.extend_i32_u
                          i64.add)
                          (func (export "escape") (param i32) (result i32)
                            i32.const 100
                            (block $b (result i32)
                              i32.const 10                                ;; dropped when leaving the loop
                              (loop (result i32)
                                i32.const 5
                                (br_if $b (local.get 0))
                                drop
                                i32.const 6)
                              i32.add)
                            i32.add))
                        """);
        assertEquals(1015L, m.call("sum", 8)); // 7 plus one per iteration
        assertEquals(105, m.call("escape", 1));
        assertEquals(116, m.call("escape", 0));
    }

    @Test
    void callStackLimitTrapsInTranslatedCode() throws Throwable {
        TranslatedModule m = TranslatedModule.of("""
                        (module (func $down (export "down") (param i32) (result i32)
                          (if (result i32) (i32.eqz (local.get 0)) (then i32.const 0)
                            (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))
                        """, 500);
        assertEquals(400, m.call("down", 400));
        assertEquals(0, m.instance.callStack.depth());
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> m.call("down", 1000));
        // Translated code leaves only on a normal return; the root that entered it restores the depth.
        assertEquals(500, m.instance.callStack.depth());
        m.instance.callStack.leave(1);
        assertEquals(498, m.call("down", 498));
    }

}
