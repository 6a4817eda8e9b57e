package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

/**
 * Evaluates an expression for its effects and discards the value: {@code drop} of a value whose
 * computation may trap or has effects (spec §4.4.4), and calls whose results are unused. Pure
 * dropped values get no node at all.
 */
@NodeInfo(shortName = "drop")
public final class DropNode extends StmtNode {
    @Child private ExprNode value;
    private final int kind;

    public DropNode(ExprNode value, int kind) {
        this.value = value;
        this.kind = kind;
    }

    @Override
    public int execute(VirtualFrame frame) {
        value.executeBoxed(frame, kind);
        return FALLTHROUGH;
    }
}
