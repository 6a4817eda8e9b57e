package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Wasm exceptions (exception handling) across frames of other languages: one thrown by Wasm,
 * passing through a JavaScript or Python function that called it, is caught by the Wasm handler
 * around that function's call, by its tag; an exception of the guest language passing through
 * Wasm is not caught by {@code catch_all} and reaches its own language's handler.
 */
class ExceptionInteropTest {
    /** {@code outer(x)} calls the imported {@code host.relay(x)}, which calls back {@code inner(x)}, which throws for x > 9. */
    private static final String MODULE = """
                    (module
                      (import "host" "relay" (func $relay (param i32) (result i32)))
                      (tag $tooLarge (export "tooLarge") (param i32))
                      (func (export "inner") (param i32) (result i32)
                        (if (i32.gt_s (local.get 0) (i32.const 9)) (then (throw $tooLarge (local.get 0))))
                        (i32.mul (local.get 0) (i32.const 2)))
                      (func (export "outer") (param i32) (result i32)
                        (block $caught (result i32)
                          (block $other
                            (try_table (result i32) (catch $tooLarge $caught) (catch_all $other) (call $relay (local.get 0)))
                            (return))
                          (i32.const -2))
                        (i32.add (i32.const 1000))))
                    """;

    @Test
    void throughJavaScript() {
        try (Context context = Polyglot.builder("js", "wasm").build()) {
            context.getBindings("js").putMember("wat", MODULE);
            Value results = context.eval("js", """
                            let exports;
                            const relay = (x) => {
                                if (x < 0) throw new RangeError("negative");
                                const inner = exports.inner;
                                return inner(x);
                            };
                            exports = new (Polyglot.eval("wasm", wat))({ host: { relay } }).exports;
                            const outer = exports.outer;
                            let negative;
                            try { outer(-1); } catch (e) { negative = e instanceof RangeError ? e.message : String(e); }
                            [outer(4), outer(12), negative]
                            """);
            assertEquals(8, results.getArrayElement(0).asInt());
            assertEquals(1012, results.getArrayElement(1).asInt());
            assertEquals("negative", results.getArrayElement(2).asString());
        }
    }

    @Test
    void throughPython() {
        try (Context context = Polyglot.builder("python", "wasm").build()) {
            context.getBindings("python").putMember("wat", MODULE);
            Value results = context.eval("python", """
                            import polyglot
                            from types import SimpleNamespace
                            exports = None
                            def relay(x):
                                if x < 0:
                                    raise ValueError("negative")
                                return exports.inner(x)
                            exports = polyglot.eval(language="wasm", string=wat)(SimpleNamespace(host=SimpleNamespace(relay=relay))).exports
                            try:
                                exports.outer(-1)
                                negative = "not raised"
                            except ValueError as e:
                                negative = str(e)
                            [exports.outer(4), exports.outer(12), negative]
                            """);
            assertEquals(8, results.getArrayElement(0).asInt());
            assertEquals(1012, results.getArrayElement(1).asInt());
            assertEquals("negative", results.getArrayElement(2).asString());
        }
    }
}
