package dev.twasm.tests.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Locates an official spec test suite folder: a system property or environment variable names it,
 * else it is {@code ../shared/<folder>} beside the project root. When it is missing, the error
 * says where to get it.
 */
public record SpecSuite(String folderName, Path directory, Map<String, String> options, List<String> subfolders) {
    /** The 2.0 suite runs with every feature option false: Wasm 2.0's rules where 3.0 changed them. */
    public static final SpecSuite WASM_2_0 = locate("wasm-testsuite-2.0", "twasm.testsuite", "TWASM_TESTSUITE", wasm20Options(false), List.of());
    /**
     * The 3.0 suite runs with the engine's defaults, which are the 3.0 rules where 2.0's differ; besides
     * its top level, it has the scripts of custom sections and annotations ({@code custom/}) and
     * of the legacy exception handling instructions ({@code legacy/}).
     */
    public static final SpecSuite WASM_3_0 = locate("wasm-testsuite", "twasm.testsuite3", "TWASM_TESTSUITE3", Map.of(),
                    List.of("custom", "legacy"));

    /**
     * The threads proposal's scripts ({@code proposals/threads} of the 3.0 suite's folder) are
     * written against Wasm 2.0's rules (one memory, 32-bit), so they run with the 2.0 suite's
     * options, the threads proposal's binary encoding of shared memories on.
     */
    public static final SpecSuite THREADS = locate("wasm-testsuite/proposals/threads", "twasm.testsuiteThreads", "TWASM_TESTSUITE_THREADS",
                    wasm20Options(true), List.of());

    /** Every feature option false (Wasm 2.0's rules), {@code wasm.Threads} as given. */
    private static Map<String, String> wasm20Options(boolean threads) {
        return Map.of("wasm.MultiMemory", "false", "wasm.Memory64", "false", "wasm.ExtendedConstants", "false", "wasm.ExceptionHandling", "false",
                        "wasm.FunctionReferences", "false", "wasm.Threads", Boolean.toString(threads));
    }

    static SpecSuite locate(String folderName, String property, String environment, Map<String, String> options, List<String> subfolders) {
        String configured = System.getProperty(property, System.getenv(environment));
        if (configured != null) {
            return new SpecSuite(folderName, Path.of(configured), options, subfolders);
        }
        Path root = Path.of(System.getProperty("twasm.projectRoot", System.getProperty("user.dir")));
        return new SpecSuite(folderName, root.toAbsolutePath().normalize().resolveSibling("shared").resolve(folderName), options, subfolders);
    }

    /**
     * A script's name within the suite: its path relative to the suite's folder with {@code /}
     * separators ({@code elem.wast}, {@code custom/custom_annot.wast}), as reports and
     * {@code spec-exclusions.txt} name it.
     */
    public String nameOf(Path script) {
        return directory.relativize(script).toString().replace('\\', '/');
    }

    /** The {@code .wast} files at the top level of the suite, then those of each of its {@link #subfolders()}, sorted by name. */
    public List<Path> scripts() {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("The official spec test suite is missing: expected " + folderName + " at " + directory
                            + ". Clone https://github.com/WebAssembly/testsuite at the commit named in its UPSTREAM file there, or point "
                            + "the system property or environment variable at a checkout.");
        }
        List<Path> scripts = new ArrayList<>(scriptsIn(directory));
        for (String subfolder : subfolders) {
            Path folder = directory.resolve(subfolder);
            if (Files.isDirectory(folder)) {
                scripts.addAll(scriptsIn(folder));
            }
        }
        return scripts;
    }

    private static List<Path> scriptsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wast")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
