package dev.twasm.tests.docs;

import dev.twasm.launcher.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example in the docs runs: each {@code console} block of the README and of
 * {@code docs/*.md} ({@code $ bin/wasm ...} lines followed by their expected output) is executed
 * through the launcher in-process, from the project root, and its output compared; the README's
 * Java example is the code {@link ReadmeJavaExampleTest} runs, and docs/wasi.md's the code
 * {@link WasiJavaExampleTest} runs.
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize();

    record Example(String document, String command, String expectedOutput) {
    }

    @TestFactory
    Stream<DynamicTest> consoleExamples() throws IOException {
        List<Example> examples = new ArrayList<>();
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        for (Path document : documents) {
            examples.addAll(consoleExamples(document));
        }
        assertFalse(examples.isEmpty(), "no console examples found");
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.document() + ": " + example.command(), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = example.command().substring("bin/wasm ".length()).split(" +");
            for (int i = 0; i < args.length; i++) {
                if (args[i].contains("/")) {
                    args[i] = ROOT.resolve(args[i]).toString();
                }
            }
            int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String output = (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).replace(ROOT + "/", "");
            assertEquals(example.expectedOutput(), output.strip(), "exit code " + exit);
        }));
    }

    /** {@code $ bin/wasm ...} lines in {@code console} blocks, each with the lines up to the next command as its output. */
    static List<Example> consoleExamples(Path document) throws IOException {
        List<Example> examples = new ArrayList<>();
        boolean inConsole = false;
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : Files.readAllLines(document)) {
            if (line.startsWith("```")) {
                if (command != null) {
                    examples.add(new Example(document.getFileName().toString(), command, output.toString().strip()));
                    command = null;
                }
                inConsole = !inConsole && line.equals("```console");
                continue;
            }
            if (!inConsole) {
                continue;
            }
            if (line.startsWith("$ ")) {
                if (command != null) {
                    examples.add(new Example(document.getFileName().toString(), command, output.toString().strip()));
                }
                command = line.substring(2).strip();
                output.setLength(0);
                assertTrue(command.startsWith("bin/wasm "), document + ": only bin/wasm commands can be checked: " + command);
            } else if (command != null) {
                output.append(line).append('\n');
            }
        }
        return examples;
    }

    @Test
    void readmeShowsTheTestedJavaExample() throws IOException {
        assertDocumentShowsExample("README.md", "ReadmeJavaExampleTest", "README");
    }

    @Test
    void wasiDocumentShowsTheTestedJavaExample() throws IOException {
        assertDocumentShowsExample("docs/wasi.md", "WasiJavaExampleTest", "WASI");
    }

    /** The document contains exactly the code of the test class between {@code // MARKER-BEGIN} and {@code // MARKER-END}. */
    private static void assertDocumentShowsExample(String document, String testClass, String marker) throws IOException {
        String source = Files.readString(ROOT.resolve("tests/src/test/java/dev/twasm/tests/docs/" + testClass + ".java"));
        String begin = "// " + marker + "-BEGIN\n";
        String code = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("        // " + marker + "-END"));
        assertTrue(Files.readString(ROOT.resolve(document)).contains(code.stripTrailing().stripIndent().strip()),
                        document + " must contain the Java example of " + testClass + " exactly:\n" + code.stripTrailing().stripIndent());
    }
}
