package dev.twasm.tests.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.twasm.tests.tools.DevToolsClient.array;
import static dev.twasm.tests.tools.DevToolsClient.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * GraalVM's CPU sampler, CPU tracer and coverage tool on {@code bin/wasm run}, on the committed C
 * program {@code tests/debug-programs/hotspot.c} (its {@code -O2} and {@code -O0} builds, with
 * DWARF) and on a text module without DWARF: the reports name the Wasm functions (from the name
 * section), count calls exactly, and locate code in the C source, or in the listing of a module
 * without DWARF. The program's own output comes first and intact.
 */
class ProfilerToolsTest {
    /** The hot function of hotspot.c (all of the run time at -O2, where collatz_length is inlined into it). */
    static final String HOT = "count_collatz_steps";
    /** collatz_length runs once per start value of count_collatz_steps's loop: limit (3000000) times. */
    static final long COLLATZ_LENGTH_CALLS = 3_000_000;

    @TempDir
    Path dir;

    static String expectedOutput() throws IOException {
        return Files.readString(BinWasm.PROGRAMS.resolve("expected/hotspot.txt"));
    }

    /** The lines of a histogram report after its header row (the one naming {@code Name}, or {@code Type} in a type histogram), up to its closing rule. */
    static List<String> histogramRows(String report) {
        List<String> lines = report.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().matches("(Name|Type) +\\|.*")) {
                return lines.subList(i + 2, lines.size()).stream().takeWhile(line -> !line.startsWith("-----")).toList();
            }
        }
        return fail("no histogram in:\n" + report);
    }

    /** bin/wasm has the tools on its module path: the launcher's help lists their options, which work after the command too. */
    @Test
    void helpListsTheTools() {
        BinWasm.Exit help = BinWasm.run("--help:tools");
        assertEquals(0, help.code(), help.toString());
        for (String tool : List.of("Chrome Inspector", "CPU Sampler", "CPU Tracer", "Code Coverage", "Memory Tracer", "Heap Allocation Monitor")) {
            assertTrue(help.out().contains(tool), tool + " in:\n" + help.out());
        }
        for (String option : List.of("--inspect=", "--cpusampler=", "--cputracer ", "--coverage ", "--coverage.OutputFile=", "--memtracer ", "--heapmonitor ")) {
            assertTrue(help.out().lines().anyMatch(line -> line.strip().startsWith(option)), option + " in:\n" + help.out());
        }
        BinWasm.Exit runHelp = BinWasm.run("help", "run");
        assertTrue(runHelp.out().contains("--cpusampler") && runHelp.out().contains("docs/tools.md"), runHelp.out());
    }

    @Test
    void samplerNamesTheHotFunctionWithItsSourceLine() throws IOException {
        BinWasm.Exit exit = BinWasm.run("run", "--cpusampler", "tests/debug-programs/hotspot.wasm");
        assertEquals(0, exit.code(), exit.toString());
        assertTrue(exit.out().startsWith(expectedOutput()), "the program's output comes first: " + exit);
        String report = exit.out().substring(expectedOutput().length());
        assertTrue(report.contains("Sampling Histogram"), report);
        List<String> rows = histogramRows(report);
        assertTrue(!rows.isEmpty(), "no samples of Wasm functions:\n" + report);
        // The top entry (by self time): "NAME || TOTAL || SELF || FILE~LINES:CHARS".
        String[] columns = rows.getFirst().split("\\|\\|");
        assertEquals(HOT, columns[0].strip(), report);
        String location = columns[columns.length - 1].strip();
        Matcher m = Pattern.compile("(?:.*/)?hotspot\\.c~(\\d+)(?:-(\\d+))?(:.*)?").matcher(location);
        assertTrue(m.matches(), "the C source file and lines of " + HOT + ": " + location);
        int firstLine = Integer.parseInt(m.group(1));
        int lastLine = m.group(2) == null ? firstLine : Integer.parseInt(m.group(2));
        int loop = lineOf("total_steps += collatz_length(start);");
        assertTrue(firstLine <= loop && loop <= lastLine, "lines " + location + " of " + HOT + " hold its loop, line " + loop);
    }

    @Test
    void tracerCountsCallsExactly() throws IOException {
        Path json = dir.resolve("tracer.json");
        BinWasm.Exit exit = BinWasm.run("run", "--cputracer", "--cputracer.Output=json", "--cputracer.OutputFile=" + json, "tests/debug-programs/hotspot-O0.wasm");
        assertEquals(0, exit.code(), exit.toString());
        assertEquals(expectedOutput(), exit.out(), "the report goes to the file");
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Object entry : array(object(Json.parse(Files.readString(json))).get("profile"))) {
            Map<String, Object> e = object(entry);
            counts.merge((String) e.get("root_name"), ((Number) e.get("count")).longValue(), Long::sum);
            Object section = e.get("source_section");
            if (section instanceof Map<?, ?> s) {
                files.put((String) e.get("root_name"), String.valueOf(s.get("source_name")));
            }
        }
        assertEquals(1L, counts.get(HOT), "calls of " + HOT + ": " + counts);
        assertEquals(COLLATZ_LENGTH_CALLS, counts.get("collatz_length"), "calls of collatz_length: " + counts);
        assertTrue(String.valueOf(files.get(HOT)).endsWith("hotspot.c"), "source of " + HOT + ": " + files);
    }

    @Test
    void coverageOfCSourceLinesInLcov() throws IOException {
        Path lcov = dir.resolve("coverage.info");
        BinWasm.Exit exit = BinWasm.run("run", "--coverage", "--coverage.Output=lcov", "--coverage.OutputFile=" + lcov, "tests/debug-programs/hotspot-O0.wasm");
        assertEquals(0, exit.code(), exit.toString());
        // The program's output, then the tool's note (on stdout) where the report went.
        assertEquals(expectedOutput() + "Printing output to " + lcov + "\n", exit.out(), "the report goes to the file");
        Map<String, Map<Integer, Long>> files = lcovLines(Files.readString(lcov));
        Map<Integer, Long> hotspot = files.entrySet().stream().filter(f -> f.getKey().endsWith("hotspot.c")).map(Map.Entry::getValue).findFirst()
                        .orElseGet(() -> fail("no hotspot.c in the coverage of " + files.keySet()));
        for (String covered : List.of("        total_steps += collatz_length(start);", "        n = (n & 1) ? 3 * n + 1 : n / 2;",
                        "    printf(\"collatz steps of 1..%u: %llu\\n\", limit, total);")) {
            int line = lineOf(covered.strip());
            assertTrue(hotspot.getOrDefault(line, 0L) > 0, "line " + line + " (" + covered.strip() + ") covered: " + hotspot);
        }
        assertTrue(hotspot.keySet().stream().noneMatch(line -> line == lineOf("/* The total Collatz length of 1..limit: the hot function. */")), "a comment has no code: " + hotspot);
    }

    @Test
    void coverageOfAListingShowsTheBranchNeverTaken() throws IOException {
        Path module = ListingModule.write(dir, "count-odd.wasm");
        Path report = dir.resolve("coverage.txt");
        BinWasm.Exit exit = BinWasm.run("run", "--coverage", "--coverage.Output=detailed", "--coverage.OutputFile=" + report, "--invoke", "count_odd", module.toString(), "5");
        assertEquals(0, exit.code(), exit.toString());
        assertEquals("3\nPrinting output to " + report + "\n", exit.out());
        String detailed = Files.readString(report);
        // The detailed report shows the listing, each statement's first line marked '+' (covered) or '-' (not covered).
        List<String> lines = detailed.lines().toList();
        int never = lineWith(lines, "i32.const -1");
        assertEquals("-", marker(lines.get(never)), "the then branch never runs:\n" + detailed);
        int elseLine = lineWith(lines, "else");
        assertEquals("+", marker(lines.get(elseLine + 1)), "the else branch runs:\n" + detailed);
    }

    /** The index of the only line that contains {@code instruction} as a whole instruction. */
    static int lineWith(List<String> lines, String instruction) {
        Pattern word = Pattern.compile("\\s" + Pattern.quote(instruction) + "(\\s|$)");
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (word.matcher(lines.get(i)).find()) {
                found.add(i);
            }
        }
        assertEquals(1, found.size(), "lines with " + instruction + ": " + found);
        return found.getFirst();
    }

    /** The coverage marker at the start of a line of the detailed report ('+', '-', 'p' or ' '). */
    static String marker(String line) {
        return line.isEmpty() ? " " : line.substring(0, 1);
    }

    /** The line counts ({@code DA:LINE,COUNT}) of each source file ({@code SF:PATH}) of an lcov report. */
    static Map<String, Map<Integer, Long>> lcovLines(String lcov) {
        Map<String, Map<Integer, Long>> files = new LinkedHashMap<>();
        Map<Integer, Long> current = null;
        for (String line : lcov.lines().toList()) {
            if (line.startsWith("SF:")) {
                current = files.computeIfAbsent(line.substring(3), f -> new LinkedHashMap<>());
            } else if (line.startsWith("DA:") && current != null) {
                String[] fields = line.substring(3).split(",");
                current.merge(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Long::sum);
            }
        }
        assertTrue(!files.isEmpty(), "no source files in the lcov report:\n" + lcov);
        return files;
    }

    /** The 1-based line of hotspot.c that contains {@code text}. */
    static int lineOf(String text) {
        try {
            List<String> lines = Files.readAllLines(BinWasm.PROGRAMS.resolve("hotspot.c"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            fail(e);
        }
        return fail("hotspot.c has no line with " + text);
    }
}
