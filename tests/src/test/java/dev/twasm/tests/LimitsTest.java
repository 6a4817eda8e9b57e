package dev.twasm.tests;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits for untrusted code, in every engine configuration: fuel ({@code wasm.Fuel}) charged
 * exactly by the cost rule and stopping infinite loops, the deadline ({@code wasm.Timeout})
 * stopping them within a second after it, cancellation ({@code Context.close(true)},
 * {@code Context.interrupt}) stopping them within a second after the call, and the caps on a
 * context's memories and tables ({@code wasm.MaxContextMemory}, {@code wasm.MaxContextTableElements}).
 * After each, the same engine runs a new context, and after fuel and deadline traps the same
 * context still answers host calls. In the compiled configuration every function is compiled on
 * its first call, so the infinite loops run as Graal-compiled code.
 */
class LimitsTest {
    private static final String PROGRAM = """
                    (module
                      (memory (export "mem") 1)
                      (func (export "spin") (loop $l (br $l)))
                      (func (export "work") (local $i i32)
                        (loop $l
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (i32.store (i32.const 0) (local.get $i))
                          (br $l)))
                      (func $callee (local $i i64)
                        (loop $l
                          (local.set $i (i64.mul (local.get $i) (i64.const 3)))
                          (br_if $l (i32.const 1))))
                      (func (export "callsSpin") (call $callee))
                      ;; A function with v128 values: its loops run without on-stack replacement (a plain loop).
                      (func (export "vectorSpin") (local $v v128)
                        (loop $l
                          (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 2 3 4)))
                          (br $l)))
                      ;; No loop at all: a tail call to itself forever.
                      (func $tail (return_call $tail))
                      (func (export "tailSpin") (call $tail))
                      ;; Cost 3 on entry (loop, its end, the function's end), 6 per iteration.
                      (func (export "count") (param $n i32)
                        (loop $l
                          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                          (br_if $l (local.get $n))))
                      ;; Cost 5 on entry, 10 per outer iteration, 6 per inner one, 1 for the loop no branch targets.
                      (func (export "nested") (param $n i32) (local $j i32)
                        (loop $outer
                          (local.set $j (i32.const 3))
                          (loop $inner
                            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                            (br_if $inner (local.get $j)))
                          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                          (br_if $outer (local.get $n)))
                        (loop (nop)))
                      (func (export "answer") (result i32) (i32.const 42)))
                    """;

    /**
     * The infinite loops: a bare one, one with arithmetic and a memory store, one in a callee, one
     * in a function with vectors, and endless tail calls.
     */
    private static final String[] LOOPS = {"spin", "work", "callsSpin", "vectorSpin", "tailSpin"};

