package dev.twasm.debug;

/**
 * A debugging information entry of {@code .debug_info} (DWARF 5 §2.1) as read from its unit:
 * its tag, and per attribute its form and raw value (for blocks: the value is the block's offset
 * in {@code .debug_info} and {@code lengths} its length). {@link Unit} interprets the values.
 */
record Die(long offset, int tag, boolean hasChildren, long next, int[] attributes, Form[] forms, long[] values, long[] lengths) {

    /** The index of attribute {@code attribute}, or -1. */
    int find(int attribute) {
        for (int i = 0; i < attributes.length; i++) {
            if (attributes[i] == attribute) {
                return i;
            }
        }
        return -1;
    }

    boolean has(int attribute) {
        return find(attribute) >= 0;
    }
}
