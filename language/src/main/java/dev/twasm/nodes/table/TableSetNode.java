package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

/** {@code table.set} (spec §4.4.6). */
@NodeInfo(shortName = "table.set")
public final class TableSetNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int tableIndex;
    @Child private ExprNode index;
    @Child private ExprNode value;

    public TableSetNode(int tableIndex, ExprNode index, ExprNode value) {
        this.tableIndex = tableIndex;
        this.index = index;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        Object v = value.executeRef(frame);
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (Integer.compareUnsigned(i, elements.length) >= 0) {
            throw outOfBounds.trap(this);
        }
        elements[i] = v;
        return FALLTHROUGH;
    }
}
