package dev.twasm.nodes.variables;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;

/**
 * {@code local.set} (spec §4.4.5), and every write of a hidden slot (block results, branch values,
 * spills). The kind is a final int, so partial evaluation keeps only the matching case.
 */
@NodeInfo(shortName = "local.set")
public final class LocalSetNode extends StmtNode {
    private final int slot;
    private final int kind;
    @Child private ExprNode value;

    public LocalSetNode(int slot, int kind, ExprNode value) {
        this.slot = slot;
        this.kind = kind;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Slots.evaluateInto(frame, slot, kind, value);
        return FALLTHROUGH;
    }
}
