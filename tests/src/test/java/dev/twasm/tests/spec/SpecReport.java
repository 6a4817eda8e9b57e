package dev.twasm.tests.spec;

import dev.twasm.launcher.wast.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts outcomes per configuration and script and writes {@code target/spec-report.txt}:
 * one line {@code file: N passed, N failed, N skipped} per script, per configuration.
 */
final class SpecReport {
    private static final Map<String, Map<String, int[]>> COUNTS = new ConcurrentHashMap<>();

    private SpecReport() {
    }

    static synchronized void record(String configuration, String script, Outcome.Status status) {
        COUNTS.computeIfAbsent(configuration, c -> new TreeMap<>()).computeIfAbsent(script, s -> new int[3])[status.ordinal()]++;
    }

    static synchronized void write(Path file) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, int[]>> configuration : new TreeMap<>(COUNTS).entrySet()) {
            int[] total = new int[3];
            out.append("== ").append(configuration.getKey()).append('\n');
            for (Map.Entry<String, int[]> script : configuration.getValue().entrySet()) {
                int[] c = script.getValue();
                out.append(String.format("%s: %d passed, %d failed, %d skipped%n", script.getKey(), c[0], c[1], c[2]));
                for (int i = 0; i < 3; i++) {
                    total[i] += c[i];
                }
            }
            out.append(String.format("TOTAL: %d passed, %d failed, %d skipped%n%n", total[0], total[1], total[2]));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
