package dev.twasm.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * Functions too large for one JIT-compiled JVM method are split into {@link Region}s, and the
 * split code computes exactly what the AST interpreter computes: operands of every number type
 * that cross cuts (pushed in one region, consumed in later ones, with a branch out of a block in
 * between that keeps them in the parent), locals of every number type written in one region and
 * read in another (a float NaN's payload included), regions inside a loop's body and inside both
 * arms of an {@code if}, a memory that grows inside a region, and a trap inside a region.
 */
class RegionTest {
    /** One statement of the generated bodies: about 90 bytes of Wasm, all four local types, a block with a branch. */
    private static String statement(int k) {
        return """
                        (local.set $a (i32.add (local.get $a) (i32.xor (local.get $n) (i32.const %1$d))))
                        (local.set $b (i64.add (local.get $b) (i64.mul (i64.extend_i32_u (local.get $a)) (i64.const %1$d))))
                        (local.set $c (f32.add (local.get $c) (f32.const %1$d.5)))
                        (local.set $d (f64.add (local.get $d) (f64.mul (local.get $x) (f64.const %1$d))))
                        (block (br_if 0 (i32.eqz (i32.and (local.get $a) (i32.const 1)))) (local.set $a (i32.rotl (local.get $a) (i32.const 3))))
                        """.formatted(k);
    }

    private static String statements(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            b.append(statement(k));
        }
        return b.toString();
    }

    private static final String BIG = bigModule();

    private static String bigModule() {
        StringBuilder b = new StringBuilder("(module (memory 1)\n");
        b.append("(func (export \"big\") (param $n i32) (param $x f64) (result i64)\n");
        b.append("(local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $i i32)\n");
        // i32 operands pushed, then consumed; a branch out of the block halfway keeps them in the parent there.
        b.append("(local.set $a (block $out (result i32)\n");
        for (int k = 0; k < 200; k++) {
            b.append("local.get $n i32.const ").append(k).append(" i32.mul\n");
            if (k == 100) {
                b.append("i32.const 0 br_if $out\n");
            }
        }
        b.append("i32.add\n".repeat(199)).append("))\n");
        // f64 and i64 operands pushed by one stretch and consumed by another.
        for (int k = 0; k < 400; k++) {
            b.append("local.get $x f64.const ").append(k).append(" f64.mul\n");
        }
        for (int k = 0; k < 400; k++) {
            b.append("local.get $b i64.const ").append(k).append(" i64.add\n");
        }
        b.append("i64.add\n".repeat(399)).append("local.set $b\n").append("f64.add\n".repeat(399)).append("local.set $d\n");
        // A loop whose body is cut into regions; its back edge stays in the parent.
        b.append("(loop $l\n").append(statements(0, 100));
        b.append("(br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))\n");
        // Both arms of an if cut into regions.
        b.append("(if (i32.and (local.get $n) (i32.const 1)) (then\n").append(statements(100, 160)).append(") (else\n")
                        .append(statements(160, 220)).append("))\n");
        // A NaN with a payload in a float local, memory grown by one region and used by others, a
        // load that traps when $n is outside the memory.
        b.append("(local.set $c (f32.reinterpret_i32 (i32.const 0x7fa00001)))\n").append(statements(220, 260));
        b.append("(drop (memory.grow (i32.const 1)))\n").append(statements(260, 300));
        b.append("(i32.store (i32.const 70000) (i32.add (local.get $a) (i32.reinterpret_f32 (local.get $c))))\n").append(statements(300, 340));
        b.append("(local.set $a (i32.add (local.get $a) (i32.load (local.get $n))))\n").append(statements(340, 380));
        b.append("""
                        (i64.add (i64.add (local.get $b) (i64.extend_i32_u (local.get $a)))
                          (i64.add (i64.extend_i32_u (i32.reinterpret_f32 (local.get $c)))
                            (i64.add (i64.reinterpret_f64 (local.get $d))
                              (i64.extend_i32_u (i32.add (memory.size) (i32.load (i32.const 70000))))))))
                        """);
        return b.append(")\n").toString();
    }

    /** {@code n} and {@code x} of the calls compared; the third traps. */
    private static final int[] N = {5, 6, 1_000_000, 7};
    private static final double[] X = {1.5, -2.25, 1.0, 0.5};

    @Test
    void splitFunctionComputesWhatTheAstComputes() throws Throwable {
        TranslatedModule m = TranslatedModule.of(BIG);
        int big = m.functionIndex("big");
        List<String> regions = regionMethods(m, big);
        assertTrue(regions.size() >= 10, "split into regions: " + regions);
        List<Object> expected = new ArrayList<>();
        try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option("wasm.Baseline", "false").build()) {
            Value run = context.eval("wasm", BIG).newInstance().getMember("exports").getMember("big");
            for (int i = 0; i < N.length; i++) {
                try {
                    expected.add(run.execute(N[i], X[i]).asLong());
                } catch (PolyglotException e) {
                    assertTrue(e.isGuestException() && !e.isInternalError(), e.getMessage());
                    expected.add(e.getMessage());
                }
            }
        }
        for (int i = 0; i < N.length; i++) {
            if (expected.get(i) instanceof String message) {
                int n = N[i];
                double x = X[i];
                WasmTrap trap = assertThrows(WasmTrap.class, () -> m.call("big", n, x));
                assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trap.kind());
                assertEquals(message, trap.getMessage());
            } else {
                assertEquals(expected.get(i), m.call("big", N[i], X[i]), "call " + i);
            }
        }
        assertInstanceOf(String.class, expected.get(2), "the third call traps");
    }

    @Test
    void everyMethodOfASplitFunctionFitsHotSpotsLimit() {
        TranslatedModule m = TranslatedModule.of(BIG);
        byte[] bytes = ModuleClass.generate(m.module, true).bytes();
        for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
            method.code().ifPresent(code -> assertTrue(((CodeAttribute) code).codeLength() <= ModuleClass.MAX_METHOD_BYTES,
                            method.methodName().stringValue() + " has " + ((CodeAttribute) code).codeLength() + " bytes"));
        }
    }

    @Test
    void functionsThatCannotBeSplitRunOnTheAst() throws Throwable {
        // A reference-typed local cannot travel in the long[] of a region's locals.
        String line = "(drop (i32.load offset=1000 (local.get 0)))\n";
        TranslatedModule m = TranslatedModule.of("(module (memory 1) (data (i32.const 1000) \"\\2a\")\n"
                        + "(func $refs (param i32) (result i32) (local externref)\n" + line.repeat(2000) + "(i32.load8_u offset=1000 (local.get 0)))\n"
                        + "(func $plain (param i32) (result i32)\n" + line.repeat(2000) + "(i32.load8_u offset=1000 (local.get 0)))\n"
                        + "(func (export \"caller\") (param i32) (result i32) (i32.add (call $refs (local.get 0)) (call $plain (local.get 0)))))");
        assertFalse(m.code.isTranslated(0), "reference-typed local");
        assertTrue(m.code.isTranslated(1), "split");
        assertEquals(84, m.call("caller", 0));
        WasmTrap trap = assertThrows(WasmTrap.class, () -> m.call("caller", 65536));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trap.kind());
    }

    private static List<String> regionMethods(TranslatedModule m, int function) {
        byte[] bytes = ModuleClass.generate(m.module, true).bytes();
        List<String> names = new ArrayList<>();
        for (MethodModel method : ClassFile.of().parse(bytes).methods()) {
            if (method.methodName().stringValue().startsWith(ModuleClass.methodName(function) + "$")) {
                names.add(method.methodName().stringValue());
            }
        }
        return names;
    }
}
