package dev.twasm.benchmarks.report;

import dev.twasm.benchmarks.Checksums;
import dev.twasm.benchmarks.RunnerProtocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The statistics and tables of the engine comparison ({@code benchmarks/compare.sh}): reads the raw
 * runner outputs that compare.sh collected, checks every checksum against {@code checksums.txt}, and
 * writes {@code results.csv} (one row per program and engine) and {@code results.md} (one table per
 * metric with each engine's ratio to the baseline engine, geometric means, machine facts and the
 * command). Exits with status 1 when a checksum is wrong or a run failed. A run whose engine does not
 * support the program (the runner exited with {@link RunnerProtocol#UNSUPPORTED_STATUS} and printed an
 * {@code unsupported=} line, see {@link RunnerProtocol}) is no failure: its cells say "unsupported",
 * it is left out of the geometric means, and a section "Not supported" gives the engine's reason.
 *
 * <p>Usage: {@code Report --raw DIR --checksums FILE --out DIR [--baseline ENGINE] [--command TEXT]
 * [--fact KEY=VALUE]...}. {@code DIR} holds {@code engines.tsv} (id, label, iterations, budget in
 * seconds, minimum run time in seconds, description), {@code runs.tsv} (program, engine, exit status, wall seconds) and each run's
 * {@code <program>.<engine>.out} and {@code .err}.
 */
public final class Report {
    /** An engine of the comparison, as compare.sh describes it. */
    record Engine(String id, String label, int iterations, int budgetSeconds, int minSeconds, String description) {
    }

    /** The outcome of one program on one engine. */
    record Run(String program, Engine engine, int exit, double wallSeconds, Measurement measurement, Status status, String note, double[] cpu) {
        /** How many of the last half's iterations waited for a core, or -1 when the runner gave no CPU times. */
        int waited() {
            return measurement == null ? -1 : measurement.waitedInLastHalf(cpu);
        }

        /** The median main-thread CPU time of the last half's iterations, when the runner gave CPU times. */
        OptionalDouble peakCpuMillis() {
            return waited() < 0 ? OptionalDouble.empty() : OptionalDouble.of(Measurement.medianOfLastHalf(cpu));
        }

        boolean measured() {
            return measurement != null && (status == Status.OK || status == Status.NO_EXPECTED_CHECKSUM);
        }

        boolean cutByBudget() {
            return measurement != null && exit == 0 && measurement.iterations() < engine.iterations();
        }
    }

    enum Status {
        OK("ok"),
        CHECKSUM_MISMATCH("CHECKSUM MISMATCH"),
        NO_EXPECTED_CHECKSUM("no expected checksum"),
        UNSUPPORTED("unsupported"),
        FAILED("failed");

        final String text;

        Status(String text) {
            this.text = text;
        }
    }

    private final Map<String, Engine> engines;
    private final List<String> programs;
    private final List<Run> runs;
    private final Checksums checksums;
    private final String baseline;
    private final String command;
    private final Map<String, String> facts;

    Report(Map<String, Engine> engines, List<String> programs, List<Run> runs, Checksums checksums, String baseline, String command,
                    Map<String, String> facts) {
        this.engines = engines;
        this.programs = programs;
        this.runs = runs;
        this.checksums = checksums;
        this.baseline = engines.containsKey(baseline) ? baseline : engines.keySet().iterator().next();
        this.command = command;
        this.facts = facts;
    }

    public static void main(String[] args) throws IOException {
        Path raw = null;
        Path checksumFile = null;
        Path out = null;
        String baseline = "twasm";
        String command = "";
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                usage("missing value after " + args[i]);
            }
            switch (args[i]) {
                case "--raw" -> raw = Path.of(value);
                case "--checksums" -> checksumFile = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--baseline" -> baseline = value;
                case "--command" -> command = value;
                case "--fact" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        usage("--fact needs KEY=VALUE, not '" + value + "'");
                    }
                    facts.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (raw == null || checksumFile == null || out == null) {
            usage("--raw, --checksums and --out are required");
        }
        Report report = load(raw, Checksums.read(checksumFile), baseline, command, facts);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), report.csv());
        Files.writeString(out.resolve("results.md"), report.markdown());
        System.out.print(report.summary());
        System.out.println("Wrote " + out.resolve("results.md") + " and " + out.resolve("results.csv"));
        System.exit(report.succeeded() ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("Report: " + problem);
        System.err.println("usage: Report --raw DIR --checksums FILE --out DIR [--baseline ENGINE] [--command TEXT] [--fact KEY=VALUE]...");
        System.exit(64);
    }

    /** Reads compare.sh's raw folder. */
    static Report load(Path raw, Checksums checksums, String baseline, String command, Map<String, String> facts) throws IOException {
        Map<String, Engine> engines = new LinkedHashMap<>();
        for (String[] fields : tsv(raw.resolve("engines.tsv"), 6)) {
            engines.put(fields[0], new Engine(fields[0], fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                            Integer.parseInt(fields[4]), fields[5]));
        }
        if (engines.isEmpty()) {
            throw new IOException(raw.resolve("engines.tsv") + " lists no engine");
        }
        Set<String> programs = new LinkedHashSet<>();
        List<Run> runs = new ArrayList<>();
        for (String[] fields : tsv(raw.resolve("runs.tsv"), 4)) {
            String program = fields[0];
            Engine engine = engines.get(fields[1]);
            if (engine == null) {
                throw new IOException("runs.tsv names engine '" + fields[1] + "', which engines.tsv does not list");
            }
            programs.add(program);
            runs.add(run(raw, program, engine, Integer.parseInt(fields[2]), Double.parseDouble(fields[3]), checksums));
        }
        return new Report(engines, List.copyOf(programs), runs, checksums, baseline, command, facts);
    }

    private static List<String[]> tsv(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != columns) {
                throw new IOException(file + ": expected " + columns + " tab-separated fields in '" + line + "'");
            }
            rows.add(fields);
        }
        return rows;
    }

    private static Run run(Path raw, String program, Engine engine, int exit, double wallSeconds, Checksums checksums) throws IOException {
        List<String> stdout = lines(raw.resolve(program + "." + engine.id() + ".out"));
        List<String> stderr = lines(raw.resolve(program + "." + engine.id() + ".err"));
        String unsupported = unsupportedReason(stdout);
        if (exit == RunnerProtocol.UNSUPPORTED_STATUS && unsupported != null) {
            return new Run(program, engine, exit, wallSeconds, null, Status.UNSUPPORTED, unsupported.replace('|', '/'), null);
        }
        Measurement measurement;
        try {
            measurement = Measurement.parse(stdout);
        } catch (IllegalArgumentException e) {
            return new Run(program, engine, exit, wallSeconds, null, Status.FAILED, failure(exit, e.getMessage(), stderr), null);
        }
        double[] cpu = Measurement.cpuMillis(stderr);
        OptionalLong checksum = measurement.checksum();
        if (exit != 0 || checksum.isEmpty()) {
            return new Run(program, engine, exit, wallSeconds, measurement, Status.FAILED,
                            failure(exit, checksum.isEmpty() ? "no checksum line" : "", stderr), cpu);
        }
        if (!checksums.has(program)) {
            return new Run(program, engine, exit, wallSeconds, measurement, Status.NO_EXPECTED_CHECKSUM,
                            checksums.file() + " has no checksum for " + program, cpu);
        }
        long expected = Integer.toUnsignedLong(checksums.expected(program));
        if (checksum.getAsLong() != expected) {
            return new Run(program, engine, exit, wallSeconds, measurement, Status.CHECKSUM_MISMATCH,
                            "checksum " + checksum.getAsLong() + ", expected " + expected, cpu);
        }
        return new Run(program, engine, exit, wallSeconds, measurement, Status.OK, "", cpu);
    }

    /** The reason of the runner's {@code unsupported=} line, or {@code null} when it printed none. */
    private static String unsupportedReason(List<String> stdout) {
        for (String line : stdout) {
            if (line.startsWith(RunnerProtocol.UNSUPPORTED_LINE)) {
                String reason = line.substring(RunnerProtocol.UNSUPPORTED_LINE.length()).strip();
                return reason.isEmpty() ? "(no reason given)" : reason;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** A one-line failure description: the exit status and the last lines of stderr. */
    private static String failure(int exit, String problem, List<String> stderr) {
        StringBuilder note = new StringBuilder();
        note.append(switch (exit) {
            case 0 -> "exit 0";
            case 124, 137 -> "timed out (exit " + exit + ")";
            default -> "exit " + exit;
        });
        if (!problem.isEmpty()) {
            note.append(", ").append(problem);
        }
        List<String> tail = stderr.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("at ") && !line.startsWith("...")).toList();
        if (!tail.isEmpty()) {
            note.append(": ").append(String.join(" / ", tail.subList(Math.max(0, tail.size() - 2), tail.size())));
        }
        String text = note.toString().replace('|', '/');
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    /** Whether every run returned its expected checksum, or was not supported by its engine. */
    boolean succeeded() {
        return runs.stream().allMatch(run -> run.status() == Status.OK || run.status() == Status.UNSUPPORTED);
    }

    private Run find(String program, String engine) {
        for (Run run : runs) {
            if (run.program().equals(program) && run.engine().id().equals(engine)) {
                return run;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- CSV

    String csv() {
        StringBuilder csv = new StringBuilder("program,engine,iterations_requested,iterations_done,budget_s,cut_by_budget,exit_code,"
                        + "startup_ms,first_ms,peak_ms,steady_ms,steady_iteration,total_ms,wall_s,last_half_waited,checksum,expected_checksum,status,note\n");
        for (Run run : runs) {
            Measurement m = run.measurement();
            List<String> fields = new ArrayList<>();
            fields.add(run.program());
            fields.add(run.engine().id());
            fields.add(Integer.toString(run.engine().iterations()));
            fields.add(m == null ? "" : Integer.toString(m.iterations()));
            fields.add(Integer.toString(run.engine().budgetSeconds()));
            fields.add(Boolean.toString(run.cutByBudget()));
            fields.add(Integer.toString(run.exit()));
            fields.add(m == null || m.startupMillis().isEmpty() ? "" : number(m.startupMillis().getAsDouble()));
            fields.add(m == null ? "" : number(m.firstMillis()));
            fields.add(m == null ? "" : number(m.peakMillis()));
            int window = run.engine().iterations();
            fields.add(m == null || m.steadyMillis(window).isEmpty() ? "" : number(m.steadyMillis(window).getAsDouble()));
            fields.add(m == null || m.steadyIteration(window).isEmpty() ? "" : Integer.toString(m.steadyIteration(window).getAsInt() + 1));
            fields.add(m == null ? "" : number(m.totalMillis()));
            fields.add(String.format(Locale.ROOT, "%.1f", run.wallSeconds()));
            fields.add(run.waited() < 0 ? "" : Integer.toString(run.waited()));
            fields.add(m == null || m.checksum().isEmpty() ? "" : Long.toString(m.checksum().getAsLong()));
            fields.add(checksums.has(run.program()) ? Integer.toUnsignedString(checksums.expected(run.program())) : "");
            fields.add(run.status().text);
            fields.add(run.note());
            csv.append(String.join(",", fields.stream().map(Report::csvField).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String number(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String csvField(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    // ---------------------------------------------------------------- Markdown

    String markdown() {
        Engine base = engines.get(baseline);
        StringBuilder md = new StringBuilder();
        md.append("# Engine comparison\n\n");
        md.append("Produced by one run of `").append(command).append("` on ").append(date())
                        .append(". Every number below was measured in that run; the raw runner output is in `raw/`.\n\n");
        md.append(checksumVerdict()).append("\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, String> fact : machineFacts().entrySet()) {
            md.append("| ").append(fact.getKey()).append(" | ").append(fact.getValue().replace("|", "\\|")).append(" |\n");
        }
        md.append("\n## Engines\n\n| engine | what runs | iterations | minimum time | time budget |\n|---|---|---|---|---|\n");
        for (Engine engine : engines.values()) {
            md.append("| ").append(engine.label()).append(" | ").append(engine.description()).append(" | ").append(engine.iterations())
                            .append(" | ").append(engine.minSeconds() > 0 ? engine.minSeconds() + " s" : "none")
                            .append(" | ").append(engine.budgetSeconds() > 0 ? engine.budgetSeconds() + " s" : "none").append(" |\n");
        }
        md.append("\nEach program runs in a fresh process per engine. A runner goes on past its iterations until the minimum time")
                        .append(" has passed since its start, so that the last half of a run, which the peak is taken from, comes after the")
                        .append(" warm-up even for programs with short iterations. The time budget stops a runner from starting another")
                        .append(" iteration once that much time has passed since its start.\n");

        md.append("\n## Peak time per iteration\n\nMilliseconds per `run()`: the median of the last half of the iterations. ")
                        .append("In parentheses the ratio to ").append(base.label()).append("; lower is better.\n\n");
        table(md, run -> OptionalDouble.of(run.measurement().peakMillis()), "–");
        md.append("\n## Time to first iteration\n\nMilliseconds from before reading the module file to the end of the first `run()`: ")
                        .append("read, parse and compile, instantiate, `_initialize`, `setup` and one `run()` (for native: `setup` and one `run()`). ")
                        .append("JVM and node start-up are not included, nor the engine start-up of the polyglot engines (next table). ")
                        .append("In parentheses the ratio to ").append(base.label()).append(".\n\n");
        table(md, run -> OptionalDouble.of(run.measurement().firstMillis()), "–");
        if (runs.stream().anyMatch(run -> run.measured() && run.measurement().startupMillis().isPresent())) {
            md.append("\n## Engine start-up (polyglot engines)\n\nMilliseconds to create the polyglot `Context` and initialize the ")
                            .append("language, before the module file is read: the Truffle engine, its compiler and the language's context. ")
                            .append("Once per process for an embedder, however many modules it runs; not part of the first iteration. ")
                            .append("\"–\" for engines without such a step. In parentheses the ratio to ").append(base.label()).append(".\n\n");
            table(md, run -> run.measurement().startupMillis(), "–");
        }
        md.append("\n## Time to steady state\n\nMilliseconds from the start (as above) until the first iteration from which on every ")
                        .append("iteration of the requested ones (the engine's iteration count; later iterations run only for the minimum time) took at most ")
                        .append(Math.round((Measurement.STEADY_TOLERANCE - 1) * 100))
                        .append("% longer than the peak time. \"not reached\" means the last requested iteration was still slower than that. ")
                        .append("In parentheses the ratio to ").append(base.label()).append(".\n\n");
        table(md, run -> run.measurement().steadyMillis(run.engine().iterations()), "not reached");
        if (runs.stream().anyMatch(run -> run.peakCpuMillis().isPresent())) {
            md.append("\n## Peak main-thread CPU time per iteration (JVM runners)\n\nA supplement to the peak time for the JVM ")
                            .append("engines, which report it: milliseconds of CPU time of the thread that calls `run()`, the median of the ")
                            .append("last half of the iterations. Unlike the wall time it leaves out the time the thread waited for a core ")
                            .append("while compiler threads, the GC or other processes ran; \"–\" for runners that do not report it. ")
                            .append("In parentheses the ratio to ").append(base.label()).append(".\n\n");
            table(md, Run::peakCpuMillis, "–");
        }
        md.append("\n## Iterations\n\nIterations run (first included); \"budget\" marks runs the time budget cut short; \"steady from\" ")
                        .append("the first steady iteration (counting from 1). For the JVM runners, \"N of the last M waited\" counts the ")
                        .append("iterations the peak is taken from whose main-thread CPU time was below ")
                        .append(Math.round(Measurement.WAITED_CPU_SHARE * 100))
                        .append("% of their wall time: the thread waited for a core (compiler or GC threads, other processes), ")
                        .append("so that peak is less trustworthy.\n\n");
        header(md);
        for (String program : programs) {
            md.append("| ").append(program);
            for (Engine engine : engines.values()) {
                Run run = find(program, engine.id());
                md.append(" | ");
                if (run == null) {
                    md.append("–");
                } else if (run.measurement() == null || run.status() == Status.FAILED) {
                    md.append(run.status().text);
                } else {
                    md.append(run.measurement().iterations());
                    if (run.cutByBudget()) {
                        md.append(" of ").append(engine.iterations()).append(" (budget)");
                    }
                    Measurement m = run.measurement();
                    OptionalInt steady = m.steadyIteration(engine.iterations());
                    if (steady.isPresent()) {
                        md.append(", steady from ").append(steady.getAsInt() + 1);
                    }
                    if (run.waited() > 0) {
                        md.append(", **").append(run.waited()).append(" of the last ").append(m.lastHalf()).append(" waited**");
                    }
                }
            }
            md.append(" |\n");
        }
        List<Run> unsupported = runs.stream().filter(run -> run.status() == Status.UNSUPPORTED).toList();
        if (!unsupported.isEmpty()) {
            md.append("\n## Not supported\n\nThese engines rejected these programs (while parsing, validating, compiling or ")
                            .append("instantiating them, or at an instruction they do not implement); the runs are no failures and have no ")
                            .append("numbers. In the engine's words:\n\n");
            for (Run run : unsupported) {
                md.append("- **").append(run.program()).append(" on ").append(run.engine().label()).append("** — ").append(run.note()).append('\n');
            }
        }
        List<Run> problems = runs.stream().filter(run -> run.status() != Status.OK && run.status() != Status.UNSUPPORTED).toList();
        if (!problems.isEmpty()) {
            md.append("\n## Problems\n\n");
            for (Run run : problems) {
                md.append("- **").append(run.program()).append(" on ").append(run.engine().label()).append(": ").append(run.status().text)
                                .append("**").append(run.note().isEmpty() ? "" : " — " + run.note()).append('\n');
            }
        }
        return md.toString();
    }

    private String checksumVerdict() {
        List<Run> mismatches = runs.stream().filter(run -> run.status() == Status.CHECKSUM_MISMATCH).toList();
        long failed = runs.stream().filter(run -> run.status() == Status.FAILED).count();
        long unchecked = runs.stream().filter(run -> run.status() == Status.NO_EXPECTED_CHECKSUM).count();
        long unsupported = runs.stream().filter(run -> run.status() == Status.UNSUPPORTED).count();
        StringBuilder verdict = new StringBuilder();
        if (!mismatches.isEmpty()) {
            verdict.append("> **CHECKSUM MISMATCH** in ").append(mismatches.size()).append(" run(s):");
            for (Run run : mismatches) {
                verdict.append("\n> - ").append(run.program()).append(" on ").append(run.engine().label()).append(": ").append(run.note());
            }
            verdict.append("\n\n");
        }
        if (failed > 0) {
            verdict.append("> **").append(failed).append(" run(s) failed**: see Problems below.\n\n");
        }
        if (unchecked > 0) {
            verdict.append("> **").append(unchecked).append(" run(s) could not be checked**: `checksums.txt` lacks their program.\n\n");
        }
        if (verdict.isEmpty() && runs.size() > unsupported) {
            verdict.append("Checksums: all ").append(runs.size() - unsupported).append(" runs returned the checksum in `checksums.txt`.\n\n");
        }
        if (unsupported > 0) {
            verdict.append(unsupported).append(" run(s) did not run: the engine does not support the program (see Not supported below).");
        }
        return verdict.toString().strip();
    }

    private void header(StringBuilder md) {
        md.append("| program |");
        for (Engine engine : engines.values()) {
            md.append(' ').append(engine.label()).append(" |");
        }
        md.append("\n|---|");
        md.append("---:|".repeat(engines.size()));
        md.append('\n');
    }

    /** One metric: a row per program (value and ratio to the baseline), then the geometric mean of the ratios. */
    private void table(StringBuilder md, Function<Run, OptionalDouble> metric, String absent) {
        header(md);
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (String program : programs) {
            Run baseRun = find(program, baseline);
            OptionalDouble baseValue = baseRun != null && baseRun.measured() ? metric.apply(baseRun) : OptionalDouble.empty();
            md.append("| ").append(program);
            for (Engine engine : engines.values()) {
                Run run = find(program, engine.id());
                md.append(" | ");
                if (run == null) {
                    md.append("–");
                    continue;
                }
                if (!run.measured()) {
                    md.append(run.status().text);
                    continue;
                }
                OptionalDouble value = metric.apply(run);
                if (value.isEmpty()) {
                    md.append(absent);
                    continue;
                }
                md.append(millis(value.getAsDouble()));
                if (baseValue.isPresent() && baseValue.getAsDouble() > 0) {
                    double ratio = value.getAsDouble() / baseValue.getAsDouble();
                    md.append(" (").append(ratio(ratio)).append(')');
                    ratios.computeIfAbsent(engine.id(), id -> new ArrayList<>()).add(ratio);
                }
            }
            md.append(" |\n");
        }
        md.append("| **geometric mean of ratios**");
        for (Engine engine : engines.values()) {
            List<Double> engineRatios = ratios.getOrDefault(engine.id(), List.of());
            md.append(" | ");
            if (engineRatios.isEmpty()) {
                md.append("–");
            } else {
                md.append("**").append(ratio(geometricMean(engineRatios))).append("**");
                if (engineRatios.size() < programs.size()) {
                    md.append(" (").append(engineRatios.size()).append(" of ").append(programs.size()).append(")");
                }
            }
        }
        md.append(" |\n");
    }

    static double geometricMean(List<Double> values) {
        return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }

    static String millis(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    static String ratio(double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%.0f×", ratio) : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** The machine facts: what this JVM sees of the machine, then the facts compare.sh passed. */
    Map<String, String> machineFacts() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        String memory = memory();
        if (!memory.isEmpty()) {
            machine.put("memory", memory);
        }
        machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.home") + ")");
        machine.putAll(facts);
        machine.put("date", date());
        return machine;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "";
    }

    /** A short text summary for the terminal: the peak table's geometric means and every problem. */
    String summary() {
        StringBuilder text = new StringBuilder("\n");
        text.append(String.format(Locale.ROOT, "%-14s", "program"));
        for (Engine engine : engines.values()) {
            text.append(String.format(Locale.ROOT, " %16s", engine.id()));
        }
        text.append("   (peak ms per run(); first-iteration ms in brackets)\n");
        for (String program : programs) {
            text.append(String.format(Locale.ROOT, "%-14s", program));
            for (Engine engine : engines.values()) {
                Run run = find(program, engine.id());
                String cell = run == null ? "-"
                                : run.measured() ? millis(run.measurement().peakMillis()) + " [" + millis(run.measurement().firstMillis()) + "]"
                                                : switch (run.status()) {
                                                    case CHECKSUM_MISMATCH -> "MISMATCH";
                                                    case UNSUPPORTED -> "unsupported";
                                                    default -> "FAILED";
                                                };
                text.append(String.format(Locale.ROOT, " %16s", cell));
            }
            text.append('\n');
        }
        for (Run run : runs) {
            if (run.status() == Status.UNSUPPORTED) {
                text.append("note: ").append(run.program()).append(" on ").append(run.engine().id()).append(": unsupported (")
                                .append(run.note()).append(")\n");
            } else if (run.status() != Status.OK) {
                text.append(run.status() == Status.CHECKSUM_MISMATCH ? "*** CHECKSUM MISMATCH: " : "*** ").append(run.program()).append(" on ")
                                .append(run.engine().id()).append(": ").append(run.status().text)
                                .append(run.note().isEmpty() ? "" : " (" + run.note() + ")").append('\n');
            }
            if (run.measured() && run.waited() > 0) {
                text.append("note: ").append(run.program()).append(" on ").append(run.engine().id()).append(": ").append(run.waited())
                                .append(" of the last ").append(run.measurement().lastHalf())
                                .append(" iterations waited for a core (main-thread CPU time < wall time)\n");
            }
            if (run.status() == Status.OK && run.cutByBudget()) {
                text.append("note: ").append(run.program()).append(" on ").append(run.engine().id()).append(": time budget cut it to ")
                                .append(run.measurement().iterations()).append(" of ").append(run.engine().iterations()).append(" iterations\n");
            }
        }
        return text.toString();
    }
}
