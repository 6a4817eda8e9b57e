package dev.twasm.host;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.exception.WasmTrap;
import dev.twasm.runtime.WasmMemory;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A host function's view of a linear memory (spec §4.2.8): little-endian reads and writes at
 * addresses given by the guest. Addresses and lengths are the guest's {@code i32} values read as
 * unsigned, as Wasm does for pointers. An access outside the memory raises the Wasm trap "out of
 * bounds memory access" before anything is read or written, so a bad pointer never becomes a Java
 * exception or a partial effect.
 *
 * <p>Always reads the memory's current buffer, which {@code memory.grow} replaces; a
 * {@link #slice} is a view of the buffer at the time it is taken and is valid until the guest runs
 * again.
 */
public final class GuestMemory {
    private final WasmMemory memory;

    GuestMemory(WasmMemory memory) {
        this.memory = memory;
    }

    /** The current size in bytes. */
    public long byteSize() {
        return memory.byteSize();
    }

    /**
     * Checks that the {@code length} bytes at {@code address} (both unsigned) lie in the memory and
     * returns the address as an array index.
     */
    public int check(int address, int length) {
        long end = Integer.toUnsignedLong(address) + Integer.toUnsignedLong(length);
        if (end > memory.byteSize()) {
            throw WasmTrap.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
        }
        return address;
    }

    /** {@link #check}, with the address as the unsigned number it is. */
    private long at(int address, int length) {
        return Integer.toUnsignedLong(check(address, length));
    }

    /**
     * Checks that an array of {@code count} (unsigned) elements of {@code elementSize} bytes at
     * {@code address} lies in the memory and returns the address as an array index.
     */
    public int checkArray(int address, int count, int elementSize) {
        long length = Integer.toUnsignedLong(count) * elementSize;
        if (Integer.toUnsignedLong(address) + length > memory.byteSize()) {
            throw WasmTrap.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
        }
        return address;
    }

    public int readU8(int address) {
        return (int) memory.load(at(address, 1), 1);
    }

    public int readU16(int address) {
        return (int) memory.load(at(address, 2), 2);
    }

    public int readI32(int address) {
        return (int) memory.load(at(address, 4), 4);
    }

    public long readI64(int address) {
        return memory.load(at(address, 8), 8);
    }

    public void writeI8(int address, int value) {
        memory.store(at(address, 1), 1, value);
    }

    public void writeI16(int address, int value) {
        memory.store(at(address, 2), 2, value);
    }

    public void writeI32(int address, int value) {
        memory.store(at(address, 4), 4, value);
    }

    public void writeI64(int address, long value) {
        memory.store(at(address, 8), 8, value);
    }

    /** A copy of the {@code length} bytes at {@code address}. */
    public byte[] read(int address, int length) {
        long from = at(address, length);
        byte[] bytes = new byte[length];
        memory.copyOut(from, bytes, 0, length);
        return bytes;
    }

    /** Copies {@code bytes} to {@code address}. */
    public void write(int address, byte[] bytes) {
        memory.copyIn(at(address, bytes.length), bytes, 0, bytes.length);
    }

    /**
     * Buffers over the {@code length} bytes at {@code address}, one per array of the memory they lie
     * in ({@link WasmMemory#views}): one for a 32-bit unshared memory, more where a range of a
     * chunked (64-bit or shared) memory crosses from one array to the next. For channel reads and
     * writes without copying, valid until the guest runs again.
     */
    public List<ByteBuffer> slices(int address, int length) {
        return memory.views(at(address, length), length);
    }
}
