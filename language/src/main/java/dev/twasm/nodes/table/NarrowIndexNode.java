package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/**
 * The {@code i64} element index of {@code call_indirect} on a 64-bit table (table64, spec 3.0
 * §4.4.8), as the unsigned {@code i32} index the call node reads: the same value when it is below
 * 2^31, else 2^32 - 1, which is out of bounds of every table of this engine (at most
 * {@code WasmTable.MAX_ELEMENTS} elements). So the call nodes keep one bounds check on an
 * {@code int}, and a 32-bit table's calls have no adapter at all.
 */
@NodeInfo(shortName = "index64")
public final class NarrowIndexNode extends ExprNode {
    @Child private ExprNode index;

    public NarrowIndexNode(ExprNode index) {
        this.index = index;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long i = index.executeI64(frame);
        return i >= 0 && i <= Integer.MAX_VALUE ? (int) i : -1;
    }
}
