package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/** {@code table.get} (spec §4.4.6). */
@NodeInfo(shortName = "table.get")
public final class TableGetNode extends ExprNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int tableIndex;
    private final boolean is64;
    @Child private ExprNode index;

    public TableGetNode(int tableIndex, boolean is64, ExprNode index) {
        this.tableIndex = tableIndex;
        this.is64 = is64;
        this.index = index;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        long i = AddressOperand.read(index, frame, is64);
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (Long.compareUnsigned(i, elements.length) >= 0) {
            throw outOfBounds.trap(this);
        }
        return elements[(int) i];
    }
}
