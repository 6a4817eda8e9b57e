package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

/**
 * {@code br_if} (spec §4.4.8): branches when the i32 condition is non-zero, with a counting
 * profile on the condition. Branch values stay on the operand stack when the branch is not taken,
 * so the builder first spills them to their own slots and this node copies them to the target's
 * slots only on the taken path.
 */
@NodeInfo(shortName = "br_if")
public final class BrIfNode extends StmtNode {
    @Child private ExprNode condition;
    @Child private BrNode branch;
    private final CountingConditionProfile profile = CountingConditionProfile.create();

    public BrIfNode(ExprNode condition, BrNode branch) {
        this.condition = condition;
        this.branch = branch;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (taken(frame)) {
            return branch.execute(frame);
        }
        return FALLTHROUGH;
    }

    /** Evaluates the condition; when it holds, also moves the branch values, as the branch would. */
    boolean taken(VirtualFrame frame) {
        if (profile.profile(condition.executeI32(frame) != 0)) {
            branch.execute(frame);
            return true;
        }
        return false;
    }

    int targetDepth() {
        return branch.targetDepth();
    }
}
