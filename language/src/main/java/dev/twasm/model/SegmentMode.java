package dev.twasm.model;

/** How an element or data segment is used (spec §2.5.7, §2.5.8). */
public enum SegmentMode {
    /** Copied into a table or memory during instantiation. */
    ACTIVE,
    /** Available to {@code table.init} / {@code memory.init}. */
    PASSIVE,
    /** Only declares function references for {@code ref.func} (element segments only). */
    DECLARATIVE
}
