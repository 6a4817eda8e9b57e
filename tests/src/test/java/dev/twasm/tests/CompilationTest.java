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
 * interpreter to record that branch.) Read from Truffle's own compilation traces.
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
        try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true)
                        .option("engine.TraceCompilation", "true")
                        .option("engine.TraceDeoptimizeFrame", "true")
                        .option("engine.BackgroundCompilation", "false")
                        .logHandler(logBytes).build()) {
            Value loop = context.eval(source).newInstance().getMember("exports").getMember("loop");
            for (int call = 0; call < 2_000; call++) {
                assertEquals(expected, loop.execute(1_000_000).asInt());
            }
        }
        String log = logBytes.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("opt done") && l.contains(" loop ") && l.contains("Tier 2")),
                        "the loop function never reached the last tier:\n" + log);
        for (String bad : List.of("opt fail", "opt inv", "fallback runtime")) {
            assertFalse(log.contains(bad), "unexpected '" + bad + "' in the compilation log:\n" + log);
        }
        Map<String, Long> deoptsPerUnit = lines.stream().filter(l -> l.contains("opt deopt"))
                        .collect(Collectors.groupingBy(l -> l.replaceAll(".* id=\\s*(\\d+).*", "$1"), Collectors.counting()));
        deoptsPerUnit.forEach((id, count) -> assertTrue(count <= 1, "compilation unit " + id + " deoptimized " + count + " times:\n" + log));
    }
}
