package dev.twasm.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Very long straight-line code, as compilers emit for large generated functions, runs on an
 * ordinary 1 MB thread stack: the builder bounds the depth of the expression trees it makes, so
 * neither building nor interpreting nor compiling a function recurses once per instruction.
 */
class LongFunctionTest {
    private static final int TERMS = 20_000;

    @Test
    void longChainOfCallsAndAdds() throws Exception {
        StringBuilder body = new StringBuilder("call $one\n");
        for (int i = 0; i < TERMS; i++) {
            body.append("call $one i32.add\n");
        }
        assertEquals(TERMS + 1, runOnSmallStack(module(body)));
    }

    @Test
    void deeplyFoldedExpression() throws Exception {
        StringBuilder body = new StringBuilder();
        body.append("(i32.add (call $one) ".repeat(TERMS)).append("(i32.const 7)").append(")".repeat(TERMS));
        assertEquals(TERMS + 7, runOnSmallStack(module(body)));
    }

    private static String module(CharSequence body) {
        return "(module (func $one (result i32) i32.const 1)\n"
                        + "(func (export \"run\") (result i32)\n" + body + "))";
    }

    /** Evaluates and calls {@code run} twice on a thread with a 1 MB stack; the second call is compiled. */
    private static int runOnSmallStack(String text) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true)
                            .option("engine.CompileImmediately", "true")
                            .option("engine.BackgroundCompilation", "false").build()) {
                Value run = context.eval("wasm", text).newInstance().getMember("exports").getMember("run");
                int first = run.execute().asInt();
                int second = run.execute().asInt();
                assertEquals(first, second);
                outcome.set(first);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 1 << 20);
        thread.start();
        thread.join();
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError("running the long function failed", t);
        }
        return (Integer) outcome.get();
    }
}
