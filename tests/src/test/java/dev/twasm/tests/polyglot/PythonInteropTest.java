package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Python programs (GraalPy) using every kind of Wasm value and extern: i64 beyond 2^53, f32/f64,
 * globals, tables, memory as a byte sequence (GraalPy takes no foreign buffer, docs/embedding.md),
 * and errors in both directions. Each test's Python code computes its answer; Java checks it.
 */
class PythonInteropTest {
    private static final String MODULE = """
            (module
              (import "py" "fail" (func $fail (param i32) (result i32)))
              (memory (export "memory") 1 4)
              (table (export "table") 2 funcref)
              (global (export "counter") (mut i64) (i64.const 7))
              (global (export "pi") f64 (f64.const 3.5))
              (data (i32.const 64) "hi from wasm")
              (elem (i32.const 0) $add64)
              (func $add64 (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
              (func (export "neg64") (param i64) (result i64) i64.const 0 local.get 0 i64.sub)
              (func (export "get_counter") (result i64) global.get 0)
              (func (export "mulf32") (param f32 f32) (result f32) local.get 0 local.get 1 f32.mul)
              (func (export "sqrt64") (param f64) (result f64) local.get 0 f64.sqrt)
              (func (export "call_fail") (param i32) (result i32) local.get 0 call $fail)
              (func (export "div") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "table_grow") (param i32) (result i32) ref.null func local.get 0 table.grow 0)
              (func (export "call_slot") (param i64 i64 i32) (result i64)
                local.get 0 local.get 1 local.get 2 call_indirect (param i64 i64) (result i64))
              (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
              (func (export "checksum") (param $p i32) (param $n i32) (result i32) (local $s i32)
                (block $d (loop $l (br_if $d (i32.eqz (local.get $n)))
                  (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (i32.load8_u (local.get $p))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
                local.get $s)
              (func (export "upper") (param $p i32) (param $n i32)
                (block $d (loop $l (br_if $d (i32.eqz (local.get $n)))
                  (i32.store8 (local.get $p) (i32.sub (i32.load8_u (local.get $p)) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))))
            """;

    /** Instantiates the module with a Python import that raises; the exports are {@code ex}. */
    private static final String PRELUDE = """
            import polyglot
            from types import SimpleNamespace
            class Boom(Exception):
                pass
            def fail(x):
                raise Boom("boom %d" % x)
            def error_of(action):
                try:
                    action()
                except Exception as e:
                    return type(e).__name__ + ": " + str(e)
                return "no error"
            ex = polyglot.import_value('module')(SimpleNamespace(py=SimpleNamespace(fail=fail))).exports
            """;

    private Context context;

    @BeforeEach
    void open() {
        context = Polyglot.builder("python", "wasm").build();
        context.getPolyglotBindings().putMember("module", context.eval(Source.create("wasm", MODULE)));
        context.eval("python", PRELUDE);
    }

    @AfterEach
    void close() {
        context.close();
    }

    /** Evaluates Python code whose last line is an expression, as a string. */
    private String py(String code) {
        Value result = context.eval("python", code);
        return result.isString() ? result.asString() : result.toString();
    }

    /** Asserts that the Python expression {@code action} raises an exception of class {@code type}. */
    private void assertRaises(String type, String action) {
        assertEquals(type, py("error_of(lambda: " + action + ").split(':')[0]"), action);
    }

    /** The message of the {@code polyglot.ForeignException} (a trap) that the Python expression {@code call} raises. */
    private String trapMessage(String call) {
        return py("""
                try:
                    %s
                    result = 'no trap'
                except polyglot.ForeignException as e:
                    result = str(e)
                result
                """.formatted(call));
    }

    @Test
    void i64BeyondDoublePrecisionAndNegative() {
        assertEquals(String.valueOf((1L << 53) + 3), py("ex.add64(2**53 + 1, 2)"));
        assertEquals(String.valueOf(Long.MIN_VALUE), py("ex.neg64(-(2**63))"));
        assertEquals("-12345678901234567", py("ex.neg64(12345678901234567)"));
        assertEquals(String.valueOf(Long.MAX_VALUE), py("ex.add64(2**62, 2**62 - 1)"));
        assertEquals("True", py("type(ex.add64(1, 2)) is int"));
        // [2^63, 2^64) is accepted and wraps to the signed value, as i64 bits do; beyond is a TypeError.
        assertEquals("-1", py("ex.add64(2**64 - 1, 0)"));
        assertRaises("TypeError", "ex.add64(2**64, 0)");
    }

