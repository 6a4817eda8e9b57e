package dev.twasm.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Locates the official spec test suite for tests. */
final class SpecSuite {
    private SpecSuite() {
    }

    /**
     * The Wasm 2.0 suite folder: the system property {@code twasm.testsuite}, else
     * {@code ../shared/wasm-testsuite-2.0} relative to the project root.
     */
    static Path wasm20() {
        return locate("twasm.testsuite", "wasm-testsuite-2.0");
    }

    /** The Wasm 3.0 suite folder ({@code twasm.testsuite3} or {@code ../shared/wasm-testsuite}). */
    static Path wasm30() {
        return locate("twasm.testsuite3", "wasm-testsuite");
    }

    private static Path locate(String property, String folder) {
        String configured = System.getProperty(property);
        if (configured != null) {
            Path path = Path.of(configured);
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException("-D" + property + "=" + configured + " is not a directory");
            }
            return path;
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("..").resolve("shared").resolve(folder).normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("WebAssembly spec test suite not found: expected ../shared/" + folder
                        + " next to the project root, or set -D" + property + "=<folder with the .wast files>"
                        + " (get it from https://github.com/WebAssembly/testsuite)");
    }

    /** The top-level {@code .wast} files of a suite folder, without the SIMD ones, sorted. */
    static List<Path> scripts(Path folder) {
        return scripts(folder, name -> !name.startsWith("simd_"));
    }

    /**
     * The vector scripts of a suite folder, sorted: {@code simd_*.wast} (Wasm 2.0 and 3.0) and the
     * relaxed SIMD ones of Wasm 3.0, {@code relaxed_*.wast} and {@code *_relaxed_*.wast}.
     */
    static List<Path> vectorScripts(Path folder) {
        return scripts(folder, name -> name.startsWith("simd_") || name.startsWith("relaxed_") || name.contains("_relaxed_"));
    }

    private static List<Path> scripts(Path folder, Predicate<String> selected) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wast"))
                            .filter(p -> selected.test(p.getFileName().toString()))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
