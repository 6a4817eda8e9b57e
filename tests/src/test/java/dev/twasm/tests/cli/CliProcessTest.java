package dev.twasm.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code wasm} command as a process: exit codes, and stdout and stderr kept apart, through
 * {@code Main.main} in a JVM configured like this one, and through {@code bin/wasm}, which needs
 * the packaged launcher: the README's test command is {@code ./mvnw -B verify} for that reason.
 */
class CliProcessTest {
    @TempDir
    static Path dir;

    record Exit(int code, String out, String err) {
    }

    static Exit execute(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Cli.ROOT.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** {@code java [this JVM's options] -cp [this class path] dev.twasm.launcher.Main args...}. */
    static Exit main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("--enable-native-access=org.graalvm.truffle"); // as bin/wasm: no warning on stderr
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.twasm.launcher.Main"));
        command.addAll(List.of(args));
        Exit exit = execute(command, Map.of());
        // This JVM runs with the Vector API module, so the child announces it first thing on
        // stderr, as bin/wasm's JVM does (bin/wasm drops that line; see its test below).
        String warning = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        return exit.err().startsWith(warning) ? new Exit(exit.code(), exit.out(), exit.err().substring(warning.length())) : exit;
    }

    @Test
    void exitCodesAndStreams() throws IOException, InterruptedException {
        String calc = Cli.writeText(dir, "calc.wat", CliTest.CALC).toString();
        assertEquals(new Exit(0, "3\n", ""), main("run", "--invoke", "div", calc, "7", "2"));
        assertEquals(new Exit(1, "", "wasm: integer divide by zero\nwasm backtrace:\n    0: div\n    1: main\n"), main("run", "--invoke", "crash", calc));
        assertEquals(new Exit(2, "", "wasm: unknown option '--bogus' for 'run' (see: wasm help run)\n"), main("run", "--bogus", calc));
    }

    @Test
    void binWasm() throws IOException, InterruptedException {
        assertTrue(Files.exists(Cli.ROOT.resolve("launcher/target/lib/twasm-launcher.jar")),
                        "the launcher is not packaged: run the tests with ./mvnw -B verify, as the README says");
        String wasm = Cli.ROOT.resolve("bin/wasm").toString();
        assertEquals(new Exit(0, "25\n", ""), execute(List.of(wasm, "--vm.Xmx256m", "run", "--invoke", "count_primes", "docs/examples/primes.wat", "100"), Map.of()));
        // WASM_JAVA_OPTS reaches the JVM: here a polyglot option as a system property, which the engine rejects.
        Exit bad = execute(List.of(wasm, "run", "--invoke", "count_primes", "docs/examples/primes.wat", "100"), Map.of("WASM_JAVA_OPTS", "-Dpolyglot.engine.Bogus=1"));
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("wasm: ") && bad.err().contains("engine.Bogus") && bad.err().lines().count() == 1, bad.err());
        // Tools pass through as for GraalVM's launchers (the profiler is packaged with bin/wasm only).
        Exit sampled = execute(List.of(wasm, "run", "--cpusampler", "--invoke", "count_primes", "docs/examples/primes.wat", "100"), Map.of());
        assertEquals(0, sampled.code(), sampled.err());
        assertTrue(sampled.out().startsWith("25\n") && sampled.out().contains("Sampling Histogram"), sampled.out());
        Exit version = execute(List.of(wasm, "--version"), Map.of());
        assertEquals(0, version.code());
        assertTrue(version.out().contains("GraalVM CE runtime"), "Graal compilation must be on: " + version.out());
    }

    /**
     * Without the Vector API, vector instructions run on plain Java lanes: a few of the official
     * SIMD scripts through {@code bin/wasm wast} with the lane implementation forced (the test
     * JVM itself runs the whole suite on the Vector API).
     */
    @Test
    void simdScriptsPassOnJavaLanes() throws IOException, InterruptedException {
        Path suite = Cli.ROOT.resolveSibling("shared").resolve("wasm-testsuite-2.0");
        List<String> command = new ArrayList<>(List.of(Cli.ROOT.resolve("bin/wasm").toString(), "--log.wasm.simd.level=FINE", "wast"));
        for (String script : List.of("simd_f32x4_arith.wast", "simd_i8x16_sat_arith.wast", "simd_lane.wast", "simd_load.wast")) {
            command.add(suite.resolve(script).toString());
        }
        Exit exit = execute(command, Map.of("WASM_JAVA_OPTS", "-Dtwasm.simd=lanes"));
        assertEquals(0, exit.code(), exit.out() + exit.err());
        assertEquals(4, exit.out().lines().filter(line -> line.endsWith(" 0 failed, 0 skipped")).count(), exit.out());
        assertTrue(exit.err().contains("vector instructions run on Java lanes"), exit.err());
    }
}
