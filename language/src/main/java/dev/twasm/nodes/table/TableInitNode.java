package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

/** {@code table.init} (spec §4.4.6): copies from a passive element segment, trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.init")
public final class TableInitNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int elemIndex;
    private final int tableIndex;
    @Child private ExprNode destination;
    @Child private ExprNode source;
    @Child private ExprNode length;

    public TableInitNode(int elemIndex, int tableIndex, ExprNode destination, ExprNode source, ExprNode length) {
        this.elemIndex = elemIndex;
        this.tableIndex = tableIndex;
        this.destination = destination;
        this.source = source;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int s = source.executeI32(frame);
        int n = length.executeI32(frame);
        Object[] segment = CallingConvention.instance(frame).elemSegments[elemIndex];
        Object[] elements = TableNodes.table(frame, tableIndex).elements;
        if (!TableNodes.inBounds(s, n, segment.length) || !TableNodes.inBounds(d, n, elements.length)) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(segment, s, elements, d, n);
        return FALLTHROUGH;
    }
}
