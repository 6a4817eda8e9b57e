package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 64-bit memories beyond their low array (up to 2 GiB, then 64 MiB chunks), in each engine
 * configuration: accesses of every width that straddle the boundary between the low array and
 * the first chunk, or between two chunks (with {@code wasm.Memory64ArrayPages} lowered so that
 * they come at 64 and 128 MiB), bulk instructions and data segments across them (also between a
 * 32-bit and a 64-bit memory), the polyglot buffer at {@code long} offsets, {@code memory.grow}
 * limits, and a memory grown past 4 GiB with exact bounds at its end. That last test needs about
 * 4.1 GiB of heap and of free RAM and is skipped, with the reason, where the machine does not
 * have them.
 */
class LargeMemory64Test {
    /** The end of the low array with {@code wasm.Memory64ArrayPages=1024}; the chunks ({@code WasmMemory.CHUNK_SIZE}) are as long. */
    private static final long B = 1L << 26;
    /** The end of the low array by default: {@code WasmMemory.MAX_PAGES} pages. */
    private static final long LOW = 32767L * 65536;
    private static final long PAGE = 65536;
    private static final long GIB4 = 1L << 32;

    private static final String CHUNKS = """
                    (module
                      (memory $m (export "mem") i64 1025)
                      (memory $small (export "small") 1)
                      (data $d "0123456789")
                      (data (memory $m) (i64.const 67108860) "abcdefgh")
                      (func (export "grow") (param i64) (result i64) (memory.grow $m (local.get 0)))
                      (func (export "i64.store") (param i64 i64) (i64.store $m (local.get 0) (local.get 1)))
                      (func (export "i64.load") (param i64) (result i64) (i64.load $m (local.get 0)))
                      (func (export "i32.load") (param i64) (result i32) (i32.load $m (local.get 0)))
                      (func (export "i32.load16_s") (param i64) (result i32) (i32.load16_s $m (local.get 0)))
                      (func (export "i64.load32_s") (param i64) (result i64) (i64.load32_s $m (local.get 0)))
                      (func (export "i32.store16") (param i64 i32) (i32.store16 $m (local.get 0) (local.get 1)))
                      (func (export "f64.load") (param i64) (result f64) (f64.load $m (local.get 0)))
                      (func (export "f32.store") (param i64 f32) (f32.store $m (local.get 0) (local.get 1)))
                      (func (export "f32.load") (param i64) (result f32) (f32.load $m (local.get 0)))
                      (func (export "v128.store") (param i64 i64 i64)
                        (v128.store $m (local.get 0) (i64x2.replace_lane 1 (i64x2.splat (local.get 1)) (local.get 2))))
                      (func (export "v128.load.hi") (param i64) (result i64) (i64x2.extract_lane 1 (v128.load $m (local.get 0))))
                      (func (export "v128.load32_splat") (param i64) (result i32) (i32x4.extract_lane 3 (v128.load32_splat $m (local.get 0))))
                      (func (export "v128.store16_lane") (param i64 i32) (v128.store16_lane $m 2 (local.get 0) (i16x8.splat (local.get 1))))
                      (func (export "fill") (param i64 i32 i64) (memory.fill $m (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "copy") (param i64 i64 i64) (memory.copy $m $m (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "copyToSmall") (param i32 i64 i32) (memory.copy $small $m (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "copyFromSmall") (param i64 i32 i32) (memory.copy $m $small (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "init") (param i64 i32 i32) (memory.init $m $d (local.get 0) (local.get 1) (local.get 2))))
                    """;

    private static final String BIG = """
                    (module
                      (memory (export "mem") i64 1)
                      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
                      (func (export "size") (result i64) (memory.size))
                      (func (export "i64.store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
                      (func (export "i64.load") (param i64) (result i64) (i64.load (local.get 0)))
                      (func (export "i32.store8") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
                      (func (export "i32.load8_u") (param i64) (result i32) (i32.load8_u (local.get 0)))
                      (func (export "load8_u+2^32") (param i64) (result i32) (i32.load8_u offset=4294967296 (local.get 0)))
                      (func (export "load8_u+max") (param i64) (result i32) (i32.load8_u offset=18446744073709551615 (local.get 0)))
                      (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2))))
                    """;

    private static Context context(Engine engine, long maxMemory64Bytes) {
        return context(engine, maxMemory64Bytes, 32767);
    }

