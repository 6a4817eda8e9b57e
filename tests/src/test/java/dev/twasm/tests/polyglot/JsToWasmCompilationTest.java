package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hot JavaScript loop calling a Wasm export through the standard JS API compiles across the
 * language boundary: the JS function reaches the last tier with the Wasm function inlined into it
 * (Truffle's compilation trace reports it), and no compilation fails.
 */
class JsToWasmCompilationTest {
    @Test
    void hotJsLoopCompilesWithWasmCallee() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context context = Polyglot.builder("js", "wasm").allowExperimentalOptions(true)
                        .option("engine.TraceCompilation", "true").option("compiler.TraceInlining", "true")
                        .option("engine.BackgroundCompilation", "false").logHandler(log).build()) {
            context.getBindings("js").putMember("bytes", Wat.jsBytes(context,
                            Wat.encode("(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))")));
            int result = context.eval("js", """
                    var add = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add;
                    function hotLoop(n) { var s = 0; for (var i = 0; i < n; i++) { s = add(s, i) | 0; } return s; }
                    var r = 0; for (var k = 0; k < 200; k++) { r = hotLoop(10000); } r
                    """).asInt();
            int expected = 0;
            for (int i = 0; i < 10000; i++) {
                expected += i;
            }
            assertEquals(expected, result);
        }
        String trace = log.toString(StandardCharsets.UTF_8);
        assertTrue(trace.lines().anyMatch(l -> l.contains("opt done") && l.contains("hotLoop")), "hotLoop never compiled:\n" + trace);
        // "Inlined <callee>" lines of the tier-2 compilation of the JS loop: the GraalJS export adapter and our function.
        assertTrue(trace.lines().anyMatch(l -> l.matches(".*Inlined\\s+add\\s.*")),
                        "the Wasm function was not inlined into the JS loop:\n" + trace);
        assertFalse(trace.contains("opt fail"), trace);
    }
}
