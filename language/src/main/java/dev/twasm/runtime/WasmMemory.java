package dev.twasm.runtime;

import dev.twasm.instrument.Allocations;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.WasmLanguage;
import dev.twasm.interop.ValueArray;
import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.interop.ByteBufferObject;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.ValType;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.simd.SimdOps;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A memory instance (spec §4.2.8): a vector of bytes that grows in 64 KiB pages. Its bytes are in
 * {@code byte[]}s read and written little-endian with {@link ByteArraySupport}:
 *
 * <ul>
 * <li>{@link #buffer}, the <em>low array</em>, holds all of a 32-bit memory, and the first bytes
 * of a 64-bit one: at most {@link #MAX_PAGES} pages (just under 2 GiB, the largest Java array).
 * The array's own bounds are the Wasm bounds, so a load is one compare against the array length
 * and the load, for 32-bit and for 64-bit memories. Growing it allocates a new array. A 32-bit
 * memory stops there: {@code memory.grow} past it returns -1, which the spec allows.
 * <li>{@link #chunks}, the <em>high chunks</em> of a 64-bit memory (memory64), hold its bytes from
 * {@link #highStart} on (where the low array is full) in {@code byte[]}s of {@link #CHUNK_SIZE}
 * bytes, the last one holding the remainder, so the memory can exceed 4 GiB up to the engine
 * option {@code wasm.MaxMemory64Bytes} and what the JVM heap can allocate. The chunk of an address
 * is {@code (address - highStart) >>> CHUNK_SHIFT} ({@link #highChunk}). Growing copies at most
 * the last chunk and adds new ones. A 32-bit memory has none (null).
 * <li>A <em>shared</em> memory (threads) of either address type is chunked too, and its arrays are
 * never replaced, because other threads may be writing into them while it grows (a write into a
 * replaced copy would be lost): its low array keeps its initial size, and its bytes beyond live in
 * high chunks each allocated at its final length (up to the declared maximum, which a shared memory
 * always has) when the memory first grows into it. Only the chunk table is replaced, and it holds
 * the same chunk arrays. {@link #size} says where such a memory ends, so {@link #highChunk} checks
 * it (a chunk may extend past it). Its grows are serialized and publish the chunks before the size.
 * </ul>
 *
 * <p>The nodes choose the chunked path statically: "chunked" is {@code is64 || shared}, both known
 * from the module's memory type (an import's must match exactly), so a 32-bit unshared memory's
 * accesses compile as if chunks did not exist. The low array and every chunk have lengths that are
 * multiples of the page size, so an aligned atomic access never straddles two arrays.
 *
 * <p>An access that straddles two arrays (at most 15 bytes at the end of each) takes a slow path
 * that assembles the bytes ({@link #load}, {@link #store}). A failed allocation in {@link #grow}
 * changes nothing and returns -1. Both fields are re-read on every access (a plain field load that
 * Graal hoists out of loops without calls) instead of being cached, because growing replaces them.
 * {@link #size} is the size in bytes.
 *
 * <p>To embedders a memory is an interop buffer (little- or big-endian reads and writes of every
 * primitive width at {@code long} offsets), used by Java and by GraalJS's {@code Memory.buffer}. It
 * is also an interop array of unsigned bytes, because GraalPy 25.0.1 consumes no foreign buffer
 * (not even in {@code memoryview}) but does treat a foreign array as a Python sequence:
 * {@code mem[i]}, {@code mem[a:b] = data}, {@code len(mem)} (docs/rationale.md, "Why is a memory
 * also an array?"). Both views read the current contents on every access, so they always show the
 * current size.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmMemory extends ByteBufferObject {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    /** The most pages a 32-bit ({@code byte[]}-backed) memory can hold. */
    public static final int MAX_PAGES = (Integer.MAX_VALUE - 8) / MemoryType.PAGE_SIZE;
    /** log2 of the chunk size of a 64-bit memory. */
    public static final int CHUNK_SHIFT = 26;
    /** The size of each chunk of a 64-bit memory but the last: 64 MiB, 1,024 pages. */
    public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    /** The bits of an address that are its index in its chunk. */
    public static final long CHUNK_MASK = CHUNK_SIZE - 1;
    /** The default of {@code wasm.MaxMemory64Bytes}: 16 GiB. */
    public static final long DEFAULT_MAX_MEMORY64_BYTES = 1L << 34;
    /** The default limits of 64-bit memories: {@link #DEFAULT_MAX_MEMORY64_BYTES}, and a low array of up to {@link #MAX_PAGES}. */
    public static final Memory64Limits DEFAULT_LIMITS = new Memory64Limits(DEFAULT_MAX_MEMORY64_BYTES, MAX_PAGES);

    /**
     * How 64-bit memories are laid out and limited (options {@code wasm.MaxMemory64Bytes} and
     * {@code wasm.Memory64ArrayPages}).
     *
     * @param maxBytes the most bytes a 64-bit memory may grow to
     * @param arrayPages the pages its low array holds before the high chunks begin, at most
     *            {@link #MAX_PAGES} (fewer only to test the chunks with small memories)
     */
    public record Memory64Limits(long maxBytes, int arrayPages) {
        public Memory64Limits {
            arrayPages = Math.max(1, Math.min(arrayPages, MAX_PAGES));
        }
    }
    /** The most pages of a 64-bit memory whatever the option says, so a page count is an {@code int}. */
    public static final long MAX_PAGES_64 = Integer.MAX_VALUE;

    private final MemoryType type;
    /** The low array: a 32-bit memory's contents, a 64-bit one's first bytes; replaced (never resized in place) by {@link #grow}. */
    public byte[] buffer;
    /** A 64-bit memory's high chunks, its bytes from {@link #highStart} on (empty while the low array holds them all); null for a 32-bit memory. */
    public byte[][] chunks;
    /** The address of the first byte in {@link #chunks}: the most bytes the low array holds. */
    private final long highStart;
    /** The current size in bytes. */
    private long size;
    private final long maxPages;
    /** Whether the memory is shared (threads): its arrays are never replaced, see the class comment. */
    private final boolean shared;
    /** The waiters of {@code memory.atomic.wait} on a shared memory; null for an unshared one. */
    private final AtomicWaiters waiters;
    /** A shared memory's name in its engine's {@link SharedMemories}, given when first read. */
    private volatile String handle;
    /** The context's cap its bytes count against ({@code wasm.MaxContextMemory}); null when there is none. */
    private ResourceLimits.Account account;
    /** Where this memory reports its grows, as reallocations, for the memory tools; null: nowhere. */
    private AllocationReporter reporter;

    /** A 32-bit memory of type {@code type}, or a 64-bit one with the {@link #DEFAULT_LIMITS}. */
    public WasmMemory(MemoryType type) {
        this(type, DEFAULT_LIMITS);
    }

    /**
     * Allocates a memory of type {@code type}; a 64-bit memory is laid out and limited by
     * {@code limits64}. The caller checks {@link #canAllocate}; the allocation may still throw
     * {@link OutOfMemoryError}, which the caller reports.
     */
    public WasmMemory(MemoryType type, Memory64Limits limits64) {
        this.type = type;
        long bytes = type.limits().min() * MemoryType.PAGE_SIZE;
        this.maxPages = maxPages(type, limits64.maxBytes());
        this.shared = type.shared();
        this.waiters = shared ? new AtomicWaiters() : null;
        if (shared) {
            long lowPages = type.addressType().is64() ? limits64.arrayPages() : MAX_PAGES;
            this.highStart = Math.min(bytes, lowPages * MemoryType.PAGE_SIZE);
            this.buffer = new byte[(int) highStart];
            this.chunks = allocateWholeChunks(new byte[0][], bytes - highStart);
        } else if (type.addressType().is64()) {
            this.highStart = (long) limits64.arrayPages() * MemoryType.PAGE_SIZE;
            this.buffer = new byte[(int) Math.min(bytes, highStart)];
            this.chunks = allocateChunks(new byte[0][], Math.max(0, bytes - highStart));
        } else {
            this.highStart = Long.MAX_VALUE; // every byte is in the low array
            this.buffer = new byte[(int) bytes];
        }
        this.size = bytes;
    }

    /** This implementation's limit in pages for a 32-bit memory or, when {@code is64}, a 64-bit one. */
    public static long pageLimit(boolean is64, long maxMemory64Bytes) {
        return is64 ? Math.min(MAX_PAGES_64, Math.max(0, maxMemory64Bytes) / MemoryType.PAGE_SIZE) : MAX_PAGES;
    }

    /** The most pages a memory of this type may have in this engine: its declared maximum or this implementation's limit. */
    private static long maxPages(MemoryType type, long maxMemory64Bytes) {
        long cap = pageLimit(type.addressType().is64(), maxMemory64Bytes);
        Limits limits = type.limits();
        return limits.hasMax() && Long.compareUnsigned(limits.max(), cap) < 0 ? limits.max() : cap;
    }

    /** Whether a 32-bit memory with these limits can be allocated by this implementation. */
    public static boolean canAllocate(Limits limits) {
        return canAllocate(new MemoryType(limits), DEFAULT_MAX_MEMORY64_BYTES);
    }

    /** Whether a memory of this type can be allocated by this implementation (its minimum is within the limit). */
    public static boolean canAllocate(MemoryType type, long maxMemory64Bytes) {
        return Long.compareUnsigned(type.limits().min(), pageLimit(type.addressType().is64(), maxMemory64Bytes)) <= 0;
    }

    /** High chunks of {@code newSize} bytes in all, which begin with the bytes of {@code old}; {@code old} is unchanged. */
    private static byte[][] allocateChunks(byte[][] old, long newSize) {
        int count = (int) ((newSize + CHUNK_MASK) >>> CHUNK_SHIFT);
        byte[][] grown = Arrays.copyOf(old, count);
        int last = old.length - 1;
        if (last >= 0 && old[last].length < CHUNK_SIZE) {
            grown[last] = Arrays.copyOf(old[last], chunkLength(last, newSize));
        }
        for (int i = old.length; i < count; i++) {
            grown[i] = new byte[chunkLength(i, newSize)];
        }
        return grown;
    }

    /**
     * A shared memory's chunk table for {@code newSize} bytes beyond {@link #highStart}: the chunks
     * of {@code old} (the same arrays) and new ones, each at its final length (the chunk size, or
     * what the maximum leaves for the last one), so no chunk is ever copied.
     */
    private byte[][] allocateWholeChunks(byte[][] old, long newSize) {
        int count = (int) ((newSize + CHUNK_MASK) >>> CHUNK_SHIFT);
        if (count <= old.length) {
            return old;
        }
        byte[][] grown = Arrays.copyOf(old, count);
        long maxHigh = maxPages * MemoryType.PAGE_SIZE - highStart;
        for (int i = old.length; i < count; i++) {
            grown[i] = new byte[chunkLength(i, maxHigh)];
        }
        return grown;
    }

    private static int chunkLength(int chunk, long memorySize) {
        return (int) Math.min(CHUNK_SIZE, memorySize - ((long) chunk << CHUNK_SHIFT));
    }

    public MemoryType type() {
        return type;
    }

    /** Whether this memory can have high chunks: a 64-bit or a shared one. */
    public boolean chunked() {
        return chunks != null;
    }

    /** Whether this memory is shared (threads). */
    public boolean shared() {
        return shared;
    }

    /** The waiters of {@code memory.atomic.wait} on this shared memory; null when it is unshared. */
    public AtomicWaiters waiters() {
        return waiters;
    }

    /** Reports this memory's grows to {@code reporter} (its creation was reported by the creator; see {@code instrument.Allocations}). */
    public void reportTo(AllocationReporter reporter) {
        this.reporter = reporter;
    }

    /** Counts this memory's grows against {@code limits} (its creation was counted by the creator); null: no cap. */
    public void countAgainst(ResourceLimits.Account limits) {
        this.account = limits;
    }

    /** The current size in pages. */
    public int pages() {
        return (int) (size / MemoryType.PAGE_SIZE);
    }

    /** The current size in bytes. */
    public long byteSize() {
        return size;
    }

    /** The limits that describe this memory now, for import matching (spec §4.5.2). */
    public Limits currentLimits() {
        return type.limits().withMin(pages());
    }

    /**
     * {@code memory.grow} (spec §4.4.7): grows by {@code deltaPages} (unsigned) and returns the old
     * size in pages, or -1 when the maximum (declared, or this implementation's) would be exceeded
     * or the allocation fails; a failed grow changes nothing.
     */
    @TruffleBoundary
    public int grow(long deltaPages) {
        if (shared) {
            return growShared(deltaPages);
        }
        int old = pages();
        if (Long.compareUnsigned(deltaPages, maxPages - old) > 0) {
            return -1;
        }
        if (deltaPages == 0) {
            return old;
        }
        long newSize = (old + deltaPages) * MemoryType.PAGE_SIZE;
        if (newSize - size > Runtime.getRuntime().maxMemory()) {
            return -1; // could never fit in this JVM's heap: do not make the collector try
        }
        ResourceLimits.Account limits = account;
        if (limits != null && !limits.reserve(newSize - size)) {
            return -1; // the context's cap (wasm.MaxContextMemory)
        }
        byte[] low = buffer;
        byte[][] high = chunks;
        Allocations.growing(reporter, this, size, newSize);
        try {
            long lowSize = high == null ? newSize : Math.min(newSize, highStart);
            if (lowSize > low.length) {
                low = Arrays.copyOf(low, (int) lowSize);
            }
            if (high != null && newSize > highStart) {
                high = allocateChunks(high, newSize - highStart);
            }
        } catch (OutOfMemoryError e) {
            Allocations.grown(reporter, this, size, size);
            if (limits != null) {
                limits.release(newSize - size);
            }
            return -1;
        }
        long oldSize = size;
        buffer = low;
        chunks = high;
        size = newSize;
        Allocations.grown(reporter, this, oldSize, newSize);
        return old;
    }

    /**
     * {@link #grow} of a shared memory: serialized with the other grows of this memory, adds whole
     * chunks (never copying an array others may be writing) and publishes the chunk table before
     * the size (the lock's release orders both for the next grow, and a reader that sees the new
     * size in {@link #syncedSize} sees the chunks too).
     */
    private synchronized int growShared(long deltaPages) {
        int old = pages();
        if (Long.compareUnsigned(deltaPages, maxPages - old) > 0) {
            return -1;
        }
        long newSize = (old + deltaPages) * MemoryType.PAGE_SIZE;
        if (newSize > size) {
            ResourceLimits.Account limits = account;
            if (limits != null && !limits.reserve(newSize - size)) {
                return -1; // the context's cap (wasm.MaxContextMemory)
            }
            Allocations.growing(reporter, this, size, newSize);
            try {
                chunks = allocateWholeChunks(chunks, newSize - highStart);
            } catch (OutOfMemoryError e) {
                Allocations.grown(reporter, this, size, size);
                if (limits != null) {
                    limits.release(newSize - size);
                }
                return -1;
            }
            long oldSize = size;
            size = newSize;
            Allocations.grown(reporter, this, oldSize, newSize);
        }
        return old;
    }

    /**
     * The size as the last grow published it: on a shared memory another thread may have grown it
     * since this thread last read {@link #size}, so a failing bounds check re-reads it here (under
     * the grows' lock) before trapping.
     */
    @TruffleBoundary
    private long syncedSize() {
        synchronized (this) {
            return size;
        }
    }

    // ---- accesses of any width at any address, for both representations -----------------------

    /**
     * The high chunk of this 64-bit memory that holds all of {@code [ea, ea + width)}, or null when
     * that range is out of bounds, below {@link #highStart} or straddles two arrays; the access is
     * at {@link #highIndex} in it. In compiled code: a subtraction and a shift, a compare against
     * the chunk count, a compare against the chunk's length (which the accessor that follows
     * repeats and Graal folds).
     */
    public byte[] highChunk(long ea, int width) {
        byte[][] c = chunks;
        long index = (ea - highStart) >>> CHUNK_SHIFT;
        if (index < c.length && ea <= size - width) {
            byte[] chunk = c[(int) index];
            if (LE.inBounds(chunk, highIndex(ea), width)) {
                return chunk;
            }
        }
        return null;
    }

    /** The index of address {@code ea} in its {@link #highChunk}. */
    public long highIndex(long ea) {
        return (ea - highStart) & CHUNK_MASK;
    }

    /** Whether {@code [ea, ea + width)} (unsigned) lies within the memory (on a shared memory, as its last grow left it). */
    public boolean inBounds(long ea, long width) {
        return AddressOperand.fits(ea, width, size) || shared && AddressOperand.fits(ea, width, syncedSize());
    }

    /**
     * The array of an atomic access of {@code width} bytes at {@code ea}, after the proposal's
     * checks in its order: "out of bounds memory access" unless the access lies within the memory,
     * then "unaligned atomic" unless {@code ea} is a multiple of {@code width}. An aligned access
     * never straddles two arrays (their lengths are multiples of the page size). The access is at
     * {@link #atomicIndex} in the array.
     */
    public byte[] atomicArray(long ea, int width) {
        if (!inBounds(ea, width)) {
            throw outOfBounds();
        }
        if ((ea & (width - 1)) != 0) {
            throw WasmTrap.create(TrapKind.UNALIGNED_ATOMIC, null);
        }
        return arrayAt(ea);
    }

    /** The index of an atomic access at {@code ea} in its {@link #atomicArray}. */
    public long atomicIndex(long ea) {
        return indexAt(ea);
    }

    /** The array that holds the byte at {@code ea} (which is in bounds). */
    private byte[] arrayAt(long ea) {
        return ea < highStart ? buffer : chunks[(int) ((ea - highStart) >>> CHUNK_SHIFT)];
    }

    /** The index of the byte at {@code ea} in {@link #arrayAt}. */
    private int indexAt(long ea) {
        return (int) (ea < highStart ? ea : highIndex(ea));
    }

    /** How many bytes from {@code ea} on are in the same array as {@code ea}, at most {@code limit}. */
    private int runFrom(long ea, long limit) {
        return (int) Math.min(limit, arrayAt(ea).length - indexAt(ea));
    }

    /** How many bytes just before {@code end} are in the same array as byte {@code end - 1}, at most {@code limit}. */
    private int runBefore(long end, long limit) {
        return (int) Math.min(limit, indexAt(end - 1) + 1);
    }

    /** {@code width} bytes (1, 2, 4 or 8) at {@code index} of {@code bytes}, little-endian and zero-extended. */
    public static long bits(byte[] bytes, long index, int width) {
        return switch (width) {
            case 1 -> LE.getByte(bytes, index) & 0xFFL;
            case 2 -> LE.getShort(bytes, index) & 0xFFFFL;
            case 4 -> LE.getInt(bytes, index) & 0xFFFF_FFFFL;
            default -> LE.getLong(bytes, index);
        };
    }

    /** Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code bits} at {@code index} of {@code bytes}, little-endian. */
    public static void putBits(byte[] bytes, long index, int width, long bits) {
        switch (width) {
            case 1 -> LE.putByte(bytes, index, (byte) bits);
            case 2 -> LE.putShort(bytes, index, (short) bits);
            case 4 -> LE.putInt(bytes, index, (int) bits);
            default -> LE.putLong(bytes, index, bits);
        }
    }

    /** The trap of an access outside the memory, without a node location (support code and host functions). */
    public static WasmTrap outOfBounds() {
        return WasmTrap.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
    }

    /** A load of {@code width} bytes (1, 2, 4 or 8) at {@code ea}, zero-extended; traps when out of bounds. */
    public long load(long ea, int width) {
        if (LE.inBounds(buffer, ea, width)) {
            return bits(buffer, ea, width);
        } else if (chunks != null) {
            byte[] chunk = highChunk(ea, width);
            if (chunk != null) {
                return bits(chunk, highIndex(ea), width);
            }
        }
        if (!inBounds(ea, width)) {
            throw outOfBounds();
        }
        return straddlingLoad(ea, width);
    }

    /** A store of the low {@code width} bytes (1, 2, 4 or 8) of {@code bits} at {@code ea}; traps, writing nothing, when out of bounds. */
    public void store(long ea, int width, long bits) {
        if (LE.inBounds(buffer, ea, width)) {
            putBits(buffer, ea, width, bits);
            return;
        } else if (chunks != null) {
            byte[] chunk = highChunk(ea, width);
            if (chunk != null) {
                putBits(chunk, highIndex(ea), width, bits);
                return;
            }
        }
        if (!inBounds(ea, width)) {
            throw outOfBounds();
        }
        straddlingStore(ea, width, bits);
    }

    /** {@code v128.load} at {@code ea}; traps when out of bounds. */
    public Object loadVector(long ea) {
        if (inBounds(ea, 16) && runFrom(ea, 16) == 16) {
            return SimdOps.INSTANCE.load(arrayAt(ea), indexAt(ea));
        }
        if (!inBounds(ea, 16)) {
            throw outOfBounds();
        }
        byte[] bytes = new byte[16];
        copyOut(ea, bytes, 0, 16);
        return SimdOps.INSTANCE.load(bytes, 0);
    }

    /** {@code v128.store} at {@code ea}; traps, writing nothing, when out of bounds. */
    public void storeVector(long ea, Object vector) {
        if (inBounds(ea, 16) && runFrom(ea, 16) == 16) {
            SimdOps.INSTANCE.store(arrayAt(ea), indexAt(ea), vector);
            return;
        }
        if (!inBounds(ea, 16)) {
            throw outOfBounds();
        }
        byte[] bytes = new byte[16];
        SimdOps.INSTANCE.store(bytes, 0, vector);
        copyIn(ea, bytes, 0, 16);
    }

    /** A load at {@code ea}, in bounds, whose bytes are in two chunks. */
    @TruffleBoundary
    private long straddlingLoad(long ea, int width) {
        byte[] bytes = new byte[8];
        copyOut(ea, bytes, 0, width);
        return LE.getLong(bytes, 0);
    }

    /** A store at {@code ea}, in bounds, whose bytes are in two chunks. */
    @TruffleBoundary
    private void straddlingStore(long ea, int width, long bits) {
        byte[] bytes = new byte[8];
        LE.putLong(bytes, 0, bits);
        copyIn(ea, bytes, 0, width);
    }

    // ---- bulk accesses (callers have checked the bounds) ----------------------------------------

    /** Copies the {@code length} bytes at {@code ea} (in bounds) to {@code destination} at {@code offset}. */
    @Override
    public void copyOut(long ea, byte[] destination, int offset, int length) {
        transfer(ea, destination, offset, length, false);
    }

    /** Copies {@code length} bytes of {@code source} from {@code offset} to {@code ea} (in bounds). */
    @Override
    public void copyIn(long ea, byte[] source, int offset, int length) {
        transfer(ea, source, offset, length, true);
    }

    /** Copies between {@code [ea, ea + length)} and {@code array} from {@code offset}, array by array: into the memory when {@code in}. */
    @TruffleBoundary
    private void transfer(long ea, byte[] array, int offset, int length, boolean in) {
        for (int done = 0; done < length;) {
            long at = ea + done;
            int n = runFrom(at, length - done);
            if (in) {
                System.arraycopy(array, offset + done, arrayAt(at), indexAt(at), n);
            } else {
                System.arraycopy(arrayAt(at), indexAt(at), array, offset + done, n);
            }
            done += n;
        }
    }

    /**
     * Views of the {@code length} bytes at {@code ea} (in bounds), one per array they lie in, in
     * order: the host's channel I/O reads and writes them without copying. A view is valid until
     * the memory grows, except on a shared memory, whose arrays are never replaced.
     */
    @TruffleBoundary
    public List<ByteBuffer> views(long ea, int length) {
        if (length == 0) {
            return List.of(ByteBuffer.wrap(buffer, 0, 0));
        }
        List<ByteBuffer> views = new ArrayList<>(1);
        for (int done = 0; done < length;) {
            long at = ea + done;
            int n = runFrom(at, length - done);
            views.add(ByteBuffer.wrap(arrayAt(at), indexAt(at), n));
            done += n;
        }
        return views;
    }

    /** {@code memory.fill} of {@code [destination, destination + length)}, which is in bounds. */
    @TruffleBoundary
    public void fill(long destination, long length, byte value) {
        for (long done = 0; done < length;) {
            long at = destination + done;
            int n = runFrom(at, length - done);
            int index = indexAt(at);
            Arrays.fill(arrayAt(at), index, index + n, value);
            done += n;
        }
    }

    /**
     * {@code memory.copy} of {@code length} bytes from {@code source} in {@code from} to
     * {@code destination} in {@code to}, both in bounds, as if through a temporary buffer: within
     * one memory a destination above an overlapping source is copied from the end down.
     */
    @TruffleBoundary
    public static void copy(WasmMemory from, long source, WasmMemory to, long destination, long length) {
        boolean downward = from == to && destination > source && destination - source < length;
        for (long done = 0; done < length;) {
            long remaining = length - done;
            if (downward) {
                long sourceEnd = source + remaining;
                long destinationEnd = destination + remaining;
                int n = Math.min(from.runBefore(sourceEnd, remaining), to.runBefore(destinationEnd, remaining));
                System.arraycopy(from.arrayAt(sourceEnd - n), from.indexAt(sourceEnd - n), to.arrayAt(destinationEnd - n), to.indexAt(destinationEnd - n), n);
                done += n;
            } else {
                long s = source + done;
                long d = destination + done;
                int n = Math.min(from.runFrom(s, remaining), to.runFrom(d, remaining));
                System.arraycopy(from.arrayAt(s), from.indexAt(s), to.arrayAt(d), to.indexAt(d), n);
                done += n;
            }
        }
    }

    // ---- interop: the memory as an array of unsigned bytes ------------------------------------

    @Override
    protected long length() {
        return size;
    }

    /** A byte as Python's bytes and bytearray give it: unsigned. */
    @Override
    protected Object element(long index) {
        return arrayAt(index)[indexAt(index)] & 0xFF;
    }

    /** Written bytes arrive as i32 values and must be in [0, 256), as in a Python bytearray. */
    @Override
    protected ValType elementType() {
        return ValType.I32;
    }

    @Override
    protected void setElement(long index, Object value) throws UnsupportedTypeException {
        int b = (Integer) value;
        if (b < 0 || b > 0xFF) {
            throw UnsupportedTypeException.create(new Object[]{value}, "expected a byte: an integer in [0, 256)");
        }
        arrayAt(index)[indexAt(index)] = (byte) b;
    }

    // ---- interop: the memory as a buffer -----------------------------------------------------

    /** The low array when it holds every byte; null when there are high chunks, and the buffer messages use {@link #copyOut} and {@link #copyIn}. */
    @Override
    protected byte[] bytes() {
        return chunks == null || chunks.length == 0 ? buffer : null;
    }

    @Override
    protected boolean writable() {
        return true;
    }

    // ---- interop: a shared memory's handle, by which other contexts of the engine import it --------

    @ExportMessage
    boolean hasMembers() {
        return shared;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) throws UnsupportedMessageException {
        if (!shared) {
            throw UnsupportedMessageException.create();
        }
        return new ValueArray(new Object[]{SharedMemories.HANDLE});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return shared && SharedMemories.HANDLE.equals(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        if (!isMemberReadable(member)) {
            throw UnknownIdentifierException.create(member);
        }
        String h = handle;
        if (h == null) {
            synchronized (this) {
                h = handle;
                if (h == null) {
                    h = WasmLanguage.get(null).engineState().sharedMemories().register(this);
                    handle = h;
                }
            }
        }
        return h;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return (shared ? "shared memory (" : "memory (") + pages() + " pages)";
    }
}
