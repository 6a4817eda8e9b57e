package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.StmtNode;

/** {@code data.drop} (spec §4.4.7): empties a data segment of the current instance. */
@NodeInfo(shortName = "data.drop")
public final class DataDropNode extends StmtNode {
    private static final byte[] EMPTY = new byte[0];
    private final int dataIndex;

    public DataDropNode(int dataIndex) {
        this.dataIndex = dataIndex;
    }

    @Override
    public int execute(VirtualFrame frame) {
        CallingConvention.instance(this, frame).dataSegments[dataIndex] = EMPTY;
        return FALLTHROUGH;
    }
}
