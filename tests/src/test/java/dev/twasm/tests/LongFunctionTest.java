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
    /** Interpreted: long enough that one level of recursion per instruction overflows 1 MB. */
    private static final int TERMS = 20_000;
    /** Compiled: still 300 levels deep without the bound; Graal compiles thousands of calls in one unit slowly. */
    private static final int COMPILED_TERMS = 300;

    @Test
    void longChainOfCallsAndAdds() throws Exception {
        assertEquals(TERMS + 1, runOnSmallStack(module(chain(TERMS)), false));
        assertEquals(COMPILED_TERMS + 1, runOnSmallStack(module(chain(COMPILED_TERMS)), true));
    }

    @Test
    void deeplyFoldedExpression() throws Exception {
        assertEquals(TERMS + 7, runOnSmallStack(module(folded(TERMS)), false));
        assertEquals(COMPILED_TERMS + 7, runOnSmallStack(module(folded(COMPILED_TERMS)), true));
    }

    private static String chain(int terms) {
        return "call $one\n" + "call $one i32.add\n".repeat(terms);
    }

    private static String folded(int terms) {
        return "(i32.add (call $one) ".repeat(terms) + "(i32.const 7)" + ")".repeat(terms);
    }

    private static String module(CharSequence body) {
        return "(module (func $one (result i32) i32.const 1)\n"
                        + "(func (export \"run\") (result i32)\n" + body + "))";
    }

    /**
     * Evaluates and calls {@code run} twice on a thread with a 1 MB stack; with {@code compiled},
     * compilation is immediate and synchronous, so the second call runs Graal's code.
     */
    private static int runOnSmallStack(String text, boolean compiled) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true)
                            .option("engine.Compilation", Boolean.toString(compiled))
                            .option("engine.CompileImmediately", Boolean.toString(compiled))
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
