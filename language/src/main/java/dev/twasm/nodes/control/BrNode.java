package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.StmtNode;

/**
 * {@code br}, and {@code return} as a branch to the function body (spec §4.4.8): writes the values
 * the target expects into the target's slots, then returns the target's depth as the signal.
 * The writes are ordinary slot-store statements built by the node builder; values already in the
 * right slot need none.
 */
@NodeInfo(shortName = "br")
public final class BrNode extends StmtNode {
    @Children private final StmtNode[] transfers;
    private final int targetDepth;

    public BrNode(StmtNode[] transfers, int targetDepth) {
        this.transfers = transfers;
        this.targetDepth = targetDepth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Statements.execute(transfers, frame);
        return targetDepth;
    }

    public int transferCount() {
        return transfers.length;
    }

    public int targetDepth() {
        return targetDepth;
    }
}
