package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/** {@code table.init} (spec §4.4.6): copies from a passive element segment, trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.init")
public final class TableInitNode extends BulkOperationNode {
    private final int elemIndex;
    private final int tableIndex;

    public TableInitNode(int elemIndex, int tableIndex, boolean is64, ExprNode destination, ExprNode source, ExprNode length) {
        super(destination, source, length, wide(is64, false, false), TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS));
        this.elemIndex = elemIndex;
        this.tableIndex = tableIndex;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long source, long length) {
        Object[] segment = CallingConvention.instance(this, frame).elemSegments[elemIndex];
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (!AddressOperand.fits(source, length, segment.length) || !AddressOperand.fits(destination, length, elements.length)) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(segment, (int) source, elements, (int) destination, (int) length);
    }
}
