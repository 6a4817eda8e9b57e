package dev.twasm.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

class RuntimeTest {
    @Test
    void optimizingRuntime() {
        try (Engine e = Engine.create()) {
            System.out.println("IMPL " + e.getImplementationName());
            try (Context c = Context.newBuilder().engine(e).build()) {
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    System.out.println(c.eval("wasm", "x" + i).asInt() + " " + (System.nanoTime() - t) / 1e6);
                }
            }
        }
    }
}
