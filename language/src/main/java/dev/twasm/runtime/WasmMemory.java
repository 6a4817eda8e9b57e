package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.ByteBufferObject;
import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.ValType;

import java.util.Arrays;

/**
 * A memory instance (spec §4.2.8): a vector of bytes that grows in 64 KiB pages.
 *
 * <p>Backed by a single {@code byte[]} read and written little-endian with
 * {@link ByteArraySupport}, so the array's own bounds check is the Wasm bounds check: load and
 * store nodes catch the {@link IndexOutOfBoundsException} and raise the trap. Growing allocates a
 * new array; nodes therefore re-read {@link #buffer} on every access (a plain field load that Graal
 * hoists out of loops without calls) instead of caching it.
 *
 * <p>A Java array holds at most 2^31 - 1 bytes, so this implementation caps memories at
 * {@link #MAX_PAGES} pages (just under 2 GiB); {@code memory.grow} past that returns -1, which the
 * spec allows, for 64-bit memories too. Larger and shared memories need another implementation behind the same
 * interface (docs/rationale.md).
 *
 * <p>To embedders a memory is an interop buffer (little- or big-endian reads and writes of every
 * primitive width), used by Java and by GraalJS's {@code Memory.buffer}. It is also an interop
 * array of unsigned bytes, because GraalPy 25.0.1 consumes no foreign buffer (not even in
 * {@code memoryview}) but does treat a foreign array as a Python sequence: {@code mem[i]},
 * {@code mem[a:b] = data}, {@code len(mem)} (docs/rationale.md, "Why is a memory also an array?").
 * Both views read {@link #buffer} on every access, so they always show the current size.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmMemory extends ByteBufferObject {
    /** The most pages a {@code byte[]}-backed memory can hold. */
    public static final int MAX_PAGES = (Integer.MAX_VALUE - 8) / MemoryType.PAGE_SIZE;

    private final MemoryType type;
    /** The current contents; replaced (never resized in place) by {@link #grow}. */
    public byte[] buffer;
    private final long maxPages;

    /** Allocates a memory of type {@code type}; the caller checks that the minimum is allocatable. */
    public WasmMemory(MemoryType type) {
        this.type = type;
        this.buffer = new byte[(int) (type.limits().min() * MemoryType.PAGE_SIZE)];
        Limits limits = type.limits();
        this.maxPages = limits.hasMax() && Long.compareUnsigned(limits.max(), MAX_PAGES) < 0 ? limits.max() : MAX_PAGES;
    }

    /** Whether a memory with these limits can be allocated by this implementation. */
    public static boolean canAllocate(Limits limits) {
        return Long.compareUnsigned(limits.min(), MAX_PAGES) <= 0;
    }

    public MemoryType type() {
        return type;
    }

    /** The current size in pages. */
    public int pages() {
        return buffer.length / MemoryType.PAGE_SIZE;
    }

    /** The current size in bytes. */
    public int byteSize() {
        return buffer.length;
    }

    /** The limits that describe this memory now, for import matching (spec §4.5.2). */
    public Limits currentLimits() {
        return type.limits().withMin(pages());
    }

    /**
     * {@code memory.grow} (spec §4.4.7): grows by {@code deltaPages} and returns the old size in
     * pages, or -1 when the maximum (declared, or this implementation's) would be exceeded or the
     * allocation fails.
     */
    @TruffleBoundary
    public int grow(long deltaPages) {
        int old = pages();
        long newPages = old + deltaPages;
        if (deltaPages < 0 || newPages > maxPages) {
            return -1;
        }
        if (deltaPages == 0) {
            return old;
        }
        try {
            buffer = Arrays.copyOf(buffer, (int) (newPages * MemoryType.PAGE_SIZE));
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    // ---- interop: the memory as an array of unsigned bytes ------------------------------------

    @Override
    protected int length() {
        return buffer.length;
    }

    /** A byte as Python's bytes and bytearray give it: unsigned. */
    @Override
    protected Object element(int index) {
        return buffer[index] & 0xFF;
    }

    /** Written bytes arrive as i32 values and must be in [0, 256), as in a Python bytearray. */
    @Override
    protected ValType elementType() {
        return ValType.I32;
    }

    @Override
    protected void setElement(int index, Object value) throws UnsupportedTypeException {
        int b = (Integer) value;
        if (b < 0 || b > 0xFF) {
            throw UnsupportedTypeException.create(new Object[]{value}, "expected a byte: an integer in [0, 256)");
        }
        buffer[index] = (byte) b;
    }

    // ---- interop: the memory as a buffer -----------------------------------------------------

    @Override
    protected byte[] bytes() {
        return buffer;
    }

    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "memory (" + pages() + " pages)";
    }
}
