package dev.twasm.tests;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wasm 3.0 tail calls ({@code return_call}, {@code return_call_indirect}, {@code return_call_ref}) run in constant Java
 * stack and at constant call depth, in every engine configuration: a million-deep mutual
 * recursion, far beyond the default {@code wasm.MaxCallDepth} of 10,000, returns its result,
 * directly, through a table, by function reference, across instances through an import and into a host function, while
 * the same recursion with plain {@code call} traps with "call stack exhausted".
 */
class TailCallTest {
    private static final int DEPTH = 1_000_000;

    private static final String RECURSION = """
                    (module
                      (type $pred (func (param i64) (result i32)))
                      (table $fns funcref (elem $evenIndirect $oddIndirect))

                      (func $even (export "even") (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 1))
                          (else (return_call $odd (i64.sub (local.get $n) (i64.const 1))))))
                      (func $odd (export "odd") (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 0))
                          (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))

                      ;; The same through the table: even is element 0, odd element 1.
                      (func $evenIndirect (export "evenIndirect") (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 1))
                          (else (return_call_indirect $fns (type $pred) (i64.sub (local.get $n) (i64.const 1)) (i32.const 1)))))
                      (func $oddIndirect (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 0))
                          (else (return_call_indirect $fns (type $pred) (i64.sub (local.get $n) (i64.const 1)) (i32.const 0)))))

                      ;; The same by function reference (return_call_ref, typed function references).
                      (elem declare func $evenRef $oddRef)
                      (func $evenRef (export "evenRef") (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 1))
                          (else (return_call_ref $pred (i64.sub (local.get $n) (i64.const 1)) (ref.func $oddRef)))))
                      (func $oddRef (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 0))
                          (else (return_call_ref $pred (i64.sub (local.get $n) (i64.const 1)) (ref.func $evenRef)))))

                      ;; The same with plain calls, whose frames nest.
                      (func $evenCall (export "evenCall") (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 1))
                          (else (call $oddCall (i64.sub (local.get $n) (i64.const 1))))))
                      (func $oddCall (param $n i64) (result i32)
                        (if (result i32) (i64.eqz (local.get $n))
                          (then (i32.const 0))
                          (else (call $evenCall (i64.sub (local.get $n) (i64.const 1))))))

                      ;; Two results and no result, through tail calls from a plain call.
                      (func $pair (param $n i64) (param $acc i64) (result i64 i64)
                        (if (result i64 i64) (i64.eqz (local.get $n))
                          (then (local.get $acc) (i64.const 7))
                          (else (return_call $pair (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))))
                      (func (export "sumPair") (param $n i64) (result i64)
                        (call $pair (local.get $n) (i64.const 0))
                        (i64.add))
                      (global $count (mut i64) (i64.const 0))
                      (func $countDown (param $n i64)
                        (global.set $count (i64.add (global.get $count) (i64.const 1)))
                        (if (i64.ne (local.get $n) (i64.const 0))
                          (then (return_call $countDown (i64.sub (local.get $n) (i64.const 1))))))
                      (func (export "count") (param $n i64) (result i64)
                        (global.set $count (i64.const 0))
                        (call $countDown (local.get $n))
                        (global.get $count))

                      ;; A trap in a function reached by tail calls.
                      (func $fail (param $n i64) (result i32)
                        (if (i64.eqz (local.get $n)) (then (unreachable)))
                        (return_call $fail (i64.sub (local.get $n) (i64.const 1))))
                      (func (export "failAfter") (param $n i64) (result i32)
                        (i32.add (call $fail (local.get $n)) (i32.const 1))))
                    """;

    /** Counts down by tail calls to itself, then tail-calls the imported {@code done}. */
    private static final String COUNTER = """
                    (module
                      (import "env" "done" (func $done (param i64) (result i64)))
                      (func $down (export "down") (param $n i64) (param $acc i64) (result i64)
                        (if (result i64) (i64.eqz (local.get $n))
                          (then (return_call $done (local.get $acc)))
                          (else (return_call $down (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 2)))))))
                    """;

