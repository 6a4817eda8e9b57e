package dev.twasm.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code v128} values through the polyglot API (arguments, results, globals, host imports) and the
 * errors of bad SIMD input: a malformed lane index or immediate, a {@code v128} where a number is
 * expected, a host value that is no vector.
 */
class SimdEmbeddingTest {
    private static final String VECTORS = """
                    (module
                      (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
                      (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                      (func (export "lanes") (param v128) (result i32 f32 v128)
                        (i32x4.extract_lane 3 (local.get 0)) (f32x4.extract_lane 0 (local.get 0)) (local.get 0))
                      (func (export "sum") (param v128) (result i32)
                        (local $v v128) (local.set $v (local.get 0))
                        (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
                                 (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v))))))
                    """;

    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.newBuilder("wasm").build();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Value exports(String wat, Object imports) {
        Value module = context.eval("wasm", wat);
        return (imports == null ? module.newInstance() : module.newInstance(imports)).getMember("exports");
    }

    /** 16 bytes, byte 0 first, as a proxy array (a context's default host access hides Java arrays). */
    private static ProxyArray bytes(int... values) {
        Object[] elements = new Object[16];
        for (int i = 0; i < 16; i++) {
            elements[i] = i < values.length ? values[i] : 0;
        }
        return ProxyArray.fromArray(elements);
    }

    private static ProxyArray i32x4(int a, int b, int c, int d) {
        int[] lanes = {a, b, c, d};
        int[] bytes = new int[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (lanes[i / 4] >>> (8 * (i % 4))) & 0xFF;
        }
        return bytes(bytes);
    }

    private static int lane32(Value v128, int lane) {
        return v128.readBufferInt(ByteOrder.LITTLE_ENDIAN, 4L * lane);
    }

    @Test
    void resultsAre16ByteBuffersAndArrays() {
        Value exports = exports(VECTORS, null);
        Value sum = exports.getMember("add").execute(i32x4(1, 2, 3, -4), i32x4(10, 20, 30, 40));
        assertTrue(sum.hasBufferElements());
        assertFalse(sum.isBufferWritable());
        assertEquals(16, sum.getBufferSize());
        assertEquals(11, lane32(sum, 0));
        assertEquals(36, lane32(sum, 3));
        assertEquals(36, sum.readBufferInt(ByteOrder.BIG_ENDIAN, 12) >>> 24);
        assertEquals(16, sum.getArraySize());
        assertArrayEquals(new byte[] {11, 0, 0, 0, 22, 0, 0, 0, 33, 0, 0, 0, 36, 0, 0, 0}, sum.as(byte[].class));
        assertTrue(sum.toString().contains("0x000000240000002100000016"), sum.toString());
        // a result goes back in as an argument
        assertEquals(11 + 22 + 33 + 36, exports.getMember("sum").execute(sum).asInt());
    }

    @Test
    void argumentsComeFromArraysOfBytesSignedOrUnsigned() {
        Value exports = exports(VECTORS, null);
        assertEquals(-1 + 0x7f, exports.getMember("sum").execute(bytes(255, 255, 255, 255, 0x7f)).asInt());
        assertEquals(-1 + 0x7f, exports.getMember("sum").execute(bytes(-1, -1, -1, -1, 0x7f)).asInt());
    }

    @Test
    void multiValueResultsMixVectorsAndNumbers() {
        Value results = exports(VECTORS, null).getMember("lanes").execute(i32x4(Float.floatToRawIntBits(1.5f), 0, 0, 9));
        assertEquals(3, results.getArraySize());
        assertEquals(9, results.getArrayElement(0).asInt());
        assertEquals(1.5f, results.getArrayElement(1).asFloat());
        assertEquals(9, lane32(results.getArrayElement(2), 3));
    }

    @Test
    void globalsHoldVectors() {
        Value global = exports(VECTORS, null).getMember("g");
        assertEquals(4, lane32(global.getMember("value"), 3));
        global.putMember("value", i32x4(5, 6, 7, 8));
        assertEquals(8, lane32(global.getMember("value"), 3));
    }

    @Test
    void hostFunctionsTakeAndReturnVectors() {
        ProxyExecutable reverse = args -> {
            Value v = args[0];
            return i32x4(lane32(v, 3), lane32(v, 2), lane32(v, 1), lane32(v, 0));
        };
        Value exports = exports("""
                        (module (import "host" "reverse" (func $reverse (param v128) (result v128)))
                          (func (export "f") (param v128) (result i32) (i32x4.extract_lane 0 (call $reverse (local.get 0)))))
                        """, ProxyObject.fromMap(Map.of("host", ProxyObject.fromMap(Map.of("reverse", reverse)))));
        assertEquals(4, exports.getMember("f").execute(i32x4(1, 2, 3, 4)).asInt());
    }

