package dev.twasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * The shape shared by the bulk memory and table instructions that take three i32 operands
 * ({@code memory.copy}, {@code memory.init}, {@code memory.fill}, {@code table.copy},
 * {@code table.init}, spec §4.4.6-§4.4.7): evaluate the operands left to right, then perform the
 * operation, which traps before writing anything when a range is out of bounds.
 */
public abstract class BulkOperationNode extends StmtNode {
    @Child private ExprNode first;
    @Child private ExprNode second;
    @Child private ExprNode third;
    protected final TrapSite outOfBounds;

    protected BulkOperationNode(ExprNode first, ExprNode second, ExprNode third, TrapSite outOfBounds) {
        this.first = first;
        this.second = second;
        this.third = third;
        this.outOfBounds = outOfBounds;
    }

    @Override
    public final int execute(VirtualFrame frame) {
        int a = first.executeI32(frame);
        int b = second.executeI32(frame);
        int c = third.executeI32(frame);
        perform(frame, a, b, c);
        return FALLTHROUGH;
    }

    /** Performs the operation on the evaluated operands (unsigned i32 values). */
    protected abstract void perform(VirtualFrame frame, int a, int b, int c);

    /** Whether {@code [start, start + length)} lies within {@code [0, size)}, both operands unsigned. */
    public static boolean inBounds(int start, int length, int size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(length) <= size;
    }
}
