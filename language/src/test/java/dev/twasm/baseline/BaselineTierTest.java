package dev.twasm.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.RootCallTarget;
import dev.twasm.builder.FunctionCompiler;
import dev.twasm.model.Module;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.CallStack;
import dev.twasm.runtime.EngineState;
import dev.twasm.runtime.Instantiator;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;
import dev.twasm.text.WatParser;
import dev.twasm.validation.Validator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline tier behind the polyglot API: roots run translated code, leave it after
 * {@code wasm.BaselineThreshold}, turn stack exhaustion (counted or a real
 * {@link StackOverflowError}) into the spec's trap with the engine still usable, and report the
 * functions of translated code in guest stack traces.
 */
class BaselineTierTest {
    private static final String RECURSION = """
                    (module
                      (func $down (export "down") (param i32) (result i32)
                        (if (result i32) (i32.eqz (local.get 0)) (then i32.const 0)
                          (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
                      (func $forever (export "forever") (param i32) (result i32) (i32.add (call $forever (local.get 0)) (i32.const 1)))
                      (func (export "ok") (result i32) (i32.const 5)))
                    """;

    private static Context context(String... options) {
        Context.Builder builder = Context.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option("wasm.BaselineStrict", "true");
        for (int i = 0; i < options.length; i += 2) {
            builder.option(options[i], options[i + 1]);
        }
        return builder.build();
    }

    private static Value exports(Context context, String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    @Test
    void deepRecursionTrapsAndTheEngineStaysUsable() {
        try (Context context = context("wasm.MaxCallDepth", "2000")) {
            Value exports = exports(context, RECURSION);
            for (int i = 0; i < 3; i++) {
                assertEquals(1500, exports.getMember("down").execute(1500).asInt());
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("forever").execute(0));
                assertEquals("call stack exhausted", e.getMessage());
                assertFalse(e.isInternalError());
                assertEquals(5, exports.getMember("ok").execute().asInt());
            }
        }
    }

