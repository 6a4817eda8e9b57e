package dev.twasm.tests;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.text.WatParser;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java embedding API: modules, instances, imports, exports and errors, through the polyglot API. */
class EmbeddingTest {
    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.newBuilder("wasm").build();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Value exports(String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    private Value exports(String wat, Object imports) {
        return context.eval("wasm", wat).newInstance(imports).getMember("exports");
    }

    @Test
    void textModuleExportsCallableFunctions() {
        Value exports = exports("""
                        (module
                          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                          (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
                          (func (export "half") (param f32) (result f32) (f32.div (local.get 0) (f32.const 2)))
                          (func (export "sqrt") (param f64) (result f64) (f64.sqrt (local.get 0))))
                        """);
        assertEquals(5, exports.getMember("add").execute(2, 3).asInt());
        assertEquals(-2, exports.getMember("add").execute(Integer.MAX_VALUE, Integer.MAX_VALUE).asInt());
        assertEquals(1L << 40, exports.getMember("mul64").execute(1L << 20, 1L << 20).asLong());
        assertEquals(1.25f, exports.getMember("half").execute(2.5f).asFloat());
        assertEquals(3.0, exports.getMember("sqrt").execute(9.0).asDouble());
        // numbers convert: an int for f64, a long that fits for i32, unsigned i32 values wrap
        assertEquals(2.0, exports.getMember("sqrt").execute(4).asDouble());
        assertEquals(7, exports.getMember("add").execute(3L, 4L).asInt());
        assertEquals(0, exports.getMember("add").execute(0xFFFF_FFFFL, 1).asInt());
    }

    @Test
    void binaryModuleFromBytes() {
        byte[] bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: [] -> [i32]
            0x03, 0x02, 0x01, 0x00, // function 0: type 0
            0x07, 0x07, 0x01, 0x03, 'g', 'e', 't', 0x00, 0x00, // export "get" func 0
            0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b}; // code: i32.const 42
        Source source = Source.newBuilder("wasm", ByteSequence.create(bytes), "get.wasm").mimeType("application/wasm").buildLiteral();
        Value exports = context.eval(source).newInstance().getMember("exports");
        assertEquals(42, exports.getMember("get").execute().asInt());
    }

    @Test
    void filesAreDetectedByExtension(@TempDir Path dir) throws IOException {
        Path wat = dir.resolve("answer.wat");
        Files.writeString(wat, "(module (func (export \"answer\") (result i32) (i32.const 42)))");
        Value exports = context.eval(Source.newBuilder("wasm", wat.toFile()).build()).newInstance().getMember("exports");
        assertEquals(42, exports.getMember("answer").execute().asInt());
    }

