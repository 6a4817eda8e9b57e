package dev.twasm.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The runner protocol of the benchmark programs ({@code docs/performance.md}), shared by the JVM
 * runners: times the first iteration from before reading the module file to after the first
 * {@code run()} returned (read, parse/compile, instantiate, {@code _initialize}, {@code setup}, first
 * run), then every further {@code run()} alone, and prints
 *
 * <pre>
 * startup_ms=&lt;float&gt;          (only for engines with a start-up step, see {@link Loader#start})
 * first_iteration_ms=&lt;float&gt;
 * iteration_ms=&lt;float&gt;        (one line per further run)
 * checksum=&lt;unsigned 32-bit decimal&gt;
 * </pre>
 *
 * <p>A minimum time in milliseconds in the environment variable {@value #MIN_TIME_VARIABLE} makes the
 * runner go on past the requested iterations until that much time has passed since the start, so
 * that a program with short iterations still runs long enough for a compiling engine to finish its
 * warm-up before the last half of the iterations, which the peak is taken from.
 *
 * <p>A time budget in milliseconds in the environment variable {@value #BUDGET_VARIABLE} stops the
 * runner from starting another iteration once that much time has passed since the start; it then
 * prints fewer iteration lines, which the comparison reports as cut short. Every {@code run()} must
 * return the first one's checksum; otherwise the runner says so on stderr and exits with status 2.
 * At the end the runner writes the main thread's CPU time per iteration to stderr, a diagnostic: an
 * iteration that took much longer than its CPU time waited for a core.
 *
 * <p>When the engine does not support the program, the loader (or the {@code run} function it
 * returned) throws {@link Unsupported}; the runner then prints {@code unsupported=<reason>} instead
 * of the remaining protocol lines and exits with status {@value #UNSUPPORTED_STATUS}, which the
 * comparison reports as "unsupported" rather than as a failure. A runner throws it only for the
 * engine's own refusal of a valid module (it rejected it while parsing, validating, compiling or
 * instantiating it, or it stopped at an instruction it does not implement), never for a trap, a
 * wrong result or an internal error of the engine.
 *
 * <p>The work runs on a thread with a {@value #STACK_MEGABYTES} MB stack, as the {@code wasm}
 * launcher's guest thread does: the JVM's default 1 MB is too small for deep Wasm recursion on
 * any JVM engine, whose Wasm frames are several JVM frames each.
 */
public final class RunnerProtocol {
    /** The environment variable holding the optional time budget in milliseconds. */
    public static final String BUDGET_VARIABLE = "BENCH_TIME_BUDGET_MS";
    /** The environment variable holding the optional minimum run time in milliseconds. */
    public static final String MIN_TIME_VARIABLE = "BENCH_MIN_TIME_MS";
    /** The stack size of the thread that runs the program. */
    public static final int STACK_MEGABYTES = 1024;
    /** The exit status of a runner whose engine does not support the program ({@link Unsupported}). */
    public static final int UNSUPPORTED_STATUS = 4;
    /** The protocol line (on stdout) that gives the reason of an {@link Unsupported} run. */
    public static final String UNSUPPORTED_LINE = "unsupported=";

    /**
     * The engine does not support the program: it rejected the module or stopped at an instruction
     * it does not implement (see the class comment). Unchecked, so that a {@code run} function can
     * throw it too.
     */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** {@code reason}: what the engine said, e.g. its exception message. */
        public Unsupported(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Loads a program as far as the point where {@code run()} can be called. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Parses or compiles {@code module}, instantiates it, calls {@code _initialize} and
         * {@code setup}, and returns the program's {@code run} export.
         */
        IntSupplier load(byte[] module, String name) throws Exception;

        /**
         * Starts the engine's runtime before the module file is read, and returns whether there was
         * such a step: for the polyglot engines, creating the {@code Context} (the Truffle engine, its
         * compiler and the language). It is timed apart from the first iteration and reported as
         * {@code startup_ms}, like the JVM's and node's own start-up, which no runner counts.
         */
        default boolean start() throws Exception {
            return false;
        }
    }

    private RunnerProtocol() {
    }

    /** Runs {@code file} for {@code iterations} iterations with {@code loader}, printing the protocol to stdout. */
    public static void execute(Path file, int iterations, Loader loader) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                measure(file, iterations, loader);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "benchmark", STACK_MEGABYTES * 1024L * 1024L);
        worker.start();
        worker.join();
        if (failure[0] instanceof Unsupported unsupported) {
            String reason = oneLine(unsupported.getMessage());
            System.out.println(UNSUPPORTED_LINE + reason);
            System.out.flush();
            System.err.println("runner: the engine does not support this program: " + reason);
            System.exit(UNSUPPORTED_STATUS);
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    private static void measure(Path file, int iterations, Loader loader) throws Exception {
        PrintStream out = System.out;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder cpu = new StringBuilder();
        long budgetNanos = nanosFromMillisVariable(BUDGET_VARIABLE, Long.MAX_VALUE);
        long minNanos = nanosFromMillisVariable(MIN_TIME_VARIABLE, 0);
        long startupStart = System.nanoTime();
        if (loader.start()) {
            out.println("startup_ms=" + millis(System.nanoTime() - startupStart));
        }
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        IntSupplier run = loader.load(Files.readAllBytes(file), file.getFileName().toString());
        int checksum = run.getAsInt();
        long firstEnd = System.nanoTime();
        cpu.append(millis(threads.getCurrentThreadCpuTime() - startCpu));
        out.println("first_iteration_ms=" + millis(firstEnd - start));
        out.flush();
        for (int i = 1; i < iterations || System.nanoTime() - start < minNanos; i++) {
            if (System.nanoTime() - start >= budgetNanos) {
                System.err.printf(Locale.ROOT, "runner: time budget of %d ms used up after %d of %d iterations%n",
                                budgetNanos / 1_000_000, i, iterations);
                break;
            }
            long iterationCpu = threads.getCurrentThreadCpuTime();
            long iterationStart = System.nanoTime();
            int result = run.getAsInt();
            long iterationEnd = System.nanoTime();
            cpu.append(' ').append(millis(threads.getCurrentThreadCpuTime() - iterationCpu));
            out.println("iteration_ms=" + millis(iterationEnd - iterationStart));
            out.flush();
            if (result != checksum) {
                System.err.printf("runner: run() %d returned %s, the first returned %s%n", i + 1,
                                Integer.toUnsignedString(result), Integer.toUnsignedString(checksum));
                System.exit(2);
            }
        }
        out.println("checksum=" + Integer.toUnsignedString(checksum));
        out.flush();
        // A diagnostic beside the protocol: an iteration whose wall time is well above the main
        // thread's CPU time waited for a core (compiler threads, GC, other processes).
        System.err.println("runner: main-thread CPU ms per iteration: " + cpu);
    }

    /** Parses the iteration count argument, exiting with a usage message when it is not a positive number. */
    public static int iterations(String argument, String usage) {
        try {
            int iterations = Integer.parseInt(argument);
            if (iterations >= 1) {
                return iterations;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("usage: " + usage + " (iterations must be a number >= 1, not '" + argument + "')");
        System.exit(64);
        return 0;
    }

    /** Checks that the module file exists, exiting with a usage message when it does not. */
    public static Path existingFile(String argument, String usage) {
        Path file = Path.of(argument);
        if (!Files.isRegularFile(file)) {
            System.err.println("runner: no such file: " + argument + "\nusage: " + usage);
            System.exit(64);
        }
        return file;
    }

    private static long nanosFromMillisVariable(String variable, long absent) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Math.multiplyExact(Long.parseLong(value.trim()), 1_000_000L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(variable + " must be a whole number of milliseconds, not '" + value + "'", e);
        }
    }

    /** {@code text} on one line, at most 300 characters: the reason of an {@code unsupported=} line. */
    static String oneLine(String text) {
        String line = text == null || text.isBlank() ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", " / ");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
