package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 64-bit memories and tables (memory64, table64, option {@code wasm.Memory64}) through the
 * polyglot API, in each engine configuration: {@code i64} addresses, sizes and indices, bounds
 * checks that never wrap at 2^32 or 2^64, and import matching on the address type.
 */
class Memory64Test {
    private static final String MODULE = """
                    (module
                      (memory (export "mem") i64 1 4)
                      (table $t i64 2 funcref)
                      (elem (table $t) (i64.const 1) func $seven)
                      (type $r (func (result i32)))
                      (func $seven (result i32) (i32.const 7))
                      (func (export "store") (param i64 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
                      (func (export "load") (param i64) (result i32) (i32.load offset=4 (local.get 0)))
                      (func (export "size") (result i64) (memory.size))
                      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
                      (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "call") (param i64) (result i32) (call_indirect $t (type $r) (local.get 0)))
                      (func (export "tailCall") (param i64) (result i32) (return_call_indirect $t (type $r) (local.get 0)))
                      (func (export "tableSize") (result i64) (table.size $t)))
                    """;

    private static Value exports(Context context, String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    private static Context memory64(Engine engine) {
        return Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true).option("wasm.Memory64", "true").build();
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void addressesSizesAndIndicesAreI64(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = memory64(engine)) {
            Value e = exports(context, MODULE);
            e.getMember("store").execute(100L, 0x12345678);
            assertEquals(0x12345678, e.getMember("load").execute(100L).asInt());
            assertEquals(0x78, e.getMember("mem").readBufferByte(104));
            assertEquals(1L, e.getMember("size").execute().asLong());
            assertEquals(1L, e.getMember("grow").execute(2L).asLong());
            assertEquals(3L, e.getMember("size").execute().asLong());
            assertEquals(-1L, e.getMember("grow").execute(2L).asLong(), "past the maximum of 4 pages");
            assertEquals(-1L, e.getMember("grow").execute(1L << 40).asLong());
            e.getMember("fill").execute(3L * 65536 - 1, 0xAB, 1L);
            assertEquals((byte) 0xAB, e.getMember("mem").readBufferByte(3L * 65536 - 1));
            assertEquals(7, e.getMember("call").execute(1L).asInt());
            assertEquals(7, e.getMember("tailCall").execute(1L).asInt());
            assertEquals(2L, e.getMember("tableSize").execute().asLong());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void boundsChecksDoNotWrap(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = memory64(engine)) {
            Value e = exports(context, MODULE);
            // 2^32 + 100 would be 100 if the address were truncated to 32 bits
            assertTrap(() -> e.getMember("load").execute((1L << 32) + 100), "out of bounds memory access");
            assertTrap(() -> e.getMember("store").execute((1L << 32) + 100, 1), "out of bounds memory access");
            // address + offset wraps around 2^64 to 0: still out of bounds
            assertTrap(() -> e.getMember("load").execute(-4L), "out of bounds memory access");
            assertTrap(() -> e.getMember("load").execute(Long.MIN_VALUE), "out of bounds memory access");
            assertTrap(() -> e.getMember("fill").execute(0L, 0, 1L << 32), "out of bounds memory access");
            assertTrap(() -> e.getMember("call").execute((1L << 32) + 1), "undefined element");
            assertTrap(() -> e.getMember("call").execute(-1L), "undefined element");
            assertTrap(() -> e.getMember("tailCall").execute((1L << 32) + 1), "undefined element");
            // the engine stays usable after each trap
            assertEquals(7, e.getMember("call").execute(1L).asInt());
        }
    }

    @Test
    void importsMatchTheAddressType() {
        try (Context context = memory64(Engine.create("wasm"))) {
            Value mem32 = exports(context, "(module (memory (export \"m\") 1))").getMember("m");
            Value importer = context.eval("wasm", "(module (import \"env\" \"m\" (memory i64 1)))");
            Object imports = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("m", mem32))));
            PolyglotException e = assertThrows(PolyglotException.class, () -> importer.newInstance(imports));
            assertTrue(e.getMessage().contains("expected a memory i64 1"), e.getMessage());
            assertTrue(!e.isInternalError(), e.getMessage());
        }
    }

    @Test
    void withTheOptionOffA64BitMemoryIsMalformed() {
        try (Context context = Context.newBuilder("wasm").allowExperimentalOptions(true).option("wasm.Memory64", "false").build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("wasm", "(module (memory i64 1))"));
            assertTrue(e.getMessage().contains("need the option wasm.Memory64"), e.getMessage());
            assertTrue(!e.isInternalError(), e.getMessage());
        }
    }

    private static void assertTrap(org.junit.jupiter.api.function.Executable call, String message) {
        PolyglotException e = assertThrows(PolyglotException.class, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.isInternalError(), e.getMessage());
    }
}
