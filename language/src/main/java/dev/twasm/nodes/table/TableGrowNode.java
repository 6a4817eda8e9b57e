package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;

/** {@code table.grow} (spec §4.4.6): returns the old size, or -1. */
@NodeInfo(shortName = "table.grow")
public final class TableGrowNode extends ExprNode {
    private final int tableIndex;
    private final boolean is64;
    @Child private ExprNode init;
    @Child private ExprNode delta;

    public TableGrowNode(int tableIndex, boolean is64, ExprNode init, ExprNode delta) {
        this.tableIndex = tableIndex;
        this.is64 = is64;
        this.init = init;
        this.delta = delta;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) grow(frame);
    }

    /** {@code table.grow} of a 64-bit table: the old size, or -1. */
    @Override
    public long executeI64(VirtualFrame frame) {
        return grow(frame);
    }

    private long grow(VirtualFrame frame) {
        Object value = init.executeRef(frame);
        long n = AddressOperand.read(delta, frame, is64);
        return TableNodes.table(this, frame, tableIndex).grow(n, value);
    }
}
