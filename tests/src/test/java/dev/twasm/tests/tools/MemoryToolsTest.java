package dev.twasm.tests.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GraalVM's memory tracer on {@code bin/wasm run}, on {@code docs/examples/list.wat}: {@code sum_list
 * 1000} makes 1000 structs in {@code build} and one array in {@code to_array}, and the tracer
 * counts exactly those, by function and by defined type. In the AST interpreter and with every
 * function compiled by Graal before its first call (a compilation failure ends the run, so the
 * reporting code must compile); the baseline tier's reports are {@code AllocationsTest}'s (the
 * tracer's call stacks instrument every function, which takes it out of the baseline tier).
 */
class MemoryToolsTest {
    static final int NODES = 1000;
    static final String SUM = (NODES * (NODES + 1) / 2) + "\n";

    static BinWasm.Exit trace(List<String> options) {
        List<String> args = new ArrayList<>(List.of("--experimental-options", "run", "--memtracer"));
        args.addAll(options);
        args.addAll(List.of("--invoke", "sum_list", "docs/examples/list.wat", String.valueOf(NODES)));
        BinWasm.Exit exit = BinWasm.run(args.toArray(String[]::new));
        assertEquals(0, exit.code(), exit.toString());
        assertTrue(exit.out().startsWith(SUM), "the program's result comes first: " + exit);
        return exit;
    }

    /** The rows of a memory tracer histogram: name, then its counts (self and total, or one count), from "NAME | SELF PCT | TOTAL PCT | LOCATION". */
    static Map<String, List<Long>> rows(String report) {
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        for (String row : ProfilerToolsTest.histogramRows(report)) {
            String[] columns = row.split("\\|");
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i < columns.length; i++) {
                String[] words = columns[i].strip().split("\\s+");
                if (words.length == 2 && words[1].endsWith("%")) {
                    counts.add(Long.parseLong(words[0]));
                }
            }
            rows.put(columns[0].strip(), counts);
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interpreter", "compiled"})
    void tracerCountsEveryStructAndArrayWhereItIsMade(String configuration) {
        List<String> options = configuration.equals("interpreter") ? List.of("--engine.Compilation=false")
                        : List.of("--engine.CompileImmediately=true", "--engine.BackgroundCompilation=false", "--engine.CompilationFailureAction=ExitVM");
        String report = trace(options).out().substring(SUM.length());
        assertTrue(report.contains("Recorded a total of " + (NODES + 1) + " allocations."), report);
        Map<String, List<Long>> rows = rows(report);
        assertEquals(List.of((long) NODES, (long) NODES), rows.get("build"), "self and total of build:\n" + report);
        assertEquals(List.of(1L, 1L), rows.get("to_array"), "self and total of to_array:\n" + report);
        assertEquals(List.of(0L, (long) NODES + 1), rows.get("sum_list"), "self and total of sum_list:\n" + report);
    }

    @Test
    void typeHistogramNamesTheDefinedTypes() {
        String report = trace(List.of("--memtracer.Output=typehistogram")).out().substring(SUM.length());
        Map<String, List<Long>> rows = rows(report);
        assertEquals(Map.of("(struct (field i32) (field (ref null 0)))", List.of((long) NODES), "(array (mut i32))", List.of(1L)), rows, report);
    }
}
