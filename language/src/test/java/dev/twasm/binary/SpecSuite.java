package dev.twasm.binary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates the official Wasm 2.0 test scripts: the folder named by the system property
 * {@code twasm.testsuite}, else {@code ../shared/wasm-testsuite-2.0} next to the project root.
 */
final class SpecSuite {
    static final String PROPERTY = "twasm.testsuite";

    private SpecSuite() {
    }

    static Path folder() {
        String configured = System.getProperty(PROPERTY);
        Path folder = configured != null ? Paths.get(configured) : projectRoot().resolve("../shared/wasm-testsuite-2.0").normalize();
        if (!Files.isDirectory(folder)) {
            fail("Wasm 2.0 spec test suite not found at " + folder.toAbsolutePath() + ". Put the top-level .wast files of "
                            + "https://github.com/WebAssembly/testsuite (the Wasm 2.0 core suite) there, or pass -D" + PROPERTY + "=<folder>.");
        }
        return folder;
    }

    /** The 2.0 scripts, SIMD included. */
    static List<Path> scripts() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wast"))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nearest enclosing folder holding the Maven wrapper. */
    private static Path projectRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        return dir;
    }
}
