package dev.twasm.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Fuel ({@code wasm.Fuel}) in the baseline tier, which keeps it in a JVM local of each method
 * ({@link BaselineCompiler}, "Fuel"), is charged exactly as in the AST interpreter wherever the
 * local and the context's field must agree: calls in loops, a callee's exception caught in a
 * loop, an own throw caught after a loop, tail calls, a trap that leaves a callee and its caller
 * after loops (the next call of the host sees what they used), and a function split into region
 * methods with loops and calls inside its regions. Each scenario's exact cost is found in the
 * interpreter (the least fuel with which it runs through); the baseline tier must run it with
 * exactly that fuel and run out with one unit less.
 */
class BaselineFuelTest {
    private static final String PROGRAM = program();

    private static Engine interpreter;
    private static Engine baseline;

    private static String program() {
        StringBuilder big = new StringBuilder();
        // Large enough to be split into regions, with loops that call and loops that do not, and
        // traps between them (big(n) traps at the n-th).
        for (int k = 0; k < 300; k++) {
            big.append("""
                            (local.set $i (i32.const 3))
                            (loop $l
                              (local.set $a (i32.add (local.get $a) (call $spin (i32.add (local.get $i) (i32.const %d)))))
                              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                              (br_if $l (local.get $i)))
                            (local.set $i (i32.const 2))
                            (loop $m
                              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                              (br_if $m (local.get $i)))
                            """.formatted(k % 7));
            if (k % 50 == 49) {
                big.append("(if (i32.eq (local.get $n) (i32.const %d)) (then unreachable))\n".formatted(k / 50 + 1));
            }
        }
        return """
                        (module
                          (tag $e (param i32))
                          (func $spin (param $n i32) (result i32) (local $i i32)
                            (loop $l
                              (local.set $i (i32.add (local.get $i) (i32.const 1)))
                              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                            (local.get $i))
                          (func $spinThenThrow (param $n i32)
                            (drop (call $spin (local.get $n)))
                            (throw $e (local.get $n)))
                          (func $spinThenTrap (param $n i32)
                            (drop (call $spin (local.get $n)))
                            (loop $l
                              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                              (br_if $l (local.get $n)))
                            unreachable)
                          (func (export "calls") (param $n i32) (result i32) (local $s i32)
                            (loop $l
                              (local.set $s (i32.add (local.get $s) (call $spin (i32.const 5))))
                              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                              (br_if $l (local.get $n)))
                            (local.get $s))
                          (func (export "catches") (param $n i32) (result i32) (local $s i32) (local $k i32)
                            (loop $l
                              (local.set $s (i32.add (local.get $s)
                                (block $h (result i32)
                                  (try_table (catch $e $h) (call $spinThenThrow (i32.const 7)))
                                  (i32.const 0))))
                              (local.set $s (i32.add (local.get $s)
                                (block $h2 (result i32)
                                  (try_table (catch $e $h2)
                                    (local.set $k (i32.const 4))
                                    (loop $m
                                      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                                      (br_if $m (local.get $k)))
                                    (throw $e (i32.const 1)))
                                  (i32.const 0))))
                              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                              (br_if $l (local.get $n)))
                            (local.get $s))
                          (func $countdown (param $n i32) (result i32) (local $k i32)
                            (local.set $k (i32.const 3))
                            (loop $l
                              (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                              (br_if $l (local.get $k)))
                            (if (result i32) (i32.eqz (local.get $n))
                              (then (i32.const 0))
                              (else (return_call $countdown (i32.sub (local.get $n) (i32.const 1))))))
                          (func (export "tail") (param $n i32) (result i32) (call $countdown (local.get $n)))
                          (func (export "traps") (param $n i32)
                            (loop $l
                              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                              (br_if $l (local.get $n)))
                            (call $spinThenTrap (i32.const 20)))
                          (func (export "big") (param $n i32) (result i32) (local $a i32) (local $i i32)
                          %s
                            (local.get $a))
                          (func (export "answer") (result i32) (i32.const 42)))
                        """.formatted(big);
    }

    @BeforeAll
    static void engines() {
        interpreter = engine(Map.of("wasm.Baseline", "false"));
        baseline = engine(Map.of("wasm.Baseline", "true", "wasm.BaselineThreshold", Long.toString(Long.MAX_VALUE),
                        "wasm.BaselineStrict", "true"));
    }

    @AfterAll
    static void close() {
        interpreter.close();
        baseline.close();
    }

    private static Engine engine(Map<String, String> options) {
        return Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).option("engine.WarnInterpreterOnly", "false").build();
    }

    /** Whether {@code scenario} runs through on {@code engine} with {@code fuel}; false when it ran out of fuel. */
    private static boolean runs(Engine engine, long fuel, Consumer<Value> scenario) {
        try (Context context = Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true).option("wasm.Fuel", Long.toString(fuel)).build()) {
            Value exports = context.eval("wasm", PROGRAM).newInstance().getMember("exports");
            try {
                scenario.accept(exports);
                return true;
            } catch (PolyglotException e) {
                assertEquals("all fuel consumed", e.getMessage());
                return false;
            }
        }
    }

    /** The least fuel with which {@code scenario} runs through in the interpreter. */
    private static long exactCost(Consumer<Value> scenario) {
        long high = 1;
        while (!runs(interpreter, high, scenario)) {
            high *= 2;
        }
        long low = high / 2; // runs out with low (or low is 0)
        while (high - low > 1) {
            long mid = (low + high) / 2;
            if (runs(interpreter, mid, scenario)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private static void assertChargedAsInTheInterpreter(Consumer<Value> scenario) {
        long cost = exactCost(scenario);
        assertTrue(cost > 100, "cost " + cost);
        assertTrue(runs(baseline, cost, scenario), "the baseline tier ran out with the interpreter's exact cost " + cost);
        assertFalse(runs(baseline, cost - 1, scenario), "the baseline tier ran through with one unit less than " + cost);
    }

    /** Runs {@code export(argument)} and expects it to trap with {@code message}. */
    private static void trapping(Value exports, String export, int argument, String message) {
        try {
            exports.getMember(export).execute(argument);
        } catch (PolyglotException e) {
            if (e.getMessage().equals("all fuel consumed")) {
                throw e;
            }
            assertEquals(message, e.getMessage());
            return;
        }
        throw new AssertionError(export + " did not trap");
    }

    @Test
    void callsInALoop() {
        assertChargedAsInTheInterpreter(exports -> assertEquals(250, exports.getMember("calls").execute(50).asInt()));
    }

    @Test
    void exceptionsCaughtInALoop() {
        assertChargedAsInTheInterpreter(exports -> assertEquals(8 * 20, exports.getMember("catches").execute(20).asInt()));
    }

    @Test
    void tailCalls() {
        assertChargedAsInTheInterpreter(exports -> assertEquals(0, exports.getMember("tail").execute(40).asInt()));
    }

    @Test
    void aTrapKeepsWhatTheCodeItLeftUsed() {
        assertChargedAsInTheInterpreter(exports -> {
            trapping(exports, "traps", 30, "unreachable");
            assertEquals(42, exports.getMember("answer").execute().asInt());
        });
    }

    @Test
    void regionsWithLoopsAndCalls() {
        assertChargedAsInTheInterpreter(exports -> {
            int result = exports.getMember("big").execute(0).asInt();
            assertTrue(result > 0);
            trapping(exports, "big", 3, "unreachable");
            assertEquals(42, exports.getMember("answer").execute().asInt());
        });
    }
}