    @Test
    void stackOverflowErrorInTranslatedCodeBecomesTheTrap() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try (Context context = context("wasm.MaxCallDepth", "100000000")) {
                Value exports = exports(context, RECURSION);
                List<String> messages = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    try {
                        exports.getMember("forever").execute(0);
                    } catch (PolyglotException e) {
                        messages.add(e.getMessage() + (e.isInternalError() ? " (internal)" : ""));
                    }
                    messages.add(Integer.toString(exports.getMember("down").execute(100).asInt()));
                }
                outcome.set(messages);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        assertEquals(List.of("call stack exhausted", "100", "call stack exhausted", "100", "call stack exhausted", "100"), outcome.get());
    }

    @Test
    void rootsLeaveTheBaselineTierAfterTheThresholdWithTheSameResults() {
        String loop = """
                        (module (func (export "sum") (param i32) (result i64) (local i64)
                          (block (loop
                            (br_if 1 (i32.eqz (local.get 0)))
                            (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
                            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                            br 0))
                          local.get 1))
                        """;
        try (Context context = context("wasm.BaselineThreshold", "2500")) {
            Value sum = exports(context, loop).getMember("sum");
            // After leaving, interpreted calls alternate between the AST (samples) and the baseline code.
            for (int i = 0; i < 4 * BaselineFunction.PROFILE_SAMPLE; i++) {
                assertEquals(500500L, sum.execute(1000).asLong(), "call " + i);
            }
        }
        // Long calls (a loop of more than LONG_CALL iterations per call) run the AST on every call after leaving.
        try (Context context = context("wasm.BaselineThreshold", "2500")) {
            Value sum = exports(context, loop).getMember("sum");
            int n = (int) (2 * BaselineFunction.LONG_CALL);
            for (int i = 0; i < 8; i++) {
                assertEquals((long) n * (n + 1) / 2, sum.execute(n).asLong(), "call " + i);
            }
        }
    }

    /**
     * Before Graal compiles a caller, a callee still in baseline mode leaves with it if it did at
     * least 1/{@link BaselineFunction#TAKE_ALONG_SHARE} of the threshold's work; one with little
     * work stays. {@code run} counts 3,000 iterations itself and calls {@code count} (1,000
     * iterations) and {@code inc} once per call: with a threshold of 16,000 it leaves after four
     * calls, when {@code count} has done a quarter of the threshold on its own and {@code inc} four
     * calls.
     */
    @Test
    void calleesWithMuchWorkLeaveWithACallerAboutToBeCompiled() {
        String wat = """
                        (module
                          (func $count (param i32) (result i32) (local i32)
                            (block (loop
                              (br_if 1 (i32.eqz (local.get 0)))
                              (local.set 1 (i32.add (local.get 1) (local.get 0)))
                              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                              br 0))
                            local.get 1)
                          (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                          (func (export "run") (param i32) (result i32) (local i32)
                            (local.set 1 (i32.const 3000))
                            (loop (br_if 0 (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
                            (i32.add (call $count (local.get 0)) (call $inc (local.get 0)))))
                        """;
        Module model = WatParser.parseModule(wat);
        WasmModule module = WasmModule.create(new EngineState(null), model, Validator.analyze(model), "test",
                        BaselineTier.withBaseline(FunctionCompiler.trees(), 16_000, true));
        WasmInstance instance = Instantiator.instantiate(module, null, new CallStack(1000));
        WasmRootNode run = root(module, 2);
        int expected = 1000 * 1001 / 2 + 1001;
        for (int i = 0; i < 6; i++) {
            assertEquals(expected, run.getCallTarget().call(instance, 1000), "call " + i);
        }
        assertFalse(run.baseline().active().isValid(), "run left the tier");
        assertTrue(root(module, 0).baseline().active().isValid(), "count is still in the tier");
        run.takeAlongBaselineCallees();
        assertFalse(root(module, 0).baseline().active().isValid(), "count left with run");
        assertTrue(root(module, 1).baseline().active().isValid(), "inc stays");
        for (int i = 0; i < 2 * BaselineFunction.PROFILE_SAMPLE; i++) {
            assertEquals(expected, run.getCallTarget().call(instance, 1000), "call after leaving " + i);
        }
    }

    private static WasmRootNode root(WasmModule module, int functionIndex) {
        return (WasmRootNode) ((RootCallTarget) module.callTarget(functionIndex)).getRootNode();
    }

    private static final String THREE_FRAMES = """
                    (module
                      (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                      (func $middle (param i32) (result i32) (call $inner (local.get 0)))
                      (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))
                    """;

    @Test
    void stackTracesNameTheFunctionsOfTranslatedCode() {
        assertThreeFrames(THREE_FRAMES, Long.MAX_VALUE, 2);
    }

    /**
     * With a low threshold the calls pass through every mix of tiers: all baseline; {@code outer}
     * on the AST calling {@code middle}'s baseline code without its call target; sampled calls;
     * all AST. Every trace names the same three functions.
     */
    @Test
    void stackTracesAreTheSameAcrossTierTransitions() {
        assertThreeFrames(THREE_FRAMES, 3, 4 * BaselineFunction.PROFILE_SAMPLE);
    }

    /** The same through {@code call_indirect}, whose inline cache enters baseline callees directly. */
    @Test
    void stackTracesAreTheSameAcrossTierTransitionsThroughATable() {
        assertThreeFrames("""
                        (module
                          (type $t (func (param i32) (result i32)))
                          (table 1 funcref) (elem (i32.const 0) $inner)
                          (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                          (func $middle (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0)))
                          (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))
                        """, 3, 4 * BaselineFunction.PROFILE_SAMPLE);
    }

    private static void assertThreeFrames(String wat, long threshold, int calls) {
        try (Context context = context("wasm.BaselineThreshold", Long.toString(threshold))) {
            Value exports = exports(context, wat);
            for (int i = 0; i < calls; i++) {
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("outer").execute(0));
                assertEquals("integer divide by zero", e.getMessage());
                List<String> frames = new ArrayList<>();
                e.getPolyglotStackTrace().forEach(frame -> {
                    if (frame.isGuestFrame()) {
                        frames.add(frame.getRootName());
                    }
                });
                assertEquals(List.of("inner", "middle", "outer"), frames);
            }
            assertEquals(1, exports.getMember("outer").execute(1).asInt());
        }
    }

    @Test
    void cancellingTheContextStopsALoopInTranslatedCode() throws Exception {
        Context context = context("wasm.BaselineThreshold", Long.toString(Long.MAX_VALUE));
        Value spin = exports(context, "(module (func (export \"spin\") (loop (br 0))))").getMember("spin");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                spin.execute();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        runner.start();
        Thread.sleep(300);
        context.close(true);
        runner.join(10_000);
        assertFalse(runner.isAlive(), "the loop polls Truffle's safepoints, so cancellation reaches it");
        assertTrue(outcome.get() instanceof PolyglotException e && e.isCancelled(), String.valueOf(outcome.get()));
    }

    @Test
    void twoThreadsRunTheSharedCodeOfOneModule() throws Exception {
        String wat = """
                        (module (memory 1) (func (export "fill") (param i32) (result i32) (local i32)
                          (block (loop
                            (br_if 1 (i32.ge_u (local.get 1) (i32.const 1000)))
                            (i32.store (i32.shl (local.get 1) (i32.const 2)) (i32.add (local.get 0) (local.get 1)))
                            (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                            br 0))
                          (i32.load (i32.const 3996))))
                        """;
        try (org.graalvm.polyglot.Engine engine = org.graalvm.polyglot.Engine.newBuilder("wasm").allowExperimentalOptions(true)
                        .option("engine.WarnInterpreterOnly", "false").option("wasm.BaselineStrict", "true").build()) {
            org.graalvm.polyglot.Source source = org.graalvm.polyglot.Source.create("wasm", wat);
            List<Thread> threads = new ArrayList<>();
            List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 2; t++) {
                int seed = t * 100_000;
                threads.add(new Thread(() -> {
                    try (Context context = Context.newBuilder("wasm").engine(engine).build()) {
                        Value fill = context.eval(source).newInstance().getMember("exports").getMember("fill");
                        for (int i = 0; i < 200; i++) {
                            results.add(fill.execute(seed + i).asInt() - (seed + i));
                        }
                    } catch (Throwable e) {
                        results.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(400, results.size());
            assertTrue(results.stream().allMatch(r -> Integer.valueOf(999).equals(r)), "each instance has its own memory: " + results.get(0));
        }
    }
}

