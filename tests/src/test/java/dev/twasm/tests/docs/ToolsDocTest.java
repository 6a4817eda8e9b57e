package dev.twasm.tests.docs;

import dev.twasm.tests.tools.BinWasm;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the transcripts of {@code docs/tools.md} and compares them by the rule of {@link Transcript}
 * (measurements may vary, names, locations and the order of lines may not): each
 * {@code console tools} block's {@code $ bin/wasm ...} commands run as processes from the project
 * root (stdout, then stderr, against the lines up to the next command); a debugger command
 * ({@code --inspect}) runs on a free port, which the output shows as 9229, until it has printed the
 * transcript's lines, and is then ended. The document's {@code java example} runs in a JVM with
 * {@code bin/wasm}'s module path, where the tools are, and must print its {@code text output}.
 */
class ToolsDocTest {
    static final Path DOC = BinWasm.ROOT.resolve("docs/tools.md");
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    record Block(String command, String expected, int line) {
        @Override
        public String toString() {
            return "tools.md:" + line + ": " + command;
        }
    }

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(DOC));
        assertFalse(blocks.isEmpty(), "no console tools blocks in " + DOC);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            String actual = block.command().contains("--inspect") ? inspect(block) : run(block);
            assertNull(Transcript.difference(block.expected(), actual.replace(BinWasm.ROOT + "/", "")), block.toString());
        }));
    }

    private static String[] arguments(Block block) {
        assertTrue(block.command().startsWith("bin/wasm "), "only bin/wasm commands can be checked: " + block);
        return block.command().substring("bin/wasm ".length()).split(" +");
    }

    private static String run(Block block) {
        BinWasm.Exit exit = BinWasm.run(arguments(block));
        return exit.out() + exit.err();
    }

    /** Runs a debugger command on a free port until it has printed the transcript's lines; the port shows as 9229. */
    private static String inspect(Block block) {
        int port = BinWasm.freePort();
        String[] args = Arrays.stream(arguments(block)).map(a -> a.equals("--inspect") ? "--inspect=127.0.0.1:" + port : a).toArray(String[]::new);
        assertTrue(Arrays.asList(args).contains("--inspect=127.0.0.1:" + port), "the transcript's debugger uses the default address (--inspect): " + block);
        try (BinWasm.Running wasm = BinWasm.start(args)) {
            long lines = block.expected().lines().count();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while ((wasm.out() + wasm.err()).lines().count() < lines && System.nanoTime() < deadline) {
                sleep();
            }
            return (wasm.out() + wasm.err()).replace("127.0.0.1:" + port, "127.0.0.1:9229");
        }
    }

    /** The commands of the {@code console tools} blocks, each with the lines up to the next command as its output. */
    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        boolean inBlock = false;
        String command = null;
        int start = 0;
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean commandLine = inBlock && line.startsWith("$ ");
            if (line.startsWith("```") || commandLine) {
                if (command != null) {
                    blocks.add(new Block(command, output.toString(), start));
                    command = null;
                }
                if (commandLine) {
                    command = line.substring(2).strip();
                    start = i + 1;
                    output.setLength(0);
                } else {
                    inBlock = !inBlock && line.equals("```console tools");
                }
            } else if (command != null) {
                output.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void javaExample() throws IOException, InterruptedException {
        List<DocExamples.Example> examples = DocExamples.read(DOC).in("java");
        assertEquals(1, examples.size(), "tools.md has one Java example");
        DocExamples.Example example = examples.getFirst();
        Matcher name = Pattern.compile("public\\s+class\\s+(\\w+)").matcher(example.code());
        assertTrue(name.find(), "the example declares a public class");
        Path dir = Files.createTempDirectory("twasm-tools-example");
        Path source = Files.writeString(dir.resolve(name.group(1) + ".java"), example.code());
        Path lib = BinWasm.ROOT.resolve("launcher/target/lib");
        String modules;
        try (Stream<Path> jars = Files.list(lib.resolve("modules"))) {
            modules = String.join(":", jars.map(Path::toString).sorted().toList());
        }
        // As the document says to run it: the JDK's source launcher, with the tools on the module path.
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                        "--upgrade-module-path=" + lib.resolve("upgrade/compiler.jar"), "--module-path=" + modules, "--add-modules=ALL-MODULE-PATH",
                        "--enable-native-access=org.graalvm.truffle,ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", source.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(BinWasm.ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), printed + Files.readString(err, StandardCharsets.UTF_8));
        assertNull(Transcript.difference(example.expectedOutput(), printed.replace(BinWasm.ROOT + "/", "")), example.toString());
    }

    /** The rule itself: what counts as a measurement, and what must match exactly. */
    @Test
    void comparisonRule() {
        assertEquals(List.of("152", "10", "0"), Transcript.measurements("Sampling Histogram. Recorded 152 samples with period 10ms. Missed 0 samples."));
        assertEquals(List.of("20", "5"), Transcript.measurements("Thread[#20,wasm,5,main]"));
        assertEquals(List.of("1510", "99.3", "1500", "98.7"), Transcript.measurements(" f || 1510ms 99.3% || 1500ms 98.7% || x.c~20-26:5-9"));
        assertEquals(List.of(), Transcript.measurements("tests/debug-programs/hotspot.c~20-26:812-1040"));
        assertEquals(List.of("428343467"), Transcript.measurements("collatz steps of 1..3000000: 428343467"));
        assertNull(Transcript.difference(" count_collatz_steps ||  1510ms  99.3% || x.c~20", " count_collatz_steps || 990ms 100.0% || x.c~20"));
        assertTrue(Transcript.difference(" count_collatz_steps || 1510ms || x.c~20", " count_collatz_steps || 1510ms || x.c~21") != null, "a line number is exact");
        assertTrue(Transcript.difference(" count_collatz_steps || 1510ms", " collatz_length || 1510ms") != null, "a name is exact");
        assertTrue(Transcript.difference("a\nb", "b\na") != null, "the order of lines is exact");
        assertNull(Transcript.difference("Debugger listening on ws://127.0.0.1:9229/AbC-d_1", "Debugger listening on ws://127.0.0.1:9229/zzz"));
        assertTrue(Transcript.difference("ws://127.0.0.1:9229/x", "ws://127.0.0.1:9230/x") != null, "the port is exact");
        assertNull(Transcript.difference("a\nb", "a\nWarning: Average sample duration took over 20% of the sampling period.\nb"));
        assertNull(Transcript.difference("a\n-----\nb", "a\n----- \nWarning: slow.\n   Use one of these.\n   or that.\n----- \n-----\nb"), "a whole warning block");
        assertTrue(Transcript.difference("a\nb", "a\nWarning: slow.\n   more\nc") != null, "only the warning block is left out");
        assertTrue(Transcript.difference("a\nb", "a\nb\nc") != null, "the number of lines is exact");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
