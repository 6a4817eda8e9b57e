package dev.twasm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected checksums of the benchmark programs: {@code checksums.txt}, one line
 * {@code <name> <checksum>} per program, the checksum an unsigned 32-bit decimal computed by the
 * native build. Blank lines and lines starting with {@code #} are ignored.
 */
public record Checksums(Path file, Map<String, Integer> byProgram) {
    /** Reads {@code file}; a missing file gives an empty set (every lookup then fails clearly). */
    public static Checksums read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return new Checksums(file, Map.of());
        }
        Map<String, Integer> byProgram = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected '<name> <checksum>', found '" + line + "'");
            }
            try {
                byProgram.put(fields[0], Integer.parseUnsignedInt(fields[1]));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": checksum '" + fields[1] + "' is not an unsigned 32-bit decimal", e);
            }
        }
        return new Checksums(file, Map.copyOf(byProgram));
    }

    /** Whether {@code program} has a checksum. */
    public boolean has(String program) {
        return byProgram.containsKey(program);
    }

    /** The expected checksum of {@code program}; fails when the file lists none. */
    public int expected(String program) {
        Integer checksum = byProgram.get(program);
        if (checksum == null) {
            throw new IllegalStateException(file + " has no checksum for program '" + program + "'");
        }
        return checksum;
    }
}
