package dev.twasm.benchmarks.report;

import dev.twasm.benchmarks.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @TempDir
    Path dir;

    private Report report(String checksums) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Files.writeString(raw.resolve("engines.tsv"), """
                        twasm\ttwasm\t4\t120\t15\ttwasm compiled
                        node\tnode (V8)\t4\t120\t0\tnode
                        slow-interp\tslow\t4\t1\t0\tan interpreter
                        """);
        Files.writeString(raw.resolve("runs.tsv"), """
                        a\ttwasm\t0\t3.5
                        a\tnode\t0\t1.0
                        a\tslow-interp\t0\t9.0
                        b\ttwasm\t0\t3.0
                        b\tnode\t1\t0.5
                        b\tslow-interp\t0\t2.0
                        """);
        Files.writeString(raw.resolve("a.twasm.out"), "first_iteration_ms=1000\niteration_ms=30\niteration_ms=20\niteration_ms=20\nchecksum=7\n");
        Files.writeString(raw.resolve("a.twasm.err"), "runner: main-thread CPU ms per iteration: 900 29 20 12\n");
        Files.writeString(raw.resolve("a.node.out"), "first_iteration_ms=50\niteration_ms=10\niteration_ms=10\niteration_ms=10\nchecksum=7\n");
        Files.writeString(raw.resolve("a.slow-interp.out"), "first_iteration_ms=4000\niteration_ms=2000\nchecksum=7\n");
        Files.writeString(raw.resolve("b.twasm.out"), "first_iteration_ms=500\niteration_ms=40\niteration_ms=40\niteration_ms=40\nchecksum=9\n");
        Files.writeString(raw.resolve("b.node.out"), "first_iteration_ms=50\n");
        Files.writeString(raw.resolve("b.node.err"), "RuntimeError: unreachable\n    at run (wasm://wasm/1234)\n");
        Files.writeString(raw.resolve("b.slow-interp.out"), "first_iteration_ms=900\niteration_ms=100\niteration_ms=100\niteration_ms=100\nchecksum=8\n");
        Path checksumFile = dir.resolve("checksums.txt");
        Files.writeString(checksumFile, checksums);
        return Report.load(raw, Checksums.read(checksumFile), "twasm", "benchmarks/compare.sh --iterations 4", Map.of("node", "v20"));
    }

    @Test
    void checksumsFailuresAndBudgetCutsAreReported() throws IOException {
        Report report = report("a 7\nb 9\n");
        assertFalse(report.succeeded());
        String csv = report.csv();
        assertTrue(csv.contains("\na,twasm,4,4,120,false,0,,1000.000,20.000,1030.000,3,1070.000,3.5,1,7,7,ok,\n"), csv);
        assertTrue(csv.contains("\na,slow-interp,4,2,1,true,0,"), csv);
        assertTrue(csv.contains("\nb,node,4,1,120,false,1,"), csv);
        assertTrue(csv.contains(",failed,\"exit 1, no checksum line: RuntimeError: unreachable\"\n"), csv);
        assertTrue(csv.contains("\nb,slow-interp,4,4,1,false,0,,900.000,100.000,900.000,2,1200.000,2.0,,8,9,CHECKSUM MISMATCH,\"checksum 8, expected 9\"\n"), csv);
        String md = report.markdown();
        assertTrue(md.contains("> **CHECKSUM MISMATCH** in 1 run(s):\n> - b on slow: checksum 8, expected 9"), md);
        assertTrue(md.contains("> **1 run(s) failed**"), md);
        assertTrue(md.contains("| a | 20.0 (1.00×) | 10.0 (0.50×) | 2000 (100×) |"), md);
        assertTrue(md.contains("| b | 40.0 (1.00×) | failed | CHECKSUM MISMATCH |"), md);
        assertTrue(md.contains("| **geometric mean of ratios** | **1.00×** | **0.50×** (1 of 2) | **100×** (1 of 2) |"), md);
        assertTrue(md.contains("| a | 4, steady from 3, **1 of the last 2 waited** | 4, steady from 2 | 2 of 4 (budget), steady from 2 |"), md);
        assertTrue(report.summary().contains("note: a on twasm: 1 of the last 2 iterations waited for a core"), report.summary());
        assertTrue(report.summary().contains("note: a on slow-interp: time budget cut it to 2 of 4 iterations"), report.summary());
        assertTrue(report.summary().contains("*** CHECKSUM MISMATCH: b on slow-interp"), report.summary());
        assertTrue(md.contains("| b | 4, steady from 2 | failed | 4, steady from 2 |"), md);
        assertTrue(md.contains("`benchmarks/compare.sh --iterations 4`"), md);
        assertTrue(md.contains("## Peak main-thread CPU time per iteration (JVM runners)"), md);
        assertTrue(md.contains("| a | 16.0 (1.00×) | – | – |"), md);
        assertTrue(md.contains("| node | v20 |"), md);
        assertTrue(md.contains("| twasm | twasm compiled | 4 | 15 s | 120 s |\n| node (V8) | node | 4 | none | 120 s |"), md);
    }

    /**
     * Writes a raw folder (engines.tsv, runs.tsv and the runner outputs {@code files}: file name, then
     * content, in pairs) and checksums.txt, and loads the report with {@code baseline}.
     */
    private Report load(String engines, String runs, String checksums, String baseline, String... files) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Files.writeString(raw.resolve("engines.tsv"), engines);
        Files.writeString(raw.resolve("runs.tsv"), runs);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(raw.resolve(files[i]), files[i + 1]);
        }
        Files.writeString(dir.resolve("checksums.txt"), checksums);
        return Report.load(raw, Checksums.read(dir.resolve("checksums.txt")), baseline, "compare.sh", Map.of());
    }

    @Test
    void allChecksumsRightAndNoFailureSucceeds() throws IOException {
        Report report = load("twasm\ttwasm\t2\t0\t0\ttwasm compiled\n", "a\ttwasm\t0\t1.0\n", "# name checksum\na 4000000000\n", "twasm",
                        "a.twasm.out", "first_iteration_ms=10\niteration_ms=4\nchecksum=4000000000\n");
        assertTrue(report.succeeded());
        assertTrue(report.markdown().contains("Checksums: all 1 runs returned the checksum in `checksums.txt`."));
    }

    @Test
    void engineStartUpHasItsOwnTableAndStaysOutOfTheFirstIteration() throws IOException {
        Report report = load("twasm\ttwasm\t2\t0\t0\ttwasm compiled\nnode\tnode\t2\t0\t0\tV8\n", "a\ttwasm\t0\t1.0\na\tnode\t0\t1.0\n", "a 5\n", "twasm",
                        "a.twasm.out", "startup_ms=700\nfirst_iteration_ms=100\niteration_ms=4\nchecksum=5\n",
                        "a.node.out", "first_iteration_ms=50\niteration_ms=2\nchecksum=5\n");
        String md = report.markdown();
        assertTrue(md.contains("## Engine start-up (polyglot engines)"), md);
        assertTrue(md.contains("| a | 700 (1.00×) | – |"), md);
        assertTrue(md.contains("| a | 100 (1.00×) | 50.0 (0.50×) |"), md);
        assertTrue(report.csv().contains("\na,twasm,2,2,0,false,0,700.000,100.000,"), report.csv());
    }

    @Test
    void anEngineThatRejectsAProgramIsReportedAsUnsupportedNotAsAFailure() throws IOException {
        Report report = load("twasm\ttwasm\t2\t0\t0\ttwasm compiled\nchicory-interp\tChicory interpreter\t2\t0\t0\tChicory\n",
                        "k-scalar\ttwasm\t0\t1.0\nk-scalar\tchicory-interp\t0\t1.0\nk-simd\ttwasm\t0\t1.0\nk-simd\tchicory-interp\t4\t0.5\n",
                        "k-scalar 6\nk-simd 6\n", "twasm",
                        "k-scalar.twasm.out", "first_iteration_ms=10\niteration_ms=8\nchecksum=6\n",
                        "k-scalar.chicory-interp.out", "first_iteration_ms=90\niteration_ms=80\nchecksum=6\n",
                        "k-simd.twasm.out", "first_iteration_ms=10\niteration_ms=2\nchecksum=6\n",
                        "k-simd.chicory-interp.out", "unsupported=Machine doesn't recognize Instruction V128_LOAD | x\n",
                        "k-simd.chicory-interp.err", "runner: the engine does not support this program: Machine doesn't recognize Instruction V128_LOAD\n");
        assertTrue(report.succeeded());
        String md = report.markdown();
        for (String part : List.of("Checksums: all 3 runs returned the checksum in `checksums.txt`.\n\n1 run(s) did not run",
                        "| k-scalar | 8.00 (1.00×) | 80.0 (10.00×) |",
                        "| k-simd | 2.00 (1.00×) | unsupported |", // the peak table
                        "| k-simd | 2, steady from 2 | unsupported |", // the iterations table
                        "| **geometric mean of ratios** | **1.00×** | **10.00×** (1 of 2) |",
                        "## Not supported",
                        "- **k-simd on Chicory interpreter** — Machine doesn't recognize Instruction V128_LOAD / x\n")) {
            assertTrue(md.contains(part), part + " in\n" + md);
        }
        assertFalse(md.contains("## Problems"), md);
        String csv = report.csv();
        assertTrue(csv.contains("\nk-simd,chicory-interp,2,,0,false,4,,,,,,,0.5,,,6,unsupported,Machine doesn't recognize Instruction V128_LOAD / x\n"), csv);
        String summary = report.summary();
        assertTrue(summary.contains("note: k-simd on chicory-interp: unsupported (Machine doesn't recognize"), summary);
    }

    @Test
    void theUnsupportedLineCountsOnlyWithItsExitStatus() throws IOException {
        Report report = load("node\tnode\t2\t0\t0\tV8\n", "a\tnode\t1\t1.0\nb\tnode\t4\t1.0\n", "a 1\nb 1\n", "node",
                        "a.node.out", "unsupported=CompileError: bad\n", "b.node.out", "first_iteration_ms=3\n");
        assertFalse(report.succeeded());
        String md = report.markdown();
        assertTrue(md.contains("> **2 run(s) failed**"), md);
        assertTrue(md.contains("| a | failed |") && md.contains("| b | failed |"), md);
        assertFalse(md.contains("## Not supported"), md);
    }

    @Test
    void geometricMean() {
        assertEquals(2, Report.geometricMean(java.util.List.of(1.0, 4.0)), 1e-12);
    }
}
