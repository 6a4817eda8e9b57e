package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code struct.get} compiles to a field load: a child JVM runs {@code gc/struct-get.wast} with every
 * function compiled on its first call and Graal's graphs dumped as text (the command
 * docs/rationale.md gives), and the graph of {@code get} after Graal's high tier reads the
 * {@code int} field of the class Truffle's static object model generated for the struct type,
 * after a null check and a class check, with no call left ({@code Invoke}, {@code ForeignCall}).
 */
class StructFieldLoadTest {
    @TempDir
    Path dir;

    @Test
    void structGetIsAFieldLoadInCompiledCode() throws IOException, InterruptedException {
        Path script = dir.resolve("struct-get.wast");
        try (InputStream in = Objects.requireNonNull(StructFieldLoadTest.class.getResourceAsStream("/gc/struct-get.wast"))) {
            Files.copy(in, script);
        }
        Path dump = dir.resolve("dump");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-Djdk.graal.Dump=Truffle:1", "-Djdk.graal.PrintGraph=File", "-Djdk.graal.PrintCanonicalGraphStrings=true",
                        "-Djdk.graal.PrintCanonicalGraphStringFlavor=1", "-Djdk.graal.DumpPath=" + dump));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.twasm.launcher.Main", "--experimental-options",
                        "--engine.CompileImmediately=true", "--engine.BackgroundCompilation=false", "--wasm.Baseline=false", "wast", script.toString()));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "timed out");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("3 passed, 0 failed"), output);
        String graph = highTierGraph(dump, "[get]");
        List<String> fieldReads = graph.lines().filter(l -> l.startsWith("ReadNode(i32") && l.contains("GeneratedStaticObject")).toList();
        assertEquals(1, fieldReads.size(), "one int field load of the generated struct class:\n" + graph);
        assertTrue(graph.contains("InstanceOfNode(void, a!# com.oracle.truffle.api.staticobject.GeneratedStaticObject"),
                        "the load is guarded by the class check:\n" + graph);
        assertFalse(graph.contains("Invoke") || graph.contains("ForeignCall"), "no call is left:\n" + graph);
    }

    private static String highTierGraph(Path dump, String function) throws IOException {
        try (Stream<Path> files = Files.walk(dump)) {
            Path file = files.filter(p -> p.getParent().getFileName().toString().contains(function) && p.getFileName().toString().endsWith("After_high_tier.txt"))
                            .findFirst().orElseThrow(() -> new AssertionError("no graph dumped for " + function + " in " + dump));
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }
}
