package dev.twasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.AddressType;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Opcode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The representation of shared memories (threads) in {@link WasmMemory}: the low array keeps its
 * initial size, the bytes beyond are in whole chunks that growing never copies (so concurrent
 * writes survive a grow), the size bounds the chunks, and the checks and accesses of the atomic
 * instructions ({@link WasmMemory#atomicArray}, {@link AtomicAccess}, {@link AtomicOperation}).
 */
class SharedMemoryTest {
    private static final int PAGE = MemoryType.PAGE_SIZE;

    private static WasmMemory shared(long min, long max) {
        return new WasmMemory(new MemoryType(AddressType.I32, new Limits(min, max), true));
    }

    private static TrapKind trapOf(Runnable access) {
        return assertThrows(WasmTrap.class, access::run).kind();
    }

    @Test
    void growingNeverReplacesAnArrayThatHoldsBytes() {
        WasmMemory memory = shared(1, 2048);
        assertTrue(memory.shared());
        assertTrue(memory.chunked(), "a 32-bit shared memory takes the chunked path");
        byte[] low = memory.buffer;
        assertEquals(PAGE, low.length);
        memory.store(100, 4, 0x11223344);
        assertEquals(1, memory.grow(1));
        assertSame(low, memory.buffer, "the low array keeps its initial size");
        assertEquals(1, memory.chunks.length);
        byte[] first = memory.chunks[0];
        assertEquals(WasmMemory.CHUNK_SIZE, first.length, "a chunk is allocated at its final length");
        memory.store(PAGE + 8, 8, 0x0102030405060708L);
        assertEquals(2, memory.grow(WasmMemory.CHUNK_SIZE / PAGE));
        assertSame(first, memory.chunks[0], "a grow only replaces the chunk table");
        assertEquals(2, memory.chunks.length);
        assertEquals(2047L * PAGE - WasmMemory.CHUNK_SIZE, memory.chunks[1].length, "the last chunk ends at the maximum");
        assertEquals(0x11223344, memory.load(100, 4));
        assertEquals(0x0102030405060708L, memory.load(PAGE + 8, 8));
        assertEquals(-1, memory.grow(2048), "past the maximum");
        assertEquals(2 + WasmMemory.CHUNK_SIZE / PAGE, memory.pages());
    }

    @Test
    void theSizeBoundsTheChunks() {
        WasmMemory memory = shared(1, 16);
        memory.grow(1);
        assertEquals(2L * PAGE, memory.byteSize());
        assertTrue(memory.chunks[0].length > PAGE, "the chunk extends past the size");
        memory.store(2L * PAGE - 4, 4, 7);
        assertEquals(7, memory.load(2L * PAGE - 4, 4));
        assertNull(memory.highChunk(2L * PAGE - 2, 4));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trapOf(() -> memory.load(2L * PAGE - 2, 4)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trapOf(() -> memory.store(2L * PAGE, 1, 1)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trapOf(() -> memory.atomicArray(2L * PAGE, 4)));
    }

    @Test
    void aStraddlingPlainAccessAssemblesItsBytes() {
        WasmMemory memory = shared(1, 4);
        memory.grow(1);
        memory.store(PAGE - 2, 4, 0xAABBCCDDL);
        assertEquals(0xAABBCCDDL, memory.load(PAGE - 2, 4));
        assertEquals(0xCCDD, memory.load(PAGE - 2, 2));
        assertEquals(0xAABB, memory.load(PAGE, 2));
    }

    @Test
    void a32BitSharedMemoryIsCappedLikeAnUnsharedOne() {
        WasmMemory memory = shared(0, MemoryType.MAX_PAGES);
        assertEquals(0, memory.buffer.length);
        assertEquals(-1, memory.grow(WasmMemory.MAX_PAGES + 1L));
        assertEquals(0, memory.pages());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void writesDuringGrowsAreNotLost() throws InterruptedException {
        WasmMemory memory = shared(1, 1024);
        memory.grow(1);
        AtomicBoolean stop = new AtomicBoolean();
        int[] rounds = new int[1];
        Thread writer = new Thread(() -> {
            for (int round = 1; !stop.get(); round++) {
                for (int i = 0; i < 2 * PAGE; i += 8) {
                    memory.store(i, 8, round);
                }
                rounds[0] = round;
            }
        });
        writer.start();
        for (int i = 0; i < 200; i++) {
            memory.grow(1);
        }
        stop.set(true);
        writer.join();
        for (int i = 0; i < 2 * PAGE; i += 8) {
            assertEquals(rounds[0], memory.load(i, 8), "address " + i);
        }
        assertEquals(202, memory.pages());
    }

    @Test
    void atomicsCheckBoundsThenAlignment() {
        WasmMemory memory = shared(1, 1);
        assertEquals(TrapKind.UNALIGNED_ATOMIC, trapOf(() -> memory.atomicArray(2, 4)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trapOf(() -> memory.atomicArray(PAGE - 2, 4)), "out of bounds and unaligned");
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, trapOf(() -> memory.atomicArray(-1, 1)));
        assertSame(memory.buffer, memory.atomicArray(PAGE - 8, 8));
        assertEquals("unaligned atomic", TrapKind.UNALIGNED_ATOMIC.message());
        WasmMemory unshared = new WasmMemory(new MemoryType(new Limits(1, 1)));
        assertSame(unshared.buffer, unshared.atomicArray(4, 4), "atomics work on unshared memories too");
        assertNull(unshared.waiters());
        assertEquals(0, AtomicWaiters.notify(unshared, 0, 5), "nobody can wait on an unshared memory");
    }

    @Test
    void readModifyWritesReturnTheOldValueZeroExtended() {
        byte[] a = new byte[16];
        assertEquals(0, AtomicAccess.readModifyWrite(a, 0, 1, AtomicOperation.SUB, 1));
        assertEquals(0xFF, AtomicAccess.load(a, 0, 1), "0 - 1 wraps to the width");
        assertEquals(0xFF, AtomicAccess.readModifyWrite(a, 0, 1, AtomicOperation.ADD, 2));
        assertEquals(1, AtomicAccess.load(a, 0, 1));
        assertEquals(0, a[1], "a narrow access writes only its width");
        AtomicAccess.store(a, 8, 8, -1L);
        assertEquals(-1L, AtomicAccess.readModifyWrite(a, 8, 8, AtomicOperation.AND, 0xF0F0L));
        assertEquals(0xF0F0L, AtomicAccess.readModifyWrite(a, 8, 8, AtomicOperation.OR, 0x0F0FL));
        assertEquals(0xFFFFL, AtomicAccess.readModifyWrite(a, 8, 8, AtomicOperation.XOR, 0xFF00L));
        assertEquals(0x00FFL, AtomicAccess.readModifyWrite(a, 8, 8, AtomicOperation.XCHG, 0x1234_5678_9ABC_DEF0L));
        assertEquals(0x9ABC_DEF0L, AtomicAccess.load(a, 8, 4), "little-endian");
        assertEquals(0x9ABC_DEF0L, AtomicAccess.readModifyWrite(a, 8, 4, AtomicOperation.ADD, 0x10L));
        assertEquals(0xDEF0 + 0x10, AtomicAccess.load(a, 8, 2));
        assertArrayEquals(new byte[]{0x00, (byte) 0xDF, (byte) 0xBC, (byte) 0x9A}, java.util.Arrays.copyOfRange(a, 8, 12));
    }

    @Test
    void compareExchangeComparesTheExpectedValueWrappedToTheWidth() {
        byte[] a = new byte[8];
        AtomicAccess.store(a, 0, 1, 0x11);
        assertEquals(0x11, AtomicAccess.compareExchange(a, 0, 1, 0xFFFF_FF11L, 0xCDCD_CDCDL));
        assertEquals(0xCD, AtomicAccess.load(a, 0, 1), "matched: only the low byte of expected counts");
        assertEquals(0xCD, AtomicAccess.compareExchange(a, 0, 1, 0x11, 0x22));
        assertEquals(0xCD, AtomicAccess.load(a, 0, 1), "no match, no store");
        AtomicAccess.store(a, 4, 2, 0x1111);
        assertEquals(0x1111, AtomicAccess.compareExchange(a, 4, 2, 0x1111, 0xCAFE_CAFEL));
        assertEquals(0xCAFE, AtomicAccess.load(a, 4, 2));
        assertEquals(0, a[6], "a 16-bit exchange writes two bytes");
    }

    @Test
    void everyAtomicInstructionHasAnOperation() {
        int count = 0;
        for (Opcode op : Opcode.values()) {
            if (op.isAtomic()) {
                AtomicOperation operation = AtomicOperation.of(op);
                count++;
                String m = op.mnemonic();
                switch (operation) {
                    case LOAD -> assertTrue(m.contains(".load"), m);
                    case STORE -> assertTrue(m.contains(".store"), m);
                    case WAIT -> assertTrue(m.startsWith("memory.atomic.wait"), m);
                    case NOTIFY -> assertEquals("memory.atomic.notify", m);
                    case FENCE -> assertEquals("atomic.fence", m);
                    default -> {
                        assertTrue(operation.isReadModifyWrite() || operation == AtomicOperation.CMPXCHG, m);
                        assertTrue(m.endsWith("." + operation.name().toLowerCase()) || m.endsWith("." + operation.name().toLowerCase() + "_u"), m);
                    }
                }
            }
        }
        assertEquals(0x4F - 0x10 + 4, count, "0xFE00..0xFE03 and 0xFE10..0xFE4E");
        assertFalse(AtomicOperation.CMPXCHG.isReadModifyWrite(), "cmpxchg has two operands");
    }
}
