package dev.twasm.model;

/**
 * A memory type (spec 3.0 §2.3.11, and the threads proposal's sharing flag): an address type,
 * limits in units of 64 KiB pages, and whether the memory is shared between threads.
 *
 * @param addressType {@code i32}, or {@code i64} for a 64-bit memory (memory64)
 * @param limits the initial and maximum size in pages
 * @param shared whether the memory is {@code shared} (threads): it must have a maximum, it may be
 *            accessed by several threads at once, and {@code memory.atomic.wait} works on it
 */
public record MemoryType(AddressType addressType, Limits limits, boolean shared) {
    /** The size of a memory page in bytes. */
    public static final int PAGE_SIZE = 65536;
    /** The largest page count a 32-bit memory may declare (4 GiB). */
    public static final long MAX_PAGES = 65536;
    /** The largest page count a 64-bit memory may declare (2^48 pages, 2^64 bytes). */
    public static final long MAX_PAGES_64 = 1L << 48;

    /** A 32-bit unshared memory. */
    public MemoryType(Limits limits) {
        this(AddressType.I32, limits, false);
    }

    /** An unshared memory. */
    public MemoryType(AddressType addressType, Limits limits) {
        this(addressType, limits, false);
    }

    /** The largest page count a memory of this address type may declare. */
    public long maxPages() {
        return addressType.is64() ? MAX_PAGES_64 : MAX_PAGES;
    }
}
