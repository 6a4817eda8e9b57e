package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several memories in one module (multi-memory, option {@code wasm.MultiMemory}) in each engine
 * configuration, the baseline tier included: loads, stores and bulk operations on memories other
 * than memory 0, a 32-bit and a 64-bit memory side by side, and each memory as its own buffer on
 * the host side.
 */
class MultiMemoryTest {
    private static final String MODULE = """
                    (module
                      (memory $a (export "a") 1)
                      (memory $b (export "b") 1 3)
                      (memory $c (export "c") i64 1)
                      (data $d "\\01\\02\\03\\04")
                      (func (export "store") (param i32 i32 i32)
                        (i32.store $a (local.get 0) (local.get 2))
                        (i32.store $b offset=8 (local.get 1) (i32.add (local.get 2) (i32.const 1))))
                      (func (export "loadA") (param i32) (result i32) (i32.load $a (local.get 0)))
                      (func (export "loadB") (param i32) (result i32) (i32.load $b offset=8 (local.get 0)))
                      (func (export "loadC") (param i64) (result i32) (i32.load $c (local.get 0)))
                      (func (export "growB") (param i32) (result i32) (memory.grow $b (local.get 0)))
                      (func (export "sizeB") (result i32) (memory.size $b))
                      (func (export "copyBtoC") (param i32 i64 i32) (memory.copy $c $b (local.get 1) (local.get 0) (local.get 2)))
                      (func (export "fillB") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "initB") (param i32) (memory.init $b $d (local.get 0) (i32.const 0) (i32.const 4))))
                    """;

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void everyMemoryInstructionTakesAMemoryIndex(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine();
                        Context context = Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true)
                                        .option("wasm.MultiMemory", "true").option("wasm.Memory64", "true").build()) {
            Value e = context.eval("wasm", MODULE).newInstance().getMember("exports");
            e.getMember("store").execute(16, 32, 41);
            assertEquals(41, e.getMember("loadA").execute(16).asInt());
            assertEquals(42, e.getMember("loadB").execute(32).asInt());
            assertEquals(0, e.getMember("loadA").execute(40).asInt(), "memory $a is untouched at $b's address");
            // each memory is its own buffer for the host
            assertEquals(41, e.getMember("a").readBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 16));
            assertEquals(42, e.getMember("b").readBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 40));
            assertEquals(0, e.getMember("b").readBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 16));

            assertEquals(1, e.getMember("sizeB").execute().asInt());
            assertEquals(1, e.getMember("growB").execute(2).asInt());
            assertEquals(3, e.getMember("sizeB").execute().asInt());
            assertEquals(-1, e.getMember("growB").execute(1).asInt(), "past $b's maximum");
            assertEquals(3 * 65536L, e.getMember("b").getBufferSize());
            assertEquals(65536L, e.getMember("a").getBufferSize(), "growing $b leaves $a alone");

            e.getMember("fillB").execute(3 * 65536 - 4, 7, 4);
            assertEquals(0x07070707, e.getMember("loadB").execute(3 * 65536 - 12).asInt());
            e.getMember("initB").execute(100);
            assertEquals(0x04030201, e.getMember("loadB").execute(92).asInt());
            e.getMember("copyBtoC").execute(100, 1L << 10, 4);
            assertEquals(0x04030201, e.getMember("loadC").execute(1L << 10).asInt());

            PolyglotException trap = assertThrows(PolyglotException.class, () -> e.getMember("loadB").execute(3 * 65536 - 8));
            assertTrue(trap.getMessage().contains("out of bounds memory access"), trap.getMessage());
            trap = assertThrows(PolyglotException.class, () -> e.getMember("copyBtoC").execute(0, 65536L - 2, 4));
            assertTrue(trap.getMessage().contains("out of bounds memory access"), trap.getMessage());
            assertTrue(!trap.isInternalError());
        }
    }
}
