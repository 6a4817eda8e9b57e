package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.StmtNode;

/** {@code elem.drop} (spec §4.4.6): empties an element segment of the current instance. */
@NodeInfo(shortName = "elem.drop")
public final class ElemDropNode extends StmtNode {
    private static final Object[] EMPTY = new Object[0];
    private final int elemIndex;

    public ElemDropNode(int elemIndex) {
        this.elemIndex = elemIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        CallingConvention.instance(this, frame).elemSegments[elemIndex] = EMPTY;
        return FALLTHROUGH;
    }
}
