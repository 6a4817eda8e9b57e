package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standard WebAssembly JavaScript API, run by GraalJS on this engine (GraalWasm is not on the
 * module path): every entry point, in programs written the way Emscripten and wasm-bindgen glue
 * code uses them. Modules are passed to the scripts as binary bytes produced by {@link Wat}.
 */
class JsApiTest {
    private Context context;

    @BeforeEach
    void open() {
        context = Polyglot.jsContext();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Value js(String script) {
        return context.eval("js", script);
    }

    private void define(String name, String wat) {
        context.getBindings("js").putMember(name, Wat.jsBytes(context, Wat.withCustomSection(Wat.encode(wat), "meta", "hi")));
    }

    private static final String ADD = """
            (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                    (func (export "wide") (param i64) (result i64) local.get 0 i64.const 1 i64.add)
                    (func (export "pair") (param f32 f64) (result f64 f32) local.get 1 local.get 0))
            """;

    @Test
    void validateCompileAndInstantiate() {
        define("bytes", ADD);
        assertTrue(js("WebAssembly.validate(bytes)").asBoolean());
        assertFalse(js("WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))").asBoolean());
        js("""
                var results = [];
                WebAssembly.compile(bytes).then(m => { results.push(m instanceof WebAssembly.Module);
                    return WebAssembly.instantiate(m); }).then(i => results.push(i.exports.add(2, 3)));
                WebAssembly.instantiate(bytes).then(r => results.push(r.module instanceof WebAssembly.Module, r.instance.exports.add(40, 2)));
                """);
        assertEquals("[\"42\",\"5\",\"true\",\"true\"]", js("JSON.stringify(results.map(String).sort())").asString());
    }

    @Test
    void moduleAndInstanceConstructors() {
        define("bytes", ADD);
        js("var m = new WebAssembly.Module(bytes); var i = new WebAssembly.Instance(m, {});");
        assertEquals(7, js("i.exports.add(3, 4)").asInt());
        assertEquals("124", js("String(i.exports.wide(123n))").asString());
        assertEquals("[2.5,1.5]", js("JSON.stringify(i.exports.pair(1.5, 2.5))").asString());
        assertEquals("[{\"name\":\"add\",\"kind\":\"function\"},{\"name\":\"wide\",\"kind\":\"function\"},{\"name\":\"pair\",\"kind\":\"function\"}]",
                        js("JSON.stringify(WebAssembly.Module.exports(m))").asString());
        assertEquals("[]", js("JSON.stringify(WebAssembly.Module.imports(m))").asString());
        assertEquals("hi", js("var s = WebAssembly.Module.customSections(m, 'meta'); String.fromCharCode(...new Uint8Array(s[0]))").asString());
        assertEquals(0, js("WebAssembly.Module.customSections(m, 'none').length").asInt());
    }

    @Test
    void importsOfJsFunctionsAndModuleImports() {
        define("bytes", """
                (module (import "env" "log" (func $log (param i32 f64)))
                        (import "env" "g" (global $g i32))
                        (func (export "run") (param i32) local.get 0 global.get $g i32.add f64.const 0.5 call $log))
                """);
        js("""
                var logged = [];
                var m = new WebAssembly.Module(bytes);
                var i = new WebAssembly.Instance(m, {env: {log: (a, b) => logged.push(a, b), g: 10}});
                i.exports.run(5);
                """);
        assertEquals("[15,0.5]", js("JSON.stringify(logged)").asString());
        assertEquals("[{\"module\":\"env\",\"name\":\"log\",\"kind\":\"function\"},{\"module\":\"env\",\"name\":\"g\",\"kind\":\"global\"}]",
                        js("JSON.stringify(WebAssembly.Module.imports(m))").asString());
    }

    @Test
    void stringsThroughMemoryAndGrowth() {
        // The wasm-bindgen pattern: JS encodes a string into memory, Wasm works on it, JS decodes the result.
        define("bytes", """
                (module (memory (export "memory") 1 4)
                        (func (export "upper") (param $p i32) (param $n i32) (local $i i32)
                          (block $done (loop $next
                            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                            (i32.store8 (i32.add (local.get $p) (local.get $i))
                              (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 32)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next))))
                        (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
                        (func (export "size") (result i32) memory.size))
                """);
        js("""
                var e = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
                function pass(s) { var b = new Uint8Array(e.memory.buffer); for (var k = 0; k < s.length; k++) b[16 + k] = s.charCodeAt(k); return s.length; }
                var n = pass('hello'); e.upper(16, n);
                var out = String.fromCharCode(...new Uint8Array(e.memory.buffer, 16, n));
                """);
        assertEquals("HELLO", js("out").asString());
        assertEquals(65536, js("e.memory.buffer.byteLength").asInt());
        assertEquals(1, js("e.memory.grow(1)").asInt());
        assertEquals(2, js("e.grow(1)").asInt());
        assertEquals(3 * 65536, js("e.memory.buffer.byteLength").asInt());
        assertEquals(3, js("e.size()").asInt());
        assertEquals("HELLO", js("String.fromCharCode(...new Uint8Array(e.memory.buffer, 16, 5))").asString());
    }

    @Test
    void memoryTableAndGlobalObjects() {
        define("bytes", """
                (module (import "js" "mem" (memory 1))
                        (import "js" "tbl" (table 2 funcref))
                        (import "js" "counter" (global $c (mut i32)))
                        (type $t (func (result i32)))
                        (func $seven (result i32) i32.const 7)
                        (func (export "seven") (result i32) i32.const 7)
                        (func (export "callAt") (param i32) (result i32) local.get 0 call_indirect (type $t))
                        (func (export "bump") global.get $c i32.const 1 i32.add global.set $c)
                        (func (export "peek") (param i32) (result i32) local.get 0 i32.load))
                """);
        js("""
                var mem = new WebAssembly.Memory({initial: 1, maximum: 3});
                var tbl = new WebAssembly.Table({initial: 2, element: 'anyfunc'});
                var counter = new WebAssembly.Global({value: 'i32', mutable: true}, 41);
                var e = new WebAssembly.Instance(new WebAssembly.Module(bytes), {js: {mem, tbl, counter}}).exports;
                new Uint32Array(mem.buffer)[2] = 0xCAFE;
                tbl.set(1, e.seven);
                e.bump();
                """);
        assertEquals(0xCAFE, js("e.peek(8)").asInt());
        assertEquals(42, js("counter.value").asInt());
        js("counter.value = 100");
        js("e.bump()");
        assertEquals(101, js("counter.value").asInt());
        assertEquals(7, js("e.callAt(1)").asInt());
        assertEquals(7, js("tbl.get(1)()").asInt());
        assertTrue(js("tbl.get(0) === null").asBoolean());
        assertEquals(2, js("tbl.grow(3)").asInt());
        assertEquals(5, js("tbl.length").asInt());
        assertEquals(1, js("mem.grow(2)").asInt());
        assertEquals(3 * 65536, js("mem.buffer.byteLength").asInt());
        assertTrue(js("try { mem.grow(1); false } catch (x) { x instanceof RangeError || String(x).length > 0 }").asBoolean());
        assertEquals("6", js("String(new WebAssembly.Global({value: 'i64'}, 6n).value)").asString());
        assertEquals(2.5, js("new WebAssembly.Global({value: 'f64'}, 2.5).value").asDouble());
    }

    @Test
    void errorClasses() {
        define("bad", "(module (func (result i32) i64.const 1))");
        define("trap", "(module (func (export \"div\") (param i32) (result i32) i32.const 1 local.get 0 i32.div_s))");
        define("needs", "(module (import \"env\" \"f\" (func)))");
        define("thrower", "(module (import \"env\" \"f\" (func $f)) (func (export \"run\") call $f))");
        assertEquals("CompileError", js("try { new WebAssembly.Module(bad); 'none' } catch (x) { x instanceof WebAssembly.CompileError ? 'CompileError' : String(x) }").asString());
        assertEquals("LinkError", js("try { new WebAssembly.Instance(new WebAssembly.Module(needs), {env: {}}); 'none' } catch (x) { x instanceof WebAssembly.LinkError ? 'LinkError' : String(x) }").asString());
        assertEquals("RuntimeError: integer divide by zero",
                        js("try { new WebAssembly.Instance(new WebAssembly.Module(trap)).exports.div(0); 'none' } catch (x) { (x instanceof WebAssembly.RuntimeError ? 'RuntimeError: ' : 'other: ') + x.message }").asString());
        assertEquals("mine 42", js("""
                class Mine extends Error {}
                var i = new WebAssembly.Instance(new WebAssembly.Module(thrower), {env: {f: () => { var e = new Mine('mine'); e.code = 42; throw e; }}});
                try { i.exports.run(); 'none' } catch (x) { x instanceof Mine ? x.message + ' ' + x.code : String(x) }
                """).asString());
        PolyglotException e = assertThrows(PolyglotException.class, () -> js("new WebAssembly.Instance(new WebAssembly.Module(trap)).exports.div(0)"));
        assertTrue(e.getMessage().contains("integer divide by zero"), e.getMessage());
    }

    /**
     * The JS API gives {@code v128} no JavaScript value: calling an export with a {@code v128}
     * parameter or result from JavaScript is a {@code TypeError}, as is reading a {@code v128}
     * global; functions that use vectors only inside run normally.
     */
    @Test
    void vectorsStayInsideWasm() {
        define("simd", """
                (module (global (export "g") v128 (v128.const i32x4 1 2 3 4))
                        (func (export "id") (param v128) (result v128) local.get 0)
                        (func (export "make") (result v128) (i32x4.splat (i32.const 1)))
                        (func (export "sum") (param i32) (result i32)
                          (i32x4.extract_lane 3 (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 0 0 0 5)))))
                """);
        js("var v = new WebAssembly.Instance(new WebAssembly.Module(simd)).exports;");
        assertEquals(12, js("v.sum(7)").asInt());
        assertEquals("TypeError", js("try { v.make(); 'none' } catch (x) { x.constructor.name }").asString());
        assertEquals("TypeError", js("try { v.id(1); 'none' } catch (x) { x.constructor.name }").asString());
        assertEquals("TypeError", js("try { v.g.value; 'none' } catch (x) { x.constructor.name }").asString());
    }
}
