package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

/** {@code table.set} (spec §4.4.6). */
@NodeInfo(shortName = "table.set")
public final class TableSetNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int tableIndex;
    private final boolean is64;
    @Child private ExprNode index;
    @Child private ExprNode value;

    public TableSetNode(int tableIndex, boolean is64, ExprNode index, ExprNode value) {
        this.tableIndex = tableIndex;
        this.is64 = is64;
        this.index = index;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long i = AddressOperand.read(index, frame, is64);
        Object v = value.executeRef(frame);
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (Long.compareUnsigned(i, elements.length) >= 0) {
            throw outOfBounds.trap(this);
        }
        elements[(int) i] = v;
        return FALLTHROUGH;
    }
}
