package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
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
 *
 * <p>When falling through leaves the innermost loop (the {@code br_if} ends the loop body, for
 * example {@code br_if} to the loop inside a block at the body's tail), compiled code leaves the
 * loop on the not-taken path by {@link CompiledExit#LOOP_EXIT} (see {@link CompiledExits}). Then
 * the loop body's normal returns all mean "again", and the condition is the loop's branch.
 */
@NodeInfo(shortName = "br_if")
public final class BrIfNode extends StmtNode {
    @Child private ExprNode condition;
    @Child private BrNode branch;
    private final CountingConditionProfile profile = CountingConditionProfile.create();
    /** Whether compiled code throws {@link CompiledExit#LOOP_EXIT} when the branch is not taken. */
    @CompilationFinal private boolean exitsLoopWhenNotTaken;

    public BrIfNode(ExprNode condition, BrNode branch) {
        this.condition = condition;
        this.branch = branch;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (holds(frame)) {
            return branch.execute(frame);
        }
        if (CompilerDirectives.inCompiledCode() && exitsLoopWhenNotTaken) {
            throw CompiledExit.LOOP_EXIT;
        }
        return FALLTHROUGH;
    }

    /** Evaluates the condition; when it holds, also moves the branch values, as the branch would. */
    boolean taken(VirtualFrame frame) {
        if (holds(frame)) {
            branch.execute(frame);
            return true;
        }
        return false;
    }

    private boolean holds(VirtualFrame frame) {
        return profile.profile(condition.executeI32(frame) != 0);
    }

    int targetDepth() {
        return branch.targetDepth();
    }

    /** See {@link #exitsLoopWhenNotTaken}; set while the function is built. */
    void exitLoopWhenNotTakenInCompiledCode() {
        this.exitsLoopWhenNotTaken = true;
    }
}
