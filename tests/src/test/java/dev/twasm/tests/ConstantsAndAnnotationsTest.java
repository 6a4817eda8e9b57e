package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/**
 * Wasm 3.0's extended constant expressions and the text format's annotations seen through the
 * polyglot API: globals computed from imported and earlier globals, segments placed by them, and
 * {@code @name} names in guest stack traces.
 */
class ConstantsAndAnnotationsTest {
    private static final String COMPUTED = """
                    (module
                      (global $base (import "env" "base") i32)
                      (global $twice i32 (i32.mul (global.get $base) (i32.const 2)))
                      (global (export "offset") i32 (i32.sub (i32.add (global.get $twice) (i32.const 10)) (i32.const 1)))
                      (global (export "wide") i64 (i64.mul (i64.const 0x100000000) (i64.const 0x100000001)))
                      (memory (export "memory") 1)
                      (data (i32.add (global.get $twice) (i32.const 1)) "\\2a")
                      (table 10 funcref)
                      (elem (i32.sub (global.get $base) (i32.const 1)) $answer)
                      (type $t (func (result i32)))
                      (func $answer (result i32) (i32.const 42))
                      (func (export "callAt") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))
                    """;

    private static Context context(String baseline, boolean extendedConstants) {
        return Context.newBuilder("wasm").allowExperimentalOptions(true).option("wasm.Baseline", baseline)
                        .option("wasm.ExtendedConstants", Boolean.toString(extendedConstants)).build();
    }

    @Test
    void extendedConstantGlobalsAndSegmentsInBothTiers() {
        for (String baseline : new String[] {"true", "false"}) {
            try (Context c = context(baseline, true)) {
                Object imports = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("base", 3))));
                Value exports = c.eval("wasm", COMPUTED).newInstance(imports).getMember("exports");
                assertEquals(15, exports.getMember("offset").getMember("value").asInt());
                // wraps like i64.mul: 2^32 * (2^32 + 1) = 2^64 + 2^32
                assertEquals(1L << 32, exports.getMember("wide").getMember("value").asLong());
                assertEquals(42, exports.getMember("memory").getArrayElement(7).asInt());
                assertEquals(42, exports.getMember("callAt").execute(2).asInt());
            }
        }
    }

    @Test
    void definedGlobalsInConstantExpressionsNeedTheOption() {
        try (Context c = context("true", false)) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("wasm", COMPUTED));
            assertTrue(e.isSyntaxError(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown global 1"), e.getMessage());
            // arithmetic alone is accepted with Wasm 2.0's rules, which never relied on it being rejected
            Value exports = c.eval("wasm", "(module (global (export \"g\") i32 (i32.add (i32.const 40) (i32.const 2))))").newInstance()
                            .getMember("exports");
            assertEquals(42, exports.getMember("g").getMember("value").asInt());
        }
    }

    @Test
    void nonConstantInstructionsAndMutableGlobalsStayRejected() {
        try (Context c = context("true", true)) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("wasm", "(module (global i32 (i32.div_s (i32.const 4) (i32.const 2))))"));
            assertTrue(e.getMessage().contains("constant expression required"), e.getMessage());
            e = assertThrows(PolyglotException.class, () -> c.eval("wasm", "(module (global $g (mut i32) (i32.const 1)) (global i32 (global.get $g)))"));
            assertTrue(e.getMessage().contains("constant expression required"), e.getMessage());
            e = assertThrows(PolyglotException.class, () -> c.eval("wasm", "(module (global i64 (i64.add (i64.const 1) (i32.const 2))))"));
            assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
        }
    }

    @Test
    void nameAnnotationsNameStackFrames() {
        try (Context c = Context.newBuilder("wasm").build()) {
            Value exports = c.eval("wasm", """
                            (module
                              (func $inner (@name "innerλ") (unreachable))
                              (func (@name "outer function") (export "run") (call $inner)))
                            """).newInstance().getMember("exports");
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("run").execute());
            List<String> frames = new ArrayList<>();
            e.getPolyglotStackTrace().forEach(frame -> {
                if (frame.isGuestFrame()) {
                    frames.add(frame.getRootName());
                }
            });
            assertEquals(List.of("innerλ", "outer function"), frames.subList(0, 2));
        }
    }
}
