package dev.twasm.model;

/** A table type (spec §2.3.9): the reference type of its elements and its limits. */
public record TableType(ValType elemType, Limits limits) {
    /** The largest element count a table may declare. */
    public static final long MAX_SIZE = 0xFFFF_FFFFL;
}
