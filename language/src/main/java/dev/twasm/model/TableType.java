package dev.twasm.model;

/**
 * A table type (spec 3.0 §2.3.12): an address type, limits in elements and the reference type of
 * its elements.
 *
 * @param addressType {@code i32}, or {@code i64} for a 64-bit table (table64)
 * @param elemType the reference type of the elements
 * @param limits the initial and maximum size in elements
 */
public record TableType(AddressType addressType, ValType elemType, Limits limits) {
    /** The largest element count a 32-bit table may declare. */
    public static final long MAX_SIZE = 0xFFFF_FFFFL;

    /** A 32-bit table. */
    public TableType(ValType elemType, Limits limits) {
        this(AddressType.I32, elemType, limits);
    }

    /** The largest element count a table of this address type may declare (unsigned). */
    public long maxSize() {
        return addressType.maxUnsigned();
    }
}
