package dev.twasm.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one runner printed under the runner protocol, and the statistics the comparison derives from
 * it. {@code times[0]} is the first iteration (read, compile, instantiate, {@code _initialize},
 * {@code setup} and the first {@code run()}), {@code times[i]} for {@code i >= 1} one further
 * {@code run()} each; all in milliseconds. {@code startupMillis} is the engine start-up the runner
 * timed apart, before reading the module (only the polyglot runners have one: creating the context).
 *
 * <ul>
 * <li><b>peak</b>: the median of the last half of the iterations (iterations {@code n/2 .. n-1},
 * counting from 0; the first iteration only when it is the only one);</li>
 * <li><b>steady state</b>: the first iteration {@code k >= 1} from which on every iteration of the
 * warm-up window took at most {@value #STEADY_TOLERANCE} times the peak; the time to steady state is
 * the time from the start until that iteration began, {@code times[0] + ... + times[k-1]}. Not
 * reached when even the window's last iteration was slower than that. The window is the iterations
 * the comparison asked for ({@link #steadyIteration(int)}); a runner that goes on past them for its
 * minimum run time does so for the peak, and its later iterations are not judged: over a long run
 * the last slow iteration is set by whatever else the machine did (on the 2-core VM, engines without
 * any warm-up had their "steady state" 10-15 s into 15-s runs).</li>
 * </ul>
 */
public record Measurement(double[] times, OptionalLong checksum, OptionalDouble startupMillis) {
    /** An iteration counts as steady when it takes at most this times the peak (within 10%). */
    public static final double STEADY_TOLERANCE = 1.10;

    /** A measurement without an engine start-up step. */
    public Measurement(double[] times, OptionalLong checksum) {
        this(times, checksum, OptionalDouble.empty());
    }

    /** Parses a runner's standard output; fails when it has no {@code first_iteration_ms} line. */
    public static Measurement parse(List<String> lines) {
        Double first = null;
        List<Double> further = new ArrayList<>();
        OptionalLong checksum = OptionalLong.empty();
        OptionalDouble startup = OptionalDouble.empty();
        for (String raw : lines) {
            String line = raw.strip();
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1).strip();
            try {
                switch (key) {
                    case "startup_ms" -> startup = OptionalDouble.of(Double.parseDouble(value));
                    case "first_iteration_ms" -> first = Double.parseDouble(value);
                    case "iteration_ms" -> further.add(Double.parseDouble(value));
                    case "checksum" -> checksum = OptionalLong.of(Integer.toUnsignedLong(Integer.parseUnsignedInt(value)));
                    default -> {
                        // other output is not part of the protocol
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad protocol line '" + line + "'", e);
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("no first_iteration_ms line");
        }
        double[] times = new double[1 + further.size()];
        times[0] = first;
        for (int i = 0; i < further.size(); i++) {
            times[i + 1] = further.get(i);
        }
        return new Measurement(times, checksum, startup);
    }

    /** The number of iterations, the first included. */
    public int iterations() {
        return times.length;
    }

    public double firstMillis() {
        return times[0];
    }

    /** The sum of all iteration times. */
    public double totalMillis() {
        return Arrays.stream(times).sum();
    }

    /** The median of the last half of the iterations. */
    public double peakMillis() {
        return medianOfLastHalf(times);
    }

    /** The median of the last half of {@code values} (all of them when there is only one). */
    public static double medianOfLastHalf(double[] values) {
        int n = values.length;
        double[] lastHalf = Arrays.copyOfRange(values, n == 1 ? 0 : n / 2, n);
        Arrays.sort(lastHalf);
        int middle = lastHalf.length / 2;
        return lastHalf.length % 2 == 1 ? lastHalf[middle] : (lastHalf[middle - 1] + lastHalf[middle]) / 2;
    }

    /**
     * How many iterations of the last half (those the peak is taken from) waited for a core: their
     * main-thread CPU time, as JVM runners report it on stderr, was below {@value #WAITED_CPU_SHARE}
     * of their wall time. {@code -1} when {@code cpuMillis} does not match the iterations.
     */
    public int waitedInLastHalf(double[] cpuMillis) {
        if (cpuMillis == null || cpuMillis.length != times.length) {
            return -1;
        }
        int waited = 0;
        for (int i = times.length == 1 ? 0 : times.length / 2; i < times.length; i++) {
            if (cpuMillis[i] < WAITED_CPU_SHARE * times[i]) {
                waited++;
            }
        }
        return waited;
    }

    /** The number of iterations the peak is the median of. */
    public int lastHalf() {
        return times.length == 1 ? 1 : times.length - times.length / 2;
    }

    /** Reads the JVM runners' per-iteration CPU times from their stderr, or {@code null} when there are none. */
    public static double[] cpuMillis(List<String> stderr) {
        for (String line : stderr) {
            if (line.startsWith(CPU_LINE)) {
                try {
                    return Arrays.stream(line.substring(CPU_LINE.length()).strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The start of the stderr line in which the JVM runners report CPU times (see RunnerProtocol). */
    static final String CPU_LINE = "runner: main-thread CPU ms per iteration:";

    /** An iteration whose main-thread CPU time is below this share of its wall time waited for a core. */
    public static final double WAITED_CPU_SHARE = 0.8;

    /** The index (from 0) of the first iteration from which on all are steady, if any. */
    public OptionalInt steadyIteration() {
        return steadyIteration(Integer.MAX_VALUE);
    }

    /**
     * The index (from 0) of the first iteration from which on all of the first {@code window}
     * iterations are steady, if any; the peak they are compared with is the whole run's.
     */
    public OptionalInt steadyIteration(int window) {
        double limit = STEADY_TOLERANCE * peakMillis();
        int end = Math.min(window, times.length);
        int k = end;
        while (k > 1 && times[k - 1] <= limit) {
            k--;
        }
        return k < end ? OptionalInt.of(k) : OptionalInt.empty();
    }

    /** The time from the start until the steady iterations began, if they did. */
    public OptionalDouble steadyMillis() {
        return steadyMillis(Integer.MAX_VALUE);
    }

    /** {@link #steadyMillis()} within the first {@code window} iterations ({@link #steadyIteration(int)}). */
    public OptionalDouble steadyMillis(int window) {
        OptionalInt k = steadyIteration(window);
        return k.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(times, 0, k.getAsInt()).sum());
    }
}
