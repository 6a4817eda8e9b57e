package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

/**
 * {@code if ... else ... end} (spec §4.4.8): a block with two bodies chosen by an i32 condition.
 * The condition is profiled with a counting profile so compiled code lays out the likely branch
 * first and drops a never-taken one.
 */
@NodeInfo(shortName = "if")
public final class IfNode extends StmtNode {
    @Child private ExprNode condition;
    @Children private final StmtNode[] thenBody;
    @Children private final StmtNode[] elseBody;
    private final int depth;
    private final CountingConditionProfile profile = CountingConditionProfile.create();

    public IfNode(ExprNode condition, StmtNode[] thenBody, StmtNode[] elseBody, int depth) {
        this.condition = condition;
        this.thenBody = thenBody;
        this.elseBody = elseBody;
        this.depth = depth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int signal;
        if (profile.profile(condition.executeI32(frame) != 0)) {
            signal = Statements.execute(thenBody, frame);
        } else {
            signal = Statements.execute(elseBody, frame);
        }
        return signal == depth ? FALLTHROUGH : signal;
    }

    int depth() {
        return depth;
    }

    ExprNode condition() {
        return condition;
    }

    StmtNode[] thenStatements() {
        return thenBody;
    }

    StmtNode[] elseStatements() {
        return elseBody;
    }
}
