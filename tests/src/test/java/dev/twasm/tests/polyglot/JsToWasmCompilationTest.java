package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hot JavaScript loop calling a Wasm export through the standard JS API compiles across the
 * language boundary: the JS function reaches the last tier with the Wasm function inlined into it
 * (Truffle's compilation trace reports it), and no compilation fails. Once compiled, the call
 * folds: the loop allocates nothing per call (no arguments array, no boxes).
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

    /**
     * Before the argument conversion was specialized per call site, each call allocated the Wasm
     * arguments array, the JS arguments array and their boxes (about 100 bytes). Compiled, a call
     * should allocate nothing; the bound leaves room for the polyglot call of the loop itself.
     */
    @Test
    void compiledCallAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Context context = Polyglot.builder("js", "wasm").allowExperimentalOptions(true)
                        .option("engine.BackgroundCompilation", "false").build()) {
            context.getBindings("js").putMember("bytes", Wat.jsBytes(context,
                            Wat.encode("(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))")));
            Value hotLoop = context.eval("js", """
                    var add = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add;
                    (function hotLoop(n) { var s = 0; for (var i = 0; i < n; i++) { s = add(s, i) | 0; } return s; })
                    """);
            int calls = 1_000_000;
            long fewest = Long.MAX_VALUE;
            // Warm-up: the root leaves the baseline tier, then the loop compiles with add inlined.
            for (int round = 0; round < 20 && fewest > calls / 10; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                hotLoop.execute(calls);
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(fewest <= calls / 10, "the compiled loop still allocates " + fewest + " bytes per " + calls + " calls");
        }
    }
}
