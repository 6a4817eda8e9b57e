package dev.twasm.builder;

import dev.twasm.model.ValType;
import dev.twasm.nodes.ExprNode;

/**
 * An entry of the builder's abstract operand stack: a pending expression tree, its type, its
 * effects, the depth of the tree, and whether it is just a read of the hidden slot of its own
 * stack height (then it never needs spilling, and storing it to that slot is a no-op), and the
 * module offset of the first instruction of the tree ({@code start}), which becomes the offset of
 * the statement that consumes it (instrumentation: a statement's source line is its first instruction's).
 */
record Operand(ExprNode node, ValType type, Effects effects, int depth, boolean inOwnSlot, int start) {
    /** {@link #start} of an operand with no instruction of its own left to run (a slot read). */
    static final int NO_START = Integer.MAX_VALUE;

    static Operand slotRead(ExprNode node, ValType type) {
        return new Operand(node, type, Effects.NONE, 1, true, NO_START);
    }
}
