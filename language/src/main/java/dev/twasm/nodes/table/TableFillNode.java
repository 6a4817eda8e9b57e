package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

import java.util.Arrays;

/** {@code table.fill} (spec §4.4.6), trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.fill")
public final class TableFillNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int tableIndex;
    @Child private ExprNode destination;
    @Child private ExprNode value;
    @Child private ExprNode length;

    public TableFillNode(int tableIndex, ExprNode destination, ExprNode value, ExprNode length) {
        this.tableIndex = tableIndex;
        this.destination = destination;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        Object v = value.executeRef(frame);
        int n = length.executeI32(frame);
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (!BulkOperationNode.inBounds(d, n, elements.length)) {
            throw outOfBounds.trap(this);
        }
        Arrays.fill(elements, d, d + n, v);
        return FALLTHROUGH;
    }
}
