package dev.twasm.tests;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests must exercise Graal compilation, not Truffle's fallback interpreter. */
class RuntimeTest {
    @Test
    void optimizingRuntimeIsActive() {
        try (Engine engine = Engine.create("wasm")) {
            String runtime = engine.getImplementationName();
            assertNotEquals("Interpreted", runtime, "Truffle fell back to its interpreter-only runtime: "
                            + "the JVM must run with -XX:+EnableJVMCI and the Graal compiler on the upgrade module path");
            assertTrue(runtime.contains("GraalVM"), "unexpected Truffle runtime: " + runtime);
        }
    }
}
