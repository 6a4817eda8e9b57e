package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/** {@code table.copy} (spec §4.4.6), memmove semantics, trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.copy")
public final class TableCopyNode extends BulkOperationNode {
    private final int destinationTable;
    private final int sourceTable;

    public TableCopyNode(int destinationTable, int sourceTable, int wide, ExprNode destination, ExprNode source, ExprNode length) {
        super(destination, source, length, wide, TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS));
        this.destinationTable = destinationTable;
        this.sourceTable = sourceTable;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long source, long length) {
        Object[] to = TableNodes.table(this, frame, destinationTable).elements;
        Object[] from = TableNodes.table(this, frame, sourceTable).elements;
        if (!AddressOperand.fits(source, length, from.length) || !AddressOperand.fits(destination, length, to.length)) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(from, (int) source, to, (int) destination, (int) length);
    }
}
