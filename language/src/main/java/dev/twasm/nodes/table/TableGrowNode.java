package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/** {@code table.grow} (spec §4.4.6): returns the old size, or -1. */
@NodeInfo(shortName = "table.grow")
public final class TableGrowNode extends ExprNode {
    private final int tableIndex;
    @Child private ExprNode init;
    @Child private ExprNode delta;

    public TableGrowNode(int tableIndex, ExprNode init, ExprNode delta) {
        this.tableIndex = tableIndex;
        this.init = init;
        this.delta = delta;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        Object value = init.executeRef(frame);
        long n = Integer.toUnsignedLong(delta.executeI32(frame));
        return TableNodes.table(this, frame, tableIndex).grow(n, value);
    }
}
