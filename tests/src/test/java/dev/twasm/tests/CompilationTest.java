package dev.twasm.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop-heavy module runs compiled by Graal: the counting loop of {@code platform.md} reaches the
 * last compilation tier, no compilation fails or is invalidated, and no compiled unit deoptimizes
 * more than once. (One deoptimization is expected: the on-stack-replaced loop is compiled while it
 * runs, before its exit branch was ever taken, so leaving the loop the first time goes back to the
 * interpreter to record that branch.) The same holds for a loop that throws and catches Wasm
 * exceptions. Read from Truffle's own compilation traces.
 */
class CompilationTest {
    @Test
    void countingLoopCompilesWithoutDeoptimization() throws IOException {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        Path program = Path.of(System.getProperty("twasm.projectRoot", "..")).resolve("benchmarks/programs/counting-loop.wat");
        Source source = Source.newBuilder("wasm", program.toFile()).build();
        int expected = 0;
        for (int i = 0; i < 1_000_000; i++) {
            expected = (expected + i * i) ^ 7;
        }
        try (Context context = tracingContext(logBytes)) {
            Value loop = context.eval(source).newInstance().getMember("exports").getMember("loop");
            for (int call = 0; call < 2_000; call++) {
                assertEquals(expected, loop.execute(1_000_000).asInt());
            }
        }
        assertCompiledCleanly(logBytes.toString(StandardCharsets.UTF_8), "loop", 1);
    }

    private static Context tracingContext(ByteArrayOutputStream logBytes) {
        return Context.newBuilder("wasm").allowExperimentalOptions(true)
                        .option("engine.TraceCompilation", "true")
                        .option("engine.TraceDeoptimizeFrame", "true")
                        .option("engine.BackgroundCompilation", "false")
                        .logHandler(logBytes).build();
    }

    /** {@code function} reached the last tier; no compilation failed or was invalidated; no unit deoptimized more than {@code maxDeopts} times. */
    private static void assertCompiledCleanly(String log, String function, int maxDeopts) {
        List<String> lines = log.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("opt done") && l.contains(" " + function + " ") && l.contains("Tier 2")),
                        "the " + function + " function never reached the last tier:\n" + log);
        for (String bad : List.of("opt fail", "opt inv", "fallback runtime")) {
            assertFalse(log.contains(bad), "unexpected '" + bad + "' in the compilation log:\n" + log);
        }
        Map<String, Long> deoptsPerUnit = lines.stream().filter(l -> l.contains("opt deopt"))
                        .collect(Collectors.groupingBy(l -> l.replaceAll(".* id=\\s*(\\d+).*", "$1"), Collectors.counting()));
        deoptsPerUnit.forEach((id, count) -> assertTrue(count <= maxDeopts, "compilation unit " + id + " deoptimized " + count + " times:\n" + log));
    }

    /**
     * Exception handling compiles: a hot loop that catches an exception thrown by a callee every
     * 16th iteration (the throw and the handler in one compilation unit once the callee is
     * inlined) reaches the last tier without a failed or invalidated compilation and without
     * repeated deoptimization, and computes what the interpreter does.
     */
    @Test
    void throwingAndCatchingCompilesWithoutDeoptimization() {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        String wat = """
                        (module
                          (tag $every16th (param i32))
                          (func $check (param $i i32) (result i32)
                            (if (i32.eqz (i32.and (local.get $i) (i32.const 15))) (then (throw $every16th (local.get $i))))
                            (i32.mul (local.get $i) (i32.const 3)))
                          (func (export "run") (param $n i32) (result i32) (local $i i32) (local $sum i32)
                            (loop $next
                              (local.set $sum (i32.add (local.get $sum)
                                (block $caught (result i32)
                                  (try_table (result i32) (catch $every16th $caught) (call $check (local.get $i))))))
                              (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                            (local.get $sum)))
                        """;
        int expected = 0;
        for (int i = 0; i < 100_000; i++) {
            expected += i % 16 == 0 ? i : i * 3;
        }
        try (Context context = tracingContext(logBytes)) {
            Value run = context.eval(Source.create("wasm", wat)).newInstance().getMember("exports").getMember("run");
            for (int call = 0; call < 300; call++) {
                assertEquals(expected, run.execute(100_000).asInt());
            }
        }
        assertCompiledCleanly(logBytes.toString(StandardCharsets.UTF_8), "run", 2);
    }
}
