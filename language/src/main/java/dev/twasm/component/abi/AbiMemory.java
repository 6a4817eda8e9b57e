package dev.twasm.component.abi;

/**
 * The linear memory and allocator that the canonical options {@code memory} and {@code realloc}
 * name, as the canonical ABI reads and writes them. Addresses are unsigned 32-bit values held in
 * an {@code int}; the ABI checks bounds against {@link #size()} before every access, so an
 * implementation may assume {@code 0 <= address < size()} (unsigned).
 */
public interface AbiMemory {
    /** The memory's current size in bytes. */
    long size();

    /** The byte at {@code address}. */
    byte get(int address);

    /** Writes {@code value} at {@code address}. */
    void put(int address, byte value);

    /** Copies {@code dst.length} bytes from {@code address} on into {@code dst}. */
    default void get(int address, byte[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = get(address + i);
        }
    }

    /** Copies {@code src} to {@code address} on. */
    default void put(int address, byte[] src) {
        for (int i = 0; i < src.length; i++) {
            put(address + i, src[i]);
        }
    }

    /**
     * The guest's {@code realloc(old_ptr, old_size, align, new_size) -> ptr}: a new allocation
     * when {@code oldPtr} and {@code oldSize} are 0. The ABI checks the returned pointer's
     * alignment and bounds and traps if they are wrong. Sizes are unsigned.
     */
    int realloc(int oldPtr, int oldSize, int align, int newSize);
}
