package dev.twasm.tests.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one list of spec test scripts that are not run, each with its reason
 * ({@code spec-exclusions.txt}). Excluded scripts are reported as skipped tests. Lines are tried
 * in order and the first whose glob matches decides; a line starting with {@code !} says the
 * matching scripts run (so a suite can be excluded except for some of its scripts). A glob
 * followed by {@code :FIRST-LAST} excludes only the commands that start on those lines of a script
 * that otherwise runs (a module of a script that needs a later feature, with the commands that use
 * that module); such commands are reported as skipped tests too.
 */
public final class Exclusions {
    /** One line: {@code matcher} takes a script's suite folder and its name within the suite, {@code wasm-testsuite/custom/x.wast}. */
    private record Entry(PathMatcher matcher, String pattern, String reason, boolean runs, int firstLine, int lastLine) {
        boolean wholeScript() {
            return firstLine == 0;
        }

        boolean matches(SpecSuite suite, Path name) {
            return matcher().matches(Path.of(suite.folderName()).resolve(name));
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public static Exclusions load() {
        Exclusions exclusions = new Exclusions();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        Objects.requireNonNull(Exclusions.class.getResourceAsStream("/spec-exclusions.txt")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean runs = line.startsWith("!");
                String[] parts = line.substring(runs ? 1 : 0).split("\\s+", 2);
                String glob = parts[0];
                int firstLine = 0;
                int lastLine = 0;
                int colon = glob.lastIndexOf(':');
                if (colon >= 0) {
                    String[] range = glob.substring(colon + 1).split("-", 2);
                    firstLine = Integer.parseInt(range[0]);
                    lastLine = range.length > 1 ? Integer.parseInt(range[1]) : firstLine;
                    glob = glob.substring(0, colon);
                }
                exclusions.entries.add(new Entry(FileSystems.getDefault().getPathMatcher("glob:" + glob), glob,
                                parts.length > 1 ? parts[1] : "no reason given", runs, firstLine, lastLine));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exclusions;
    }

    /**
     * The reason {@code script} of {@code suite} is excluded, or null when it runs. Globs match
     * the suite's folder and the script's path within the suite ({@link SpecSuite#nameOf}), so
     * {@code wasm-testsuite/*.wast} takes only the top level, {@code wasm-testsuite/custom/*.wast} a
     * subfolder, and a suite in a subfolder of another is named by its whole folder
     * ({@code wasm-testsuite/proposals/threads/imports.wast}).
     */
    public String reason(SpecSuite suite, Path script) {
        Path name = Path.of(suite.nameOf(script));
        for (Entry e : entries) {
            if (e.wholeScript() && e.matches(suite, name)) {
                return e.runs() ? null : e.reason();
            }
        }
        return null;
    }

    /**
     * The reason the command that starts on {@code line} of a running {@code script} is excluded,
     * or null when it runs.
     */
    public String commandReason(SpecSuite suite, Path script, int line) {
        Path name = Path.of(suite.nameOf(script));
        for (Entry e : entries) {
            if (!e.wholeScript() && e.firstLine() <= line && line <= e.lastLine() && e.matches(suite, name)) {
                return e.reason();
            }
        }
        return null;
    }
}
