package dev.twasm.model;

/** A memory type (spec §2.3.8): limits in units of 64 KiB pages. */
public record MemoryType(Limits limits) {
    /** The size of a memory page in bytes. */
    public static final int PAGE_SIZE = 65536;
    /** The largest page count a 32-bit memory may declare (4 GiB). */
    public static final long MAX_PAGES = 65536;
}