    @Test
    void hostFunctionsAsImports() {
        List<Integer> seen = new ArrayList<>();
        ProxyExecutable log = args -> {
            seen.add(args[0].asInt());
            return null;
        };
        ProxyExecutable twice = args -> args[0].asLong() * 2;
        Object imports = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("log", log, "twice", twice))));
        Value exports = exports("""
                        (module
                          (import "env" "log" (func $log (param i32)))
                          (import "env" "twice" (func $twice (param i64) (result i64)))
                          (func (export "run") (param i64) (result i64)
                            (call $log (i32.const 1))
                            (call $log (i32.const 2))
                            (call $twice (local.get 0))))
                        """, imports);
        assertEquals(42L, exports.getMember("run").execute(21L).asLong());
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void hostFunctionReturningWrongTypeIsAClearError() {
        ProxyExecutable bad = args -> "not a number";
        Object imports = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("f", bad))));
        Value exports = exports("(module (import \"env\" \"f\" (func $f (result i32))) (func (export \"run\") (result i32) (call $f)))", imports);
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("run").execute());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
        assertTrue(e.getMessage().contains("i32"), e.getMessage());
    }

    @Test
    void instancesLinkThroughExports() {
        Value provider = exports("""
                        (module
                          (memory (export "mem") 1)
                          (table (export "tab") 2 funcref)
                          (global (export "counter") (mut i32) (i32.const 10))
                          (func $inc (export "inc") (global.set 0 (i32.add (global.get 0) (i32.const 1))))
                          (elem (i32.const 0) $inc))
                        """);
        Object imports = ProxyObject.fromMap(Map.of("lib", provider));
        Value user = exports("""
                        (module
                          (import "lib" "mem" (memory 1))
                          (import "lib" "tab" (table 2 funcref))
                          (import "lib" "counter" (global $c (mut i32)))
                          (import "lib" "inc" (func $inc))
                          (type $v (func))
                          (func (export "run") (result i32)
                            (call $inc)
                            (call_indirect (type $v) (i32.const 0))
                            (i32.store (i32.const 8) (global.get $c))
                            (global.get $c)))
                        """, imports);
        assertEquals(12, user.getMember("run").execute().asInt());
        assertEquals(12, provider.getMember("counter").getMember("value").asInt());
        assertEquals(12, provider.getMember("mem").readBufferInt(ByteOrder.LITTLE_ENDIAN, 8));
    }

    @Test
    void memoryIsABufferThatGrows() {
        Value exports = exports("""
                        (module
                          (memory (export "memory") 1 4)
                          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
                          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                        """);
        Value memory = exports.getMember("memory");
        assertTrue(memory.hasBufferElements());
        assertEquals(65536, memory.getBufferSize());
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 16, 0x01020304);
        assertEquals(0x01020304, exports.getMember("load").execute(16).asInt());
        assertEquals(4, memory.readBufferByte(16));
        assertEquals(1, exports.getMember("grow").execute(2).asInt());
        assertEquals(3 * 65536, exports.getMember("memory").getBufferSize());
        assertEquals(-1, exports.getMember("grow").execute(2).asInt());
        byte[] bytes = new byte[4];
        memory.readBuffer(16, bytes, 0, 4);
        assertArrayEquals(new byte[]{4, 3, 2, 1}, bytes);
    }

    @Test
    void globalsAreReadableAndWritableWhenMutable() {
        Value exports = exports("""
                        (module
                          (global (export "pi") f64 (f64.const 3.14))
                          (global (export "count") (mut i64) (i64.const 1))
                          (func (export "get") (result i64) (global.get 1)))
                        """);
        assertEquals(3.14, exports.getMember("pi").getMember("value").asDouble());
        exports.getMember("count").putMember("value", 99L);
        assertEquals(99L, exports.getMember("get").execute().asLong());
        assertThrows(UnsupportedOperationException.class, () -> exports.getMember("pi").putMember("value", 1.0));
    }

    @Test
    void tablesHoldFunctionReferences() {
        Value exports = exports("""
                        (module
                          (table (export "table") 3 funcref)
                          (func $seven (export "seven") (result i32) (i32.const 7))
                          (elem (i32.const 1) $seven)
                          (type $r (func (result i32)))
                          (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))
                        """);
        Value table = exports.getMember("table");
        assertEquals(3, table.getArraySize());
        assertTrue(table.getArrayElement(0).isNull());
        assertEquals(7, table.getArrayElement(1).execute().asInt());
        table.setArrayElement(2, exports.getMember("seven"));
        assertEquals(7, exports.getMember("call").execute(2).asInt());
        // Writing just past the end grows the table by one (table.grow); further out is an error.
        table.setArrayElement(3, exports.getMember("seven"));
        assertEquals(4, table.getArraySize());
        assertEquals(7, exports.getMember("call").execute(3).asInt());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> table.setArrayElement(5, exports.getMember("seven")));
    }

    @Test
    void aTableAtItsMaximumDoesNotGrow() {
        Value exports = exports("(module (table (export \"table\") 1 1 funcref) (func (export \"f\")))");
        Value table = exports.getMember("table");
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> table.setArrayElement(1, exports.getMember("f")));
        assertEquals(1, table.getArraySize());
    }

    @Test
    void multipleResultsComeBackAsAnArray() {
        Value exports = exports("(module (func (export \"swap\") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0)))");
        Value result = exports.getMember("swap").execute(1, 2.5);
        assertTrue(result.hasArrayElements());
        assertEquals(2, result.getArraySize());
        assertEquals(2.5, result.getArrayElement(0).asDouble());
        assertEquals(1, result.getArrayElement(1).asInt());
    }

    @Test
    void malformedAndInvalidModulesAreSyntaxErrors() {
        PolyglotException malformed = assertThrows(PolyglotException.class, () -> context.eval("wasm", "(module (func (i32.const)))"));
        assertTrue(malformed.isSyntaxError());
        assertTrue(malformed.getMessage().contains("malformed module"), malformed.getMessage());
        byte[] truncated = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00};
        PolyglotException badBinary = assertThrows(PolyglotException.class,
                        () -> context.eval(Source.newBuilder("wasm", ByteSequence.create(truncated), "t.wasm").mimeType("application/wasm").buildLiteral()));
        assertTrue(badBinary.isSyntaxError());
        assertTrue(badBinary.getMessage().contains("malformed module: unexpected end"), badBinary.getMessage());
        PolyglotException invalid = assertThrows(PolyglotException.class,
                        () -> context.eval("wasm", "(module (func (result i32) (i64.const 1)))"));
        assertTrue(invalid.isSyntaxError());
        assertTrue(invalid.getMessage().contains("invalid module: type mismatch"), invalid.getMessage());
    }

    @Test
    void missingImportNamesModuleAndField() {
        Value module = context.eval("wasm", "(module (import \"env\" \"missing\" (func)))");
        PolyglotException e = assertThrows(PolyglotException.class, () -> module.newInstance());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
        assertTrue(e.getMessage().contains("unknown import") && e.getMessage().contains("\"env\" \"missing\""), e.getMessage());
        Object wrongType = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("missing", 42))));
        PolyglotException incompatible = assertThrows(PolyglotException.class, () -> module.newInstance(wrongType));
        assertTrue(incompatible.getMessage().contains("incompatible import type"), incompatible.getMessage());
    }

    @Test
    void trapsCarryTheSpecMessageAndFunctionNames() {
        Value exports = exports("""
                        (module
                          (func $divide (export "divide") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
                          (func (export "outer") (result i32) (call $divide (i32.const 1) (i32.const 0))))
                        """);
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("outer").execute());
        assertTrue(e.isGuestException());
        assertEquals("integer divide by zero", e.getMessage());
        List<String> frames = new ArrayList<>();
        e.getPolyglotStackTrace().forEach(frame -> {
            if (frame.isGuestFrame()) {
                frames.add(frame.getRootName());
            }
        });
        assertEquals(List.of("divide", "outer"), frames.subList(0, 2));
    }

    @Test
    void trapsInBinaryModulesUseTheNameSection() {
        // The encoder writes the $names of the text as a binary name section.
        byte[] binary = ModuleEncoder.encode(WatParser.parseModule("""
                        (module
                          (func $inner (unreachable))
                          (func $middle (call $inner))
                          (func (export "run") (call $middle)))
                        """));
        Value exports = context.eval(Source.newBuilder("wasm", ByteSequence.create(binary), "named.wasm").mimeType("application/wasm").buildLiteral())
                        .newInstance().getMember("exports");
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("run").execute());
        assertEquals("unreachable", e.getMessage());
        List<String> frames = new ArrayList<>();
        e.getPolyglotStackTrace().forEach(frame -> {
            if (frame.isGuestFrame()) {
                frames.add(frame.getRootName());
            }
        });
        assertEquals(List.of("inner", "middle", "run"), frames.subList(0, 3));
    }

    @Test
    void engineStaysUsableAfterStackExhaustion() {
        Value exports = exports("""
                        (module
                          (func $down (export "down") (param i32) (result i32) (i32.add (call $down (local.get 0)) (i32.const 1)))
                          (func (export "ok") (result i32) (i32.const 5)))
                        """);
        for (int i = 0; i < 3; i++) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("down").execute(0));
            assertEquals("call stack exhausted", e.getMessage());
            assertFalse(e.isInternalError());
            assertEquals(5, exports.getMember("ok").execute().asInt());
        }
    }

    @Test
    void argumentErrorsAreClear() {
        Value add = exports("(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))").getMember("add");
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> add.execute("one", 2));
        assertTrue(wrongType.getMessage().contains("i32"), wrongType.getMessage());
        IllegalArgumentException wrongArity = assertThrows(IllegalArgumentException.class, () -> add.execute(1));
        assertTrue(wrongArity.getMessage().contains("2"), wrongArity.getMessage());
    }

    @Test
    void oneSourceServesManyContexts() {
        Source source = Source.create("wasm", "(module (global $g (mut i32) (i32.const 0)) (func (export \"next\") (result i32) "
                        + "(global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))");
        try (org.graalvm.polyglot.Engine engine = org.graalvm.polyglot.Engine.create("wasm")) {
            for (int c = 0; c < 2; c++) {
                try (Context shared = Context.newBuilder("wasm").engine(engine).build()) {
                    Value next = shared.eval(source).newInstance().getMember("exports").getMember("next");
                    assertEquals(1, next.execute().asInt());
                    assertEquals(2, next.execute().asInt());
                }
            }
        }
    }
}
