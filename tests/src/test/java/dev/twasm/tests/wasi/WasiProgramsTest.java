package dev.twasm.tests.wasi;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The C programs of {@code tests/wasi-programs} (sources, build script and the committed
 * {@code .wasm} files), each run under twasm and under node's WASI with the same arguments,
 * environment, standard input and a fresh empty directory granted as {@code /sandbox}. Both must
 * print exactly the committed expected output ({@code expected/LABEL.out}, made with node), write
 * the same standard error, exit with the expected code, and leave identical directory trees.
 *
 * <p>Together the programs call every function family of wasi_snapshot_preview1: arguments and
 * environment, files, directories, links, clocks, random numbers, polling, standard streams and exit
 * codes. Where node's WASI departs from POSIX, {@link WasiSandboxTest} checks twasm alone.
 */
class WasiProgramsTest {
    static final Path ROOT = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize();
    static final Path PROGRAMS = ROOT.resolve("tests/wasi-programs");

    private static Engine engine;

    @TempDir Path temp;

    /** One run of program {@code name}; its expected output is {@code expected/LABEL.out}. */
    record Program(String name, String label, List<String> args, Map<String, String> env, String stdin, int exitCode) {
        Program(String name, int exitCode) {
            this(name, name, List.of(), Map.of(), "", exitCode);
        }
    }

    static List<Program> programs() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello world");
        env.put("EMPTY", "");
        env.put("UNICODE", "héllo ✓");
        env.put("WITH_EQUALS", "a=b=c");
        List<Program> programs = new ArrayList<>(List.of(
                        new Program("args_env", "args_env", List.of("first arg", "", "ünï"), env, "", 4),
                        new Program("files", 0),
                        new Program("dirs", 0),
                        new Program("links", 0),
                        new Program("clocks", 0),
                        new Program("random", 0),
                        new Program("poll", 0),
                        new Program("stdio", "stdio", List.of(), Map.of(), "first line\nsecond line\nünïcode\nno newline at end", 0)));
        for (String way : List.of("return 3", "exit 42", "_Exit 7", "proc_exit 255")) {
            String[] parts = way.split(" ");
            programs.add(new Program("exit", "exit-" + parts[0] + "-" + parts[1], List.of(parts), Map.of(), "", Integer.parseInt(parts[1])));
        }
        return programs;
    }

    @BeforeAll
    static void createEngine() {
        engine = Engine.newBuilder("wasm").build();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicTest> programsBehaveAsUnderNode() {
        return programs().stream().map(program -> DynamicTest.dynamicTest(program.label(), () -> check(program)));
    }

    private void check(Program program) throws IOException, InterruptedException {
        Path wasm = PROGRAMS.resolve(program.name() + ".wasm");
        String expected = Files.readString(PROGRAMS.resolve("expected/" + program.label() + ".out"));
        List<String> argv = new ArrayList<>(List.of(program.name()));
        argv.addAll(program.args());
        byte[] stdin = program.stdin().getBytes(StandardCharsets.UTF_8);
        Path ours = Files.createDirectories(temp.resolve(program.label()).resolve("twasm"));
        Path theirs = Files.createDirectories(temp.resolve(program.label()).resolve("node"));
        WasiRun node = WasiRun.node(new WasiRun.Setup(wasm, argv, program.env(), stdin, theirs, "/sandbox"), PROGRAMS.resolve("run-node.mjs"));
        WasiRun twasm = WasiRun.twasm(engine, new WasiRun.Setup(wasm, argv, program.env(), stdin, ours, "/sandbox"));
        assertEquals(expected, node.stdout(), "node's output differs from expected/" + program.label() + ".out; its stderr: " + node.stderr());
        assertEquals(expected, twasm.stdout(), "twasm's output differs from expected/" + program.label() + ".out; its stderr: " + twasm.stderr());
        assertEquals(node.stderr(), twasm.stderr(), "standard error");
        Path expectedErr = PROGRAMS.resolve("expected/" + program.label() + ".err");
        if (Files.exists(expectedErr)) {
            assertEquals(Files.readString(expectedErr), twasm.stderr(), "standard error, as expected/" + program.label() + ".err");
        }
        assertEquals(program.exitCode(), node.exitCode(), "node's exit code");
        assertEquals(program.exitCode(), twasm.exitCode(), "twasm's exit code");
        assertEquals(DirectoryTree.of(theirs), DirectoryTree.of(ours), "the directory trees after the run (node's, then twasm's)");
    }
}