    private static Context context(Engine engine, long maxMemory64Bytes, int arrayPages) {
        return Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true).option("wasm.Memory64", "true")
                        .option("wasm.MultiMemory", "true").option("wasm.MaxMemory64Bytes", Long.toString(maxMemory64Bytes))
                        .option("wasm.Memory64ArrayPages", Integer.toString(arrayPages)).build();
    }

    private static Value exports(Context context, String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void accessesAcrossAChunkBoundary(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = context(engine, 1L << 34, 1024)) {
            Value e = exports(context, CHUNKS);
            Value mem = e.getMember("mem");
            // the active segment straddles the first chunk boundary
            assertEquals(0x6867666564636261L, e.getMember("i64.load").execute(B - 4).asLong());
            // growing the last, partial chunk to full and past the next boundary keeps the contents and zeroes the new pages
            e.getMember("i64.store").execute(1025 * PAGE - 8, 42L);
            assertEquals(1025L, e.getMember("grow").execute(1024L).asLong());
            assertEquals(42L, e.getMember("i64.load").execute(1025 * PAGE - 8).asLong());
            assertEquals(0L, e.getMember("i64.load").execute(2049 * PAGE - 8).asLong());
            assertEquals(0x6867666564636261L, e.getMember("i64.load").execute(B - 4).asLong());

            long v = 0x8899AABBCCDDEEFFL; // bytes FF EE DD | CC BB AA 99 88 at B - 3
            e.getMember("i64.store").execute(B - 3, v);
            assertEquals(v, e.getMember("i64.load").execute(B - 3).asLong());
            assertEquals((int) (short) 0xCCDD, e.getMember("i32.load16_s").execute(B - 1).asInt());
            assertEquals((long) (int) 0xBBCCDDEE, e.getMember("i64.load32_s").execute(B - 2).asLong());
            assertEquals(v, mem.readBufferLong(ByteOrder.LITTLE_ENDIAN, B - 3));
            assertEquals(Long.reverseBytes(v), mem.readBufferLong(ByteOrder.BIG_ENDIAN, B - 3));
            mem.writeBufferInt(ByteOrder.BIG_ENDIAN, B - 2, 0x01020304);
            assertEquals(0x04030201, e.getMember("i32.load").execute(B - 2).asInt());
            assertEquals(0x02, mem.getArrayElement(B - 1).asInt());
            mem.setArrayElement(B, 0xFE);
            assertEquals((byte) 0xFE, mem.readBufferByte(B));
            e.getMember("i32.store16").execute(B - 1, 0xBEEF);
            assertEquals(0xBEEF, mem.readBufferShort(ByteOrder.LITTLE_ENDIAN, B - 1) & 0xFFFF);
            e.getMember("f32.store").execute(B - 2, 1.5f);
            assertEquals(1.5f, e.getMember("f32.load").execute(B - 2).asFloat());
            e.getMember("i64.store").execute(B - 5, Double.doubleToRawLongBits(-2.25));
            assertEquals(-2.25, e.getMember("f64.load").execute(B - 5).asDouble());

            long lo = 0x0706050403020100L;
            long hi = 0x0F0E0D0C0B0A0908L;
            e.getMember("v128.store").execute(B - 8, lo, hi);
            assertEquals(hi, e.getMember("i64.load").execute(B).asLong());
            assertEquals(hi, e.getMember("v128.load.hi").execute(B - 8).asLong());
            assertEquals((lo >>> 40) | (hi << 24), e.getMember("v128.load.hi").execute(B - 11).asLong());
            assertEquals(0x09080706, e.getMember("v128.load32_splat").execute(B - 2).asInt());
            e.getMember("v128.store16_lane").execute(B - 1, 0x1234);
            assertEquals(0x12, mem.readBufferByte(B));
            assertEquals(0x34, mem.readBufferByte(B - 1));

            e.getMember("fill").execute(B - 10, 0xAB, 20L);
            assertEquals(0xABABABABABABABABL, e.getMember("i64.load").execute(B - 4).asLong());
            assertEquals(0, mem.readBufferByte(B - 11));
            assertEquals((byte) 0xAB, mem.readBufferByte(B + 9));
            assertEquals(0, mem.readBufferByte(B + 10));

            for (int k = 0; k < 64; k++) {
                mem.writeBufferByte(B - 32 + k, (byte) k);
            }
            e.getMember("copy").execute(B - 28, B - 32, 40L); // overlapping, destination above the source
            for (int k = 0; k < 40; k++) {
                assertEquals(k, mem.readBufferByte(B - 28 + k), "byte " + k + " copied upward");
            }
            e.getMember("copy").execute(B - 32, B - 28, 40L); // and back down
            for (int k = 0; k < 40; k++) {
                assertEquals(k, mem.readBufferByte(B - 32 + k), "byte " + k + " copied downward");
            }

            Value small = e.getMember("small");
            e.getMember("copyToSmall").execute(100, B - 4, 8);
            for (int k = 0; k < 8; k++) {
                assertEquals(mem.readBufferByte(B - 4 + k), small.readBufferByte(100 + k));
            }
            small.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 0, 0x44332211);
            e.getMember("copyFromSmall").execute(B - 2, 0, 4);
            assertEquals(0x44332211, e.getMember("i32.load").execute(B - 2).asInt());
            e.getMember("init").execute(B - 3, 2, 6);
            assertEquals(0x37363534, e.getMember("i32.load").execute(B - 1).asInt()); // "4567"

            // the boundary between the first two chunks
            e.getMember("i64.store").execute(2 * B - 5, v);
            assertEquals(v, e.getMember("i64.load").execute(2 * B - 5).asLong());
            assertEquals(v, mem.readBufferLong(ByteOrder.LITTLE_ENDIAN, 2 * B - 5));
            e.getMember("v128.store").execute(2 * B - 7, lo, hi);
            assertEquals(hi, e.getMember("v128.load.hi").execute(2 * B - 7).asLong());
            assertEquals(hi, e.getMember("i64.load").execute(2 * B + 1).asLong());
            e.getMember("fill").execute(2 * B - 3, 0x11, 6L);
            assertEquals(0x11111111, e.getMember("i32.load").execute(2 * B - 2).asInt());
            for (int k = 0; k < 64; k++) {
                mem.writeBufferByte(2 * B - 32 + k, (byte) k);
            }
            e.getMember("copy").execute(2 * B - 20, 2 * B - 30, 50L);
            for (int k = 0; k < 50; k++) {
                assertEquals(k + 2, mem.readBufferByte(2 * B - 20 + k), "byte " + k + " copied upward across both chunks");
            }

            // exact bounds at the end, for each width and for the bulk instructions
            long size = 2049 * PAGE;
            assertEquals(size, mem.getBufferSize());
            assertEquals(size, mem.getArraySize());
            assertEquals(0L, e.getMember("i64.load").execute(size - 8).asLong());
            assertTrap(() -> e.getMember("i64.load").execute(size - 7));
            assertTrap(() -> e.getMember("v128.load.hi").execute(size - 15));
            assertTrap(() -> e.getMember("v128.store16_lane").execute(size - 1, 1));
            assertTrap(() -> e.getMember("fill").execute(size - 1, 1, 2L));
            assertTrap(() -> e.getMember("copy").execute(size - 4, B, 5L));
            assertTrap(() -> e.getMember("copyToSmall").execute(0, size - 4, 5));
            assertEquals(0, mem.readBufferByte(size - 1), "a trapping instruction writes nothing");
            assertThrows(IndexOutOfBoundsException.class, () -> mem.readBufferByte(size));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.readBufferLong(ByteOrder.LITTLE_ENDIAN, size - 7));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void growStopsAtTheEngineLimit(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = context(engine, 3 * PAGE)) {
            Value e = exports(context, BIG);
            assertEquals(1L, e.getMember("grow").execute(2L).asLong());
            assertEquals(-1L, e.getMember("grow").execute(1L).asLong(), "past wasm.MaxMemory64Bytes");
            assertEquals(3L, e.getMember("size").execute().asLong());
            PolyglotException tooLarge = assertThrows(PolyglotException.class, () -> exports(context, "(module (memory i64 4))"));
            assertTrue(tooLarge.getMessage().contains("exceeds this engine's limit"), tooLarge.getMessage());
            assertTrue(!tooLarge.isInternalError(), tooLarge.getMessage());
        }
        try (Engine engine = configuration.createEngine(); Context context = context(engine, Long.MAX_VALUE)) {
            Value e = exports(context, BIG);
            long beyondTheHeap = Runtime.getRuntime().maxMemory() / PAGE + 1;
            assertEquals(-1L, e.getMember("grow").execute(beyondTheHeap).asLong(), "more than the JVM heap can hold");
            assertEquals(-1L, e.getMember("grow").execute(1L << 40).asLong());
            assertEquals(1L, e.getMember("size").execute().asLong());
            PolyglotException tooLarge = assertThrows(PolyglotException.class, () -> exports(context, "(module (memory i64 " + beyondTheHeap + "))"));
            assertTrue(tooLarge.getMessage().contains("larger than the JVM heap"), tooLarge.getMessage());
            assertTrue(!tooLarge.isInternalError(), tooLarge.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void growsPast4GiB(EngineConfiguration configuration) {
        long needed = GIB4 + (256L << 20);
        assumeTrue(Runtime.getRuntime().maxMemory() >= needed + (512L << 20),
                        "needs a JVM heap of 4.8 GiB for a memory over 4 GiB; -Xmx is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        System.gc(); // the memories of earlier tests are garbage: their heap counts as available below
        long free = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getFreeMemorySize()
                        + Runtime.getRuntime().freeMemory();
        assumeTrue(free >= needed, "needs 4.3 GiB of free RAM for a memory over 4 GiB; " + (free >> 20) + " MiB are free (RAM and heap)");
        try (Engine engine = configuration.createEngine(); Context context = context(engine, 1L << 34)) {
            Value e = exports(context, BIG);
            long old = e.getMember("grow").execute(65536L).asLong();
            assumeTrue(old == 1, "the JVM could not allocate a memory of 4 GiB + 64 KiB here (memory.grow returned -1)");
            long end = 65537 * PAGE;
            assertEquals(65537L, e.getMember("size").execute().asLong());
            e.getMember("i64.store").execute(end - 8, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, e.getMember("i64.load").execute(end - 8).asLong());
            e.getMember("i32.store8").execute(end - 1, 0x99);
            assertEquals(0x99, e.getMember("i32.load8_u").execute(end - 1).asInt());
            assertEquals(0x99, e.getMember("load8_u+2^32").execute(end - 1 - GIB4).asInt());
            e.getMember("i64.store").execute(LOW - 3, 0x1122334455667788L); // across the end of the low array
            assertEquals(0x1122334455667788L, e.getMember("i64.load").execute(LOW - 3).asLong());
            assertEquals(0x55, e.getMember("i32.load8_u").execute(LOW).asInt());
            e.getMember("i64.store").execute(GIB4 + 12345, -5L);
            assertEquals(-5L, e.getMember("i64.load").execute(GIB4 + 12345).asLong());
            assertEquals(0L, e.getMember("i64.load").execute(12345L).asLong(), "no aliasing modulo 2^32");
            assertTrap(() -> e.getMember("i64.load").execute(end - 7));
            assertTrap(() -> e.getMember("i32.load8_u").execute(end));
            assertTrap(() -> e.getMember("load8_u+2^32").execute(end - GIB4));
            assertTrap(() -> e.getMember("load8_u+max").execute(0L));
            assertTrap(() -> e.getMember("load8_u+max").execute(1L));
            assertTrap(() -> e.getMember("i64.store").execute(-8L, 1L));

            e.getMember("fill").execute(GIB4 - 4, 0x5A, 8L);
            assertEquals(0x5A5A5A5A5A5A5A5AL, e.getMember("i64.load").execute(GIB4 - 4).asLong());
            e.getMember("copy").execute(end - 16, GIB4 - 4, 8L);
            assertEquals(0x5A5A5A5A5A5A5A5AL, e.getMember("i64.load").execute(end - 16).asLong());
            assertTrap(() -> e.getMember("fill").execute(end - 8, 0, 9L));

            Value mem = e.getMember("mem");
            assertEquals(end, mem.getBufferSize());
            assertEquals(0x9902030405060708L, mem.readBufferLong(ByteOrder.LITTLE_ENDIAN, end - 8));
            mem.writeBufferByte(GIB4 + 1, (byte) 7);
            assertEquals(7, e.getMember("i32.load8_u").execute(GIB4 + 1).asInt());
            assertThrows(IndexOutOfBoundsException.class, () -> mem.readBufferByte(end));

            if (configuration == EngineConfiguration.INTERPRETER) {
                // as many more bytes as the heap holds in all: the allocation fails part way
                long rest = (Runtime.getRuntime().maxMemory() - end) / PAGE;
                assertEquals(-1L, e.getMember("grow").execute(rest).asLong(), "an OutOfMemoryError is memory.grow's -1");
                assertEquals(65537L, e.getMember("size").execute().asLong());
                assertEquals(-5L, e.getMember("i64.load").execute(GIB4 + 12345).asLong());
            }
        }
    }

    private static void assertTrap(org.junit.jupiter.api.function.Executable call) {
        PolyglotException e = assertThrows(PolyglotException.class, call);
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
        assertTrue(!e.isInternalError(), e.getMessage());
    }
}
