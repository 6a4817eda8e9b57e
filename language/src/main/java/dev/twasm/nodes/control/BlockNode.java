package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.StmtNode;

/**
 * {@code block} (spec §4.4.8): runs its body; a branch to this block's depth ends the block
 * normally. The block's results are already in their frame slots when a branch arrives, written by
 * the branch, so the block itself only compares the signal with its constant {@link #depth}.
 *
 * <p>The node builder emits a block node only when some branch targets it; other blocks are
 * flattened into their parent's statements. The function body is the block at depth 0, which is
 * also what {@code return} targets.
 */
@NodeInfo(shortName = "block")
public final class BlockNode extends StmtNode {
    @Children private final StmtNode[] body;
    private final int depth;

    public BlockNode(StmtNode[] body, int depth) {
        this.body = body;
        this.depth = depth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int signal = Statements.execute(body, frame);
        return signal == depth ? FALLTHROUGH : signal;
    }

    int depth() {
        return depth;
    }

    StmtNode[] statements() {
        return body;
    }

    @Override
    protected boolean isStructural() {
        return true;
    }

    @Override
    protected boolean isFunctionBody() {
        return depth == 0;
    }
}
