package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.twasm.tests.spec.EngineConfiguration;

/**
 * Wasm GC objects live on the JVM heap and its collector frees them. In a JVM of 192 MiB of heap
 * (a child process, so the limit is real and this JVM's heap is untouched), a module allocates
 * about 6 GiB of short-lived arrays and finishes; then a function that keeps everything it
 * allocates reachable fails with the Wasm-level "out of memory" error, not a Java
 * {@code OutOfMemoryError} or an internal error; and the same context then runs the first function
 * again, so the engine stays usable.
 */
class GcHeapTest {
    private static final int CHURN = 100_000;
    private static final String HEAP = "-Xmx192m";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void collectsShortLivedObjectsAndReportsExhaustion(EngineConfiguration configuration) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add(HEAP); // after this JVM's own -Xmx, so it wins
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), configuration.name()));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "probe timed out");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        long expected = (long) CHURN * (CHURN - 1) / 2;
        assertTrue(output.contains("churn " + expected + "\n"), output);
        assertTrue(output.contains("hoard: out of memory: the GC heap is exhausted (guest error, not internal)\n"), output);
        assertTrue(output.contains("churn again " + expected + "\n"), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
    }

    /** The child process: runs the module in one context and prints what happened. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            EngineConfiguration configuration = EngineConfiguration.valueOf(args[0]);
            // Truffle initialises Graal once per JVM, on a thread of its own and even for engines
            // that never compile; in a heap this small, that must be over before the heap fills, as
            // it is at the start of any real process.
            try (Engine warm = EngineConfiguration.COMPILED.createEngine(); Context context = Context.newBuilder("wasm").engine(warm).build()) {
                context.eval("wasm", "(module (func (export \"f\") (result i32) (i32.const 1)))").newInstance().getMember("exports").getMember("f").execute();
            }
            String text = new String(Objects.requireNonNull(GcHeapTest.class.getResourceAsStream("/gc/heap.wat")).readAllBytes(),
                            StandardCharsets.UTF_8);
            try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
                Value module = context.eval(Source.newBuilder("wasm", text, "heap.wat").mimeType("text/x-wasm-text").build());
                Value exports = module.newInstance().getMember("exports");
                System.out.println("churn " + exports.getMember("churn").execute(CHURN).asLong());
                try {
                    exports.getMember("hoard").execute();
                    System.out.println("hoard returned");
                } catch (PolyglotException e) {
                    System.out.println("hoard: " + e.getMessage() + (e.isGuestException() && !e.isInternalError() ? " (guest error, not internal)" : ""));
                }
                System.out.println("churn again " + exports.getMember("churn").execute(CHURN).asLong());
            }
        }
    }
}
