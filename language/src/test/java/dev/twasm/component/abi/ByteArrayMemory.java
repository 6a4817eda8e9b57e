package dev.twasm.component.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A test {@link AbiMemory}: a byte array with a bump allocator that starts at {@code heapStart},
 * records every {@code realloc} call, and can be told to return a given pointer instead.
 */
final class ByteArrayMemory implements AbiMemory {
    final byte[] bytes;
    private int next;
    final List<int[]> reallocs = new ArrayList<>();
    /** When not null, what the next {@code realloc} returns. */
    Integer forcedPointer;

    ByteArrayMemory(int size, int heapStart) {
        this.bytes = new byte[size];
        this.next = heapStart;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public byte get(int address) {
        return bytes[address];
    }

    @Override
    public void put(int address, byte value) {
        bytes[address] = value;
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
        reallocs.add(new int[]{oldPtr, oldSize, align, newSize});
        if (forcedPointer != null) {
            int p = forcedPointer;
            forcedPointer = null;
            return p;
        }
        int p = (next + align - 1) & -align;
        next = p + newSize;
        return p;
    }
}