    @Test
    void aValueThatIsNoVectorIsATypeError() {
        Value sum = exports(VECTORS, null).getMember("sum");
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class, () -> sum.execute(42));
        assertTrue(number.getMessage().contains("expected a v128"), number.getMessage());
        IllegalArgumentException shortArray = assertThrows(IllegalArgumentException.class, () -> sum.execute(ProxyArray.fromArray(1, 2, 3)));
        assertTrue(shortArray.getMessage().contains("expected a v128"), shortArray.getMessage());
        IllegalArgumentException wideByte = assertThrows(IllegalArgumentException.class, () -> sum.execute(bytes(256)));
        assertTrue(wideByte.getMessage().contains("expected a v128"), wideByte.getMessage());
        // the engine stays usable
        assertEquals(10, sum.execute(i32x4(1, 2, 3, 4)).asInt());
    }

    private void assertSyntaxError(String expected, Source source) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(source));
        assertTrue(e.isSyntaxError(), e::toString);
        assertFalse(e.isInternalError(), e::toString);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private void assertSyntaxError(String expected, String wat) {
        assertSyntaxError(expected, Source.create("wasm", wat));
    }

    @Test
    void badSimdInputGetsAClearError() {
        // a lane index beyond the shape, in text and in binary
        assertSyntaxError("invalid lane index", "(module (func (result i32) (i32x4.extract_lane 4 (v128.const i64x2 0 0))))");
        byte[] binary = {0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 5, 1, 0x60, 0, 1, 0x7f, // type [] -> [i32]
            3, 2, 1, 0, // function 0
            10, 25, 1, 23, 0, // code: one body of 23 bytes, no locals
            (byte) 0xfd, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
            (byte) 0xfd, 21, 16, // i8x16.extract_lane_s 16
            0x0b};
        assertSyntaxError("invalid lane index", Source.newBuilder("wasm", ByteSequence.create(binary), "lane.wasm").mimeType("application/wasm")
                        .buildLiteral());
        // a malformed immediate: a lane index that is no byte, a shuffle of 15 lanes, a wrong lane count
        assertSyntaxError("malformed lane index", "(module (func (result i32) (i8x16.extract_lane_u 256 (v128.const i64x2 0 0))))");
        assertSyntaxError("invalid lane length", "(module (func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
                        + "(v128.const i64x2 0 0) (v128.const i64x2 0 0))))");
        assertSyntaxError("wrong number of lane literals", "(module (func (result v128) (v128.const i32x4 1 2 3)))");
        // a v128 where a number is expected, and the other way round
        assertSyntaxError("type mismatch", "(module (func (result i32) (i32.add (v128.const i64x2 0 0) (i32.const 1))))");
        assertSyntaxError("type mismatch", "(module (func (result v128) (i32x4.add (i32.const 0) (v128.const i64x2 0 0))))");
        // the context stays usable
        assertEquals(10, exports(VECTORS, null).getMember("sum").execute(i32x4(1, 2, 3, 4)).asInt());
    }

    @Test
    void vectorLoadsTrapAtTheEndOfMemory() {
        Value load = exports("""
                        (module (memory 1) (func (export "load") (param i32) (result i32) (i32x4.extract_lane 0 (v128.load (local.get 0)))))
                        """, null).getMember("load");
        assertEquals(0, load.execute(65536 - 16).asInt());
        PolyglotException e = assertThrows(PolyglotException.class, () -> load.execute(65536 - 15));
        assertTrue(e.isGuestException() && e.getMessage().contains("out of bounds memory access"), e.getMessage());
    }

    @Test
    void multiMemoryAddressesEachMemoryInEveryTier() {
        for (String baseline : new String[] {"true", "false"}) {
            try (Context c = Context.newBuilder("wasm").allowExperimentalOptions(true).option("wasm.MultiMemory", "true")
                            .option("wasm.Baseline", baseline).build()) {
                Value exports = c.eval("wasm", """
                                (module (memory (export "m0") 1) (memory $m (export "m1") 1)
                                  (func (export "f") (param i32) (result i32)
                                    (i32.store $m (i32.const 8) (local.get 0))
                                    (v128.store8_lane $m 0 (i32.const 3) (i32x4.splat (local.get 0)))
                                    (i32.add (i32.load $m (i32.const 8)) (i32.load (i32.const 8)))))
                                """).newInstance().getMember("exports");
                for (int i = 0; i < 3; i++) {
                    assertEquals(77, exports.getMember("f").execute(77).asInt());
                }
                assertEquals(77, exports.getMember("m1").readBufferByte(3));
                assertEquals(0, exports.getMember("m0").readBufferByte(3));
            }
        }
    }
}
