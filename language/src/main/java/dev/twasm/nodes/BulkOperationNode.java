package dev.twasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * The shape shared by the bulk memory and table instructions that take three operands
 * ({@code memory.copy}, {@code memory.init}, {@code memory.fill}, {@code table.copy},
 * {@code table.init}, spec 3.0 §4.4.6-§4.4.7): evaluate the operands left to right, then perform
 * the operation, which traps before writing anything when a range is out of bounds. Each operand
 * is an {@code i32} or, for a 64-bit memory or table, an {@code i64} ({@link AddressOperand});
 * which ones are 64-bit is fixed per node ({@code wide}, bit 0 for the first operand), so the
 * compiled code has one read per operand.
 */
public abstract class BulkOperationNode extends StmtNode {
    @Child private ExprNode first;
    @Child private ExprNode second;
    @Child private ExprNode third;
    private final int wide;
    protected final TrapSite outOfBounds;

    protected BulkOperationNode(ExprNode first, ExprNode second, ExprNode third, int wide, TrapSite outOfBounds) {
        this.first = first;
        this.second = second;
        this.third = third;
        this.wide = wide;
        this.outOfBounds = outOfBounds;
    }

    /** The {@code wide} bits of operands {@code (first, second, third)} that are 64-bit. */
    public static int wide(boolean first, boolean second, boolean third) {
        return (first ? 1 : 0) | (second ? 2 : 0) | (third ? 4 : 0);
    }

    @Override
    public final int execute(VirtualFrame frame) {
        long a = AddressOperand.read(first, frame, (wide & 1) != 0);
        long b = AddressOperand.read(second, frame, (wide & 2) != 0);
        long c = AddressOperand.read(third, frame, (wide & 4) != 0);
        perform(frame, a, b, c);
        return FALLTHROUGH;
    }

    /** Performs the operation on the evaluated operands (unsigned). */
    protected abstract void perform(VirtualFrame frame, long a, long b, long c);
}
