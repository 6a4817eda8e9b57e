package dev.twasm.tests.docs;

import dev.twasm.tests.docs.DocExamples.Example;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs the examples of {@code docs/embedding.md}, read from the document itself, and compares what
 * each prints with the output the document shows: Java compiled and run in process, JavaScript and
 * Python evaluated by GraalJS and GraalPy in a context with the {@code wasm} language.
 */
class EmbeddingDocTest {
    private static final Path DOC = Path.of(System.getProperty("twasm.projectRoot", "..")).resolve("docs/embedding.md");

    @TestFactory
    Stream<DynamicTest> examplesPrintWhatTheDocSays() throws IOException {
        DocExamples doc = DocExamples.read(DOC);
        for (String language : List.of("java", "js", "python")) {
            assertFalse(doc.in(language).isEmpty(), "docs/embedding.md has no " + language + " example");
        }
        return doc.examples().stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> assertEquals(e.expectedOutput(), run(e), e.toString())));
    }

    private static String run(Example example) throws Exception {
        return switch (example.language()) {
            case "java" -> JavaExampleRunner.run(example.code());
            case "js", "python" -> runGuest(example.language(), example.code());
            default -> throw new IllegalArgumentException("no runner for " + example);
        };
    }

    private static String runGuest(String language, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context.Builder builder = Context.newBuilder(language, "wasm").allowAllAccess(true).out(out).option("engine.WarnInterpreterOnly", "false");
        if (language.equals("js")) {
            builder.option("js.webassembly", "true");
        }
        try (Context context = builder.build()) {
            context.eval(language, code);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
