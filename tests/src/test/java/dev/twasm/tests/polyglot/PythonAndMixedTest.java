package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python programs using Wasm modules through interop, and JS -> Wasm -> Python in one context. */
class PythonAndMixedTest {
    private static final String MODULE = """
            (module (import "py" "square" (func $sq (param i32) (result i32)))
                    (memory (export "memory") 1)
                    (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
                      (block $d (loop $l (br_if $d (i32.eqz (local.get $n)))
                        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
                        (local.set $p (i32.add (local.get $p) (i32.const 1)))
                        (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
                      local.get $s)
                    (func (export "sq_plus_one") (param i32) (result i32) local.get 0 call $sq i32.const 1 i32.add)
                    (func (export "store8") (param i32 i32) local.get 0 local.get 1 i32.store8)
                    (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
                    (func (export "div") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u))
            """;

    @Test
    void pythonLoadsCallsAndSharesMemory() {
        try (Context context = Polyglot.builder("python", "wasm").build()) {
            Value module = context.eval(Source.create("wasm", MODULE));
            context.getPolyglotBindings().putMember("module", module);
            Value result = context.eval("python", """
                    import polyglot
                    from types import SimpleNamespace
                    module = polyglot.import_value('module')
                    inst = module(SimpleNamespace(py=SimpleNamespace(square=lambda x: x * x)))
                    ex = inst.exports
                    # Memory is a sequence of bytes to Python (GraalPy takes no foreign buffer, docs/embedding.md).
                    ex.memory[100:104] = bytes([1, 2, 3, 4])
                    [ex.sum(100, 4), ex.sq_plus_one(6), ex.load8(101), ex]
                    """);
            assertEquals(10, result.getArrayElement(0).asInt());
            assertEquals(37, result.getArrayElement(1).asInt());
            assertEquals(2, result.getArrayElement(2).asInt());
            context.getPolyglotBindings().putMember("ex", result.getArrayElement(3));
            // A trap reaches Python as an exception carrying the spec's message (here uncaught, so it reaches Java too).
            org.graalvm.polyglot.PolyglotException trap = org.junit.jupiter.api.Assertions.assertThrows(org.graalvm.polyglot.PolyglotException.class,
                            () -> context.eval("python", "import polyglot\npolyglot.import_value('ex').div(0)"));
            assertTrue(trap.getMessage().contains("integer divide by zero"), trap.getMessage());
        }
    }

    @Test
    void jsCallsWasmWhichCallsPython() {
        try (Context context = Polyglot.builder("js", "python", "wasm").build()) {
            context.getBindings("js").putMember("bytes", Wat.jsBytes(context, Wat.encode(MODULE)));
            Value square = context.eval("python", "lambda x: x * x");
            context.getBindings("js").putMember("pySquare", square);
            int r = context.eval("js", """
                    var i = new WebAssembly.Instance(new WebAssembly.Module(bytes), {py: {square: pySquare}});
                    i.exports.sq_plus_one(9)
                    """).asInt();
            assertEquals(82, r);
        }
    }
}