    /** A second of slack after the limit, as the issue allows. */
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);

    static Stream<Arguments> configurationsAndLoops() {
        return Stream.of(EngineConfiguration.values()).flatMap(c -> Stream.of(LOOPS).map(loop -> Arguments.of(c, loop)));
    }

    private static Context context(Engine engine, String... options) {
        Context.Builder builder = Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true);
        for (int i = 0; i < options.length; i += 2) {
            builder.option(options[i], options[i + 1]);
        }
        return builder.build();
    }

    private static Value exports(Context context, String program) {
        Value module = context.eval(Source.create("wasm", program));
        return module.newInstance().getMember("exports");
    }

    /** A new context of {@code engine} still runs Wasm. */
    private static void assertEngineUsable(Engine engine, String... options) {
        try (Context fresh = context(engine, options)) {
            assertEquals(42, exports(fresh, PROGRAM).getMember("answer").execute().asInt());
        }
    }

    // ---- fuel ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void fuelIsChargedExactlyByTheCostRule(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine()) {
            int n = 100;
            try (Context enough = context(engine, "wasm.Fuel", Long.toString(3 + 6L * n))) {
                Value exports = exports(enough, PROGRAM);
                exports.getMember("count").execute(n);
                // The fuel is now exactly used up: the next call (cost 2) traps.
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("answer").execute());
                assertEquals("all fuel consumed", e.getMessage());
            }
            try (Context oneLess = context(engine, "wasm.Fuel", Long.toString(2 + 6L * n))) {
                Value exports = exports(oneLess, PROGRAM);
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("count").execute(n));
                assertTrue(e.isGuestException());
                assertEquals("all fuel consumed", e.getMessage());
            }
            try (Context nested = context(engine, "wasm.Fuel", Long.toString(6 + 28L * n))) {
                exports(nested, PROGRAM).getMember("nested").execute(n);
            }
            try (Context nested = context(engine, "wasm.Fuel", Long.toString(5 + 28L * n))) {
                Value exports = exports(nested, PROGRAM);
                assertEquals("all fuel consumed", assertThrows(PolyglotException.class, () -> exports.getMember("nested").execute(n)).getMessage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configurationsAndLoops")
    void fuelStopsAnInfiniteLoop(EngineConfiguration configuration, String loop) {
        try (Engine engine = configuration.createEngine()) {
            try (Context context = context(engine, "wasm.Fuel", "5000000")) {
                Value exports = exports(context, PROGRAM);
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember(loop).execute());
                assertTrue(e.isGuestException());
                assertEquals("all fuel consumed", e.getMessage());
                // The exhausted context still answers host calls, and keeps trapping in Wasm.
                assertEquals(65536, exports.getMember("mem").getBufferSize());
                assertEquals("all fuel consumed", assertThrows(PolyglotException.class, () -> exports.getMember("answer").execute()).getMessage());
            }
            assertEngineUsable(engine, "wasm.Fuel", "1000");
            assertEngineUsable(engine);
        }
    }

    // ---- deadline ------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("configurationsAndLoops")
    void deadlineStopsAnInfiniteLoop(EngineConfiguration configuration, String loop) {
        long timeoutMillis = 300;
        try (Engine engine = configuration.createEngine()) {
            try (Context context = context(engine, "wasm.Timeout", timeoutMillis + "ms")) {
                Value exports = exports(context, PROGRAM);
                long start = System.nanoTime();
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember(loop).execute());
                long late = System.nanoTime() - start - TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                assertTrue(e.isGuestException());
                assertEquals("deadline exceeded", e.getMessage());
                assertTrue(late < SLACK_NANOS, "stopped " + late / 1_000_000 + " ms after the deadline");
                // The context stays usable: host reads, and a new call with a deadline of its own.
                assertEquals(65536, exports.getMember("mem").getBufferSize());
                assertEquals(42, exports.getMember("answer").execute().asInt());
            }
            assertEngineUsable(engine, "wasm.Timeout", "10s");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void deadlineStopsAStartFunction(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = context(engine, "wasm.Timeout", "200ms")) {
            Value module = context.eval(Source.create("wasm", "(module (func $s (loop $l (br $l))) (start $s))"));
            PolyglotException e = assertThrows(PolyglotException.class, module::newInstance);
            assertTrue(e.isGuestException());
            assertEquals("deadline exceeded", e.getMessage());
            assertEquals(42, exports(context, PROGRAM).getMember("answer").execute().asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void callsWithinTheDeadlineAreNotDisturbedByEarlierOnes(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = context(engine, "wasm.Timeout", "100ms")) {
            Value exports = exports(context, PROGRAM);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            int calls = 0;
            // Many short calls, across several deadlines' worth of time: none of their tasks hits a later call.
            while (System.nanoTime() < until) {
                exports.getMember("count").execute(1000);
                calls++;
            }
            assertTrue(calls > 0);
        }
    }

    // ---- cancellation --------------------------------------------------------------------------

    /**
     * Runs the infinite loop {@code loop} on another thread, calls {@code stop} after 300 ms, and
     * asserts that the loop ended within a second after that call with an exception that
     * {@code kind} accepts.
     */
    private static void assertStopsWithinASecond(Value exports, String loop, java.util.function.Predicate<PolyglotException> kind,
                    ThrowingRunnable stop) throws Exception {
        CompletableFuture<Long> stopped = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                exports.getMember(loop).execute();
                stopped.completeExceptionally(new AssertionError("the loop returned"));
            } catch (PolyglotException e) {
                if (kind.test(e)) {
                    stopped.complete(System.nanoTime());
                } else {
                    stopped.completeExceptionally(e);
                }
            }
        });
        runner.start();
        Thread.sleep(300);
        long called = System.nanoTime();
        stop.run();
        long late = stopped.get(10, TimeUnit.SECONDS) - called;
        assertTrue(late < SLACK_NANOS, "stopped " + late / 1_000_000 + " ms after the call");
        runner.join(10_000);
        assertFalse(runner.isAlive());
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @ParameterizedTest
    @MethodSource("configurationsAndLoops")
    void closeFromAnotherThreadStopsAnInfiniteLoop(EngineConfiguration configuration, String loop) throws Exception {
        try (Engine engine = configuration.createEngine()) {
            Context context = context(engine);
            assertStopsWithinASecond(exports(context, PROGRAM), loop, PolyglotException::isCancelled, () -> context.close(true));
            assertEngineUsable(engine);
        }
    }

    @ParameterizedTest
    @MethodSource("configurationsAndLoops")
    void interruptStopsAnInfiniteLoop(EngineConfiguration configuration, String loop) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = context(engine)) {
            Value exports = exports(context, PROGRAM);
            assertStopsWithinASecond(exports, loop, PolyglotException::isInterrupted, () -> context.interrupt(Duration.ofSeconds(10)));
            // The interrupted context runs Wasm again.
            assertEquals(42, exports.getMember("answer").execute().asInt());
        }
    }

    // ---- memory and table caps -----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void memoryCapFailsCreationAndGrow(EngineConfiguration configuration) {
        String grower = """
                        (module
                          (memory (export "mem") 1)
                          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                        """;
        try (Engine engine = configuration.createEngine(); Context context = context(engine, "wasm.MaxContextMemory", "196608")) {
            Value exports = exports(context, grower);
            assertEquals(1, exports.getMember("grow").execute(1).asInt());
            // Two pages in use of three: a second instance's page fits, then nothing more.
            Value second = exports(context, grower);
            assertEquals(-1, second.getMember("grow").execute(1).asInt());
            assertEquals(-1, exports.getMember("grow").execute(1).asInt());
            assertEquals(131072, exports.getMember("mem").getBufferSize());
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, grower));
            assertTrue(e.isGuestException());
            assertEquals("memory limit of the context exceeded: 64 KiB requested, 192 KiB of 192 KiB in use (option wasm.MaxContextMemory)",
                            e.getMessage());
            PolyglotException big = assertThrows(PolyglotException.class, () -> exports(context, "(module (memory 16384))"));
            assertTrue(big.getMessage().startsWith("memory limit of the context exceeded: 1 GiB requested"), big.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void tableCapFailsCreationAndGrow(EngineConfiguration configuration) {
        String grower = """
                        (module
                          (table (export "t") 5 funcref)
                          (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
                        """;
        try (Engine engine = configuration.createEngine(); Context context = context(engine, "wasm.MaxContextTableElements", "12")) {
            Value exports = exports(context, grower);
            assertEquals(5, exports.getMember("grow").execute(5).asInt());
            assertEquals(-1, exports.getMember("grow").execute(3).asInt());
            assertEquals(10, exports.getMember("t").getArraySize());
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, grower));
            assertTrue(e.isGuestException());
            assertEquals("table limit of the context exceeded: 5 elements requested, 10 of 12 elements in use "
                            + "(option wasm.MaxContextTableElements)", e.getMessage());
            assertEquals(10, exports.getMember("grow").execute(2).asInt());
        }
    }

    @Test
    void memoriesWithoutACapAreNotLimited() {
        try (Context context = Context.newBuilder("wasm").build()) {
            Value exports = exports(context, "(module (memory 1) (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))");
            assertEquals(1, exports.getMember("grow").execute(100).asInt());
        }
    }

    @Test
    void badTimeoutIsAnOptionError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Context.newBuilder("wasm").allowExperimentalOptions(true).option("wasm.Timeout", "abc").build());
        assertTrue(e.getMessage().contains("wasm.Timeout") && e.getMessage().contains("'abc' is not a duration"), e.getMessage());
    }
}
