package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

/** {@code table.copy} (spec §4.4.6), memmove semantics, trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.copy")
public final class TableCopyNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int destinationTable;
    private final int sourceTable;
    @Child private ExprNode destination;
    @Child private ExprNode source;
    @Child private ExprNode length;

    public TableCopyNode(int destinationTable, int sourceTable, ExprNode destination, ExprNode source, ExprNode length) {
        this.destinationTable = destinationTable;
        this.sourceTable = sourceTable;
        this.destination = destination;
        this.source = source;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int s = source.executeI32(frame);
        int n = length.executeI32(frame);
        Object[] to = TableNodes.table(frame, destinationTable).elements;
        Object[] from = TableNodes.table(frame, sourceTable).elements;
        if (!TableNodes.inBounds(s, n, from.length) || !TableNodes.inBounds(d, n, to.length)) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(from, s, to, d, n);
        return FALLTHROUGH;
    }
}