    /** Tail-calls the imported {@code down} of another instance. */
    private static final String CALLER = """
                    (module
                      (import "counter" "down" (func $down (param i64 i64) (result i64)))
                      (func (export "start") (param $n i64) (result i64)
                        (return_call $down (local.get $n) (i64.const 0))))
                    """;

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void mutualTailRecursionRunsInConstantStack(EngineConfiguration configuration) throws Exception {
        withRecursion(configuration, exports -> {
            for (int round = 0; round < 2; round++) {
                assertEquals(1, exports.getMember("even").execute(DEPTH).asInt());
                assertEquals(0, exports.getMember("even").execute(DEPTH + 1).asInt());
                assertEquals(1, exports.getMember("odd").execute(DEPTH + 1).asInt());
                assertEquals(1, exports.getMember("evenIndirect").execute(DEPTH).asInt());
                assertEquals(0, exports.getMember("evenIndirect").execute(DEPTH + 1).asInt());
                assertEquals(1, exports.getMember("evenRef").execute(DEPTH).asInt());
                assertEquals(0, exports.getMember("evenRef").execute(DEPTH + 1).asInt());
                long n = DEPTH;
                assertEquals(n * (n + 1) / 2 + 7, exports.getMember("sumPair").execute(n).asLong());
                assertEquals(n + 1, exports.getMember("count").execute(n).asLong());
            }
            // Small depths too, so every function also returns from its base case on a first call.
            for (int n = 0; n < 5; n++) {
                assertEquals(1 - n % 2, exports.getMember("even").execute(n).asInt());
                assertEquals(1 - n % 2, exports.getMember("evenIndirect").execute(n).asInt());
                assertEquals(1 - n % 2, exports.getMember("evenRef").execute(n).asInt());
                assertEquals(1 - n % 2, exports.getMember("evenCall").execute(n).asInt());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void plainCallsStillExhaustTheStack(EngineConfiguration configuration) throws Exception {
        withRecursion(configuration, exports -> {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("evenCall").execute(DEPTH));
            assertEquals("call stack exhausted", e.getMessage());
            assertTrue(e.isGuestException());
            assertFalse(e.isInternalError());
            // The engine stays usable, and tail calls still run at full depth afterwards.
            assertEquals(1, exports.getMember("even").execute(DEPTH).asInt());
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void trapAfterTailCallsIsAGuestException(EngineConfiguration configuration) throws Exception {
        withRecursion(configuration, exports -> {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("failAfter").execute(DEPTH));
            assertEquals("unreachable", e.getMessage());
            assertTrue(e.isGuestException());
            assertFalse(e.isInternalError());
            // A tail call replaces its caller's frame: the trace is the last callee and the plain caller.
            List<String> frames = new ArrayList<>();
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                if (frame.isGuestFrame()) {
                    frames.add(frame.getRootName());
                }
            }
            assertEquals(List.of("fail", "failAfter"), frames);
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void tailCallsIntoImportsAndHostFunctions(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            int[] hostCalls = new int[1];
            ProxyExecutable done = args -> {
                hostCalls[0]++;
                return args[0].asLong() + 1;
            };
            Value counter = instantiate(context, COUNTER, "counter.wat", ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("done", done)))));
            Value caller = instantiate(context, CALLER, "caller.wat",
                            ProxyObject.fromMap(Map.of("counter", ProxyObject.fromMap(Map.of("down", counter.getMember("down"))))));
            assertEquals(2L * DEPTH + 1, caller.getMember("start").execute(DEPTH).asLong());
            assertEquals(1, hostCalls[0]);
            assertEquals(11L, counter.getMember("down").execute(3, 4).asLong());
            assertEquals(2, hostCalls[0]);
        }
    }

    /** Runs {@code test} on the exports of {@link #RECURSION} in a fresh engine of {@code configuration}. */
    private static void withRecursion(EngineConfiguration configuration, Consumer<Value> test) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            test.accept(instantiate(context, RECURSION, "recursion.wat", null));
        }
    }

    private static Value instantiate(Context context, String wat, String name, Object imports) throws Exception {
        Value module = context.eval(Source.newBuilder("wasm", wat, name).build());
        return (imports == null ? module.newInstance() : module.newInstance(imports)).getMember("exports");
    }
}