    @Test
    void f32AndF64() {
        assertEquals("3.375", py("ex.mulf32(1.5, 2.25)"));
        // 0.1 rounded to f32 and back: the f32 nearest to 0.1, not the double 0.1.
        assertEquals("0.10000000149011612", py("ex.mulf32(0.1, 1.0)"));
        assertEquals("1.4142135623730951", py("ex.sqrt64(2.0)"));
        assertEquals("True", py("import math; math.isnan(ex.sqrt64(-1.0))"));
        assertEquals("inf", py("ex.sqrt64(float('inf'))"));
    }

    @Test
    void globalsReadWriteAndImmutable() {
        assertEquals("7", py("ex.counter.value"));
        // Python writes a value beyond 2^53; Wasm reads the same bits.
        assertEquals(String.valueOf((1L << 60) + 1), py("ex.counter.value = 2**60 + 1\nex.get_counter()"));
        assertEquals(String.valueOf((1L << 60) + 1), py("ex.counter.value"));
        assertEquals("3.5", py("ex.pi.value"));
        assertRaises("AttributeError", "setattr(ex.pi, 'value', 1.0)");
        assertEquals("3.5", py("ex.pi.value"));
        assertRaises("TypeError", "setattr(ex.counter, 'value', 'seven')");
    }

    @Test
    void tablesReadWriteGrow() {
        assertEquals("2", py("len(ex.table)"));
        assertEquals("5 None", py("f'{ex.table[0](2, 3)} {ex.table[1]}'"));
        // Python stores a Wasm function in slot 1; Wasm calls it through call_indirect.
        assertEquals("42", py("ex.table[1] = ex.table[0]\nex.call_slot(40, 2, 1)"));
        assertEquals("2 5 None", py("f'{ex.table_grow(3)} {len(ex.table)} {ex.table[4]}'"));
        assertRaises("IndexError", "ex.table[5]");
        assertRaises("TypeError", "ex.table.__setitem__(0, 5)");
        // Python grows the table itself: append is table.grow by one; Wasm calls the new slot.
        assertEquals("6 7", py("ex.table.append(ex.table[0])\nf'{len(ex.table)} {ex.call_slot(3, 4, 5)}'"));
    }

    @Test
    void memoryExchangesBytesAndStrings() {
        // Python writes a UTF-8 string, Wasm hashes it; the same hash computed in Python must agree.
        assertEquals("True", py("""
                data = "héllo wörld".encode()
                ex.memory[200:200 + len(data)] = data
                h = 0
                for b in data:
                    h = (h * 31 + b) & 0xFFFFFFFF
                ex.checksum(200, len(data)) == (h - 2**32 if h >= 2**31 else h)
                """));
        assertEquals("hi from wasm", py("bytes(ex.memory[64:76]).decode()"));
        // Wasm changes the bytes Python wrote; Python sees the change.
        assertEquals("HELLO", py("ex.memory[300:305] = b'hello'\nex.upper(300, 5)\nbytes(ex.memory[300:305]).decode()"));
        assertEquals("255 255", py("ex.memory[7] = 255\nf'{ex.memory[7]} {ex.load8(7)}'"));
    }

    @Test
    void memoryGrowIsSeenByARefetchedView() {
        assertEquals("65536 1 131072 0", py("""
                before = len(ex.memory)
                old = ex.grow(1)
                mem = ex.memory
                mem[131071] = 9
                f'{before} {old} {len(mem)} {ex.grow(10) + 1}'
                """));
        assertEquals("9", py("ex.load8(131071)"));
    }

    @Test
    void badMemoryAccessIsAPythonError() {
        assertRaises("IndexError", "ex.memory[65536]");
        assertRaises("IndexError", "ex.memory.__setitem__(65536, 1)");
        assertRaises("TypeError", "ex.memory.__setitem__(0, 256)");
        assertRaises("TypeError", "ex.memory.__setitem__(0, 'a')");
        assertEquals("0", py("ex.memory[0]"));
    }

    @Test
    void pythonExceptionPassesThroughWasm() {
        assertEquals("Boom boom 3", py("""
                try:
                    ex.call_fail(3)
                    result = 'no exception'
                except Boom as e:
                    result = type(e).__name__ + ' ' + str(e)
                result
                """));
    }

    /** GraalPy raises every foreign exception as {@code polyglot.ForeignException}, a {@code BaseException}. */
    @Test
    void trapKeepsTheSpecMessage() {
        assertEquals("integer divide by zero", trapMessage("ex.div(0)"));
        // The engine appends the element index to the spec's text.
        assertEquals("undefined element 7", trapMessage("ex.call_slot(1, 2, 7)"));
        assertEquals("False", py("issubclass(polyglot.ForeignException, Exception)"));
    }
}
