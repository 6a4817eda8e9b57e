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
 * matching scripts run (so a suite can be excluded except for some of its scripts).
 */
public final class Exclusions {
    private record Entry(String suite, PathMatcher matcher, String pattern, String reason, boolean runs) {
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
                int slash = parts[0].indexOf('/');
                String glob = parts[0].substring(slash + 1);
                exclusions.entries.add(new Entry(parts[0].substring(0, slash), FileSystems.getDefault().getPathMatcher("glob:" + glob), glob,
                                parts.length > 1 ? parts[1] : "no reason given", runs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exclusions;
    }

    /**
     * The reason {@code script} of {@code suite} is excluded, or null when it runs. Globs match
     * the script's path within the suite ({@link SpecSuite#nameOf}), so {@code *.wast} takes only
     * the top level and {@code custom/*.wast} a subfolder.
     */
    public String reason(SpecSuite suite, Path script) {
        Path name = Path.of(suite.nameOf(script));
        for (Entry e : entries) {
            if (e.suite().equals(suite.folderName()) && e.matcher().matches(name)) {
                return e.runs() ? null : e.reason();
            }
        }
        return null;
    }
}
