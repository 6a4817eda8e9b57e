package dev.twasm.host;

import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.runtime.WasmMemory;

import java.nio.ByteBuffer;

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
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

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
        return memory.buffer[check(address, 1)] & 0xFF;
    }

    public int readU16(int address) {
        return LE.getShort(memory.buffer, check(address, 2)) & 0xFFFF;
    }

    public int readI32(int address) {
        return LE.getInt(memory.buffer, check(address, 4));
    }

    public long readI64(int address) {
        return LE.getLong(memory.buffer, check(address, 8));
    }

    public void writeI8(int address, int value) {
        memory.buffer[check(address, 1)] = (byte) value;
    }

    public void writeI16(int address, int value) {
        LE.putShort(memory.buffer, check(address, 2), (short) value);
    }

    public void writeI32(int address, int value) {
        LE.putInt(memory.buffer, check(address, 4), value);
    }

    public void writeI64(int address, long value) {
        LE.putLong(memory.buffer, check(address, 8), value);
    }

    /** A copy of the {@code length} bytes at {@code address}. */
    public byte[] read(int address, int length) {
        int from = check(address, length);
        byte[] bytes = new byte[length];
        System.arraycopy(memory.buffer, from, bytes, 0, length);
        return bytes;
    }

    /** Copies {@code bytes} to {@code address}. */
    public void write(int address, byte[] bytes) {
        System.arraycopy(bytes, 0, memory.buffer, check(address, bytes.length), bytes.length);
    }

    /** A buffer over the {@code length} bytes at {@code address}, for channel reads and writes without copying. */
    public ByteBuffer slice(int address, int length) {
        return ByteBuffer.wrap(memory.buffer, check(address, length), length);
    }
}
