package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/** {@code table.size} (spec §4.4.6). */
@NodeInfo(shortName = "table.size")
public final class TableSizeNode extends ExprNode {
    private final int tableIndex;

    public TableSizeNode(int tableIndex) {
        this.tableIndex = tableIndex;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return TableNodes.table(this, frame, tableIndex).size();
    }

    /** {@code table.size} of a 64-bit table. */
    @Override
    public long executeI64(VirtualFrame frame) {
        return TableNodes.table(this, frame, tableIndex).size();
    }
}
