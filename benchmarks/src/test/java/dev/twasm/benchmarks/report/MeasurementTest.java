package dev.twasm.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeasurementTest {
    private static Measurement of(double... times) {
        return new Measurement(times, java.util.OptionalLong.of(1));
    }

    @Test
    void parsesTheRunnerProtocol() {
        Measurement m = Measurement.parse(List.of("first_iteration_ms=812.5", "iteration_ms=20.25", "noise the protocol ignores",
                        "iteration_ms=19.75", "checksum=4294967295"));
        assertArrayEquals(new double[] {812.5, 20.25, 19.75}, m.times());
        assertEquals(4294967295L, m.checksum().getAsLong());
        assertEquals(3, m.iterations());
        assertEquals(852.5, m.totalMillis(), 1e-9);
    }

    @Test
    void theEngineStartUpIsOptionalAndKeptApart() {
        Measurement polyglot = Measurement.parse(List.of("startup_ms=640", "first_iteration_ms=90", "checksum=7"));
        assertEquals(640.0, polyglot.startupMillis().getAsDouble(), 1e-9);
        assertEquals(90.0, polyglot.firstMillis(), 1e-9);
        assertEquals(true, Measurement.parse(List.of("first_iteration_ms=90")).startupMillis().isEmpty());
    }

    @Test
    void outputWithoutAFirstIterationIsNoMeasurement() {
        assertThrows(IllegalArgumentException.class, () -> Measurement.parse(List.of("iteration_ms=1", "checksum=3")));
        assertThrows(IllegalArgumentException.class, () -> Measurement.parse(List.of("first_iteration_ms=fast")));
    }

    @Test
    void aMissingChecksumLineIsReportedAsAbsent() {
        assertEquals(true, Measurement.parse(List.of("first_iteration_ms=5")).checksum().isEmpty());
    }

    @Test
    void peakIsTheMedianOfTheLastHalf() {
        assertEquals(7, of(7).peakMillis());
        assertEquals(5, of(100, 5).peakMillis());
        // n = 4: iterations 2 and 3
        assertEquals(11, of(100, 50, 12, 10).peakMillis());
        // n = 5: iterations 2, 3, 4
        assertEquals(10, of(100, 50, 10, 30, 9).peakMillis());
    }

    @Test
    void steadyStateBeginsAtTheFirstIterationFromWhichAllStayWithinTenPercentOfPeak() {
        Measurement m = of(100, 50, 12, 10, 10, 11, 10, 10);
        assertEquals(10, m.peakMillis());
        assertEquals(OptionalInt.of(3), m.steadyIteration());
        assertEquals(OptionalDouble.of(162), m.steadyMillis());
    }

    @Test
    void steadyStateIsJudgedWithinTheRequestedIterationsAgainstTheWholeRunsPeak() {
        // Four requested iterations, then more for the minimum run time; a slow one late in the run.
        Measurement m = of(100, 50, 10, 10, 10, 10, 10, 10, 30, 10, 10);
        assertEquals(OptionalInt.of(2), m.steadyIteration(4));
        assertEquals(OptionalDouble.of(150), m.steadyMillis(4));
        assertEquals(OptionalInt.of(9), m.steadyIteration());
        // Not steady within the window: its last requested iteration is still slow.
        assertEquals(OptionalInt.empty(), of(100, 50, 30, 25, 10, 10, 10, 10).steadyIteration(4));
    }

    @Test
    void anEngineSteadyFromTheSecondIterationReachesSteadyStateAfterTheFirst() {
        Measurement m = of(40, 10, 10, 10);
        assertEquals(OptionalInt.of(1), m.steadyIteration());
        assertEquals(OptionalDouble.of(40), m.steadyMillis());
    }

    @Test
    void aSlowLastIterationMeansSteadyStateWasNotReached() {
        Measurement m = of(100, 10, 10, 10, 10, 12);
        assertEquals(OptionalInt.empty(), m.steadyIteration());
        assertEquals(OptionalDouble.empty(), m.steadyMillis());
        assertEquals(OptionalInt.empty(), of(5).steadyIteration());
    }

    @Test
    void iterationsWhoseThreadHadTheCpuForLessThanEightyPercentOfTheirTimeWaited() {
        Measurement m = of(100, 10, 10, 10, 10);
        assertEquals(3, m.lastHalf());
        assertEquals(1, m.waitedInLastHalf(new double[] {50, 1, 10, 7.9, 8}));
        assertEquals(-1, m.waitedInLastHalf(new double[] {50, 1}));
        assertEquals(-1, m.waitedInLastHalf(null));
    }

    @Test
    void readsTheCpuTimesFromTheRunnersStderr() {
        assertArrayEquals(new double[] {812.5, 20, 19.75},
                        Measurement.cpuMillis(List.of("runner: something", "runner: main-thread CPU ms per iteration: 812.5 20 19.75")));
        assertEquals(null, Measurement.cpuMillis(List.of("no such line")));
    }
}
