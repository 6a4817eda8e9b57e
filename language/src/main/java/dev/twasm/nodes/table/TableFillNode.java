package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.nodes.StmtNode;

import java.util.Arrays;

/** {@code table.fill} (spec §4.4.6), trapping before any write if out of bounds. */
@NodeInfo(shortName = "table.fill")
public final class TableFillNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    private final int tableIndex;
    private final boolean is64;
    @Child private ExprNode destination;
    @Child private ExprNode value;
    @Child private ExprNode length;

    public TableFillNode(int tableIndex, boolean is64, ExprNode destination, ExprNode value, ExprNode length) {
        this.tableIndex = tableIndex;
        this.is64 = is64;
        this.destination = destination;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long d = AddressOperand.read(destination, frame, is64);
        Object v = value.executeRef(frame);
        long n = AddressOperand.read(length, frame, is64);
        Object[] elements = TableNodes.table(this, frame, tableIndex).elements;
        if (!AddressOperand.fits(d, n, elements.length)) {
            throw outOfBounds.trap(this);
        }
        Arrays.fill(elements, (int) d, (int) (d + n), v);
        return FALLTHROUGH;
    }
}
