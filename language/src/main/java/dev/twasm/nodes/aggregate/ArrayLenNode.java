package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/**
 * {@code array.len} (spec 3.0 §4.4.2): the length of any array (the operand is an
 * {@code arrayref}, of no particular type), or the trap "null array reference". The length is a
 * field of {@link dev.twasm.gc.WasmArray}, so this is a class check and one load.
 */
@NodeInfo(shortName = "array.len")
public final class ArrayLenNode extends ExprNode {
    @Child private ExprNode array;
    private final TrapSite nullReference = ArrayNodes.nullSite();

    public ArrayLenNode(ExprNode array) {
        this.array = array;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return ArrayNodes.nonNull(array.executeRef(frame), nullReference, this).length();
    }
}
