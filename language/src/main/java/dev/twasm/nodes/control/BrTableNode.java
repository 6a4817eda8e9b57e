package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

/**
 * {@code br_table} (spec §4.4.8): an indexed branch; an index past the label vector takes the
 * default. {@link #caseBranches} maps each case (the default last) to one of the distinct
 * {@link #branches}, so branch values are written once per distinct target. The loop over the
 * branches is unrolled, so each case leaves with a constant target in compiled code.
 */
@NodeInfo(shortName = "br_table")
public final class BrTableNode extends StmtNode {
    @Child private ExprNode index;
    @CompilationFinal(dimensions = 1) private final int[] caseBranches;
    @Children private final BrNode[] branches;

    public BrTableNode(ExprNode index, int[] caseBranches, BrNode[] branches) {
        this.index = index;
        this.caseBranches = caseBranches;
        this.branches = branches;
    }

    /** The index operand. */
    public ExprNode index() {
        return index;
    }

    /** Whether no case carries values, so a case is fully described by its target depth. */
    public boolean carriesNoValues() {
        for (BrNode branch : branches) {
            if (branch.transferCount() > 0) {
                return false;
            }
        }
        return true;
    }

    /** The target depth of each case, the default last. */
    public int[] caseTargets() {
        int[] targets = new int[caseBranches.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = branches[caseBranches[i]].targetDepth();
        }
        return targets;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        int i = index.executeI32(frame);
        int last = caseBranches.length - 1;
        int branch = Integer.compareUnsigned(i, last) < 0 ? caseBranches[i] : caseBranches[last];
        for (int b = 0; b < branches.length; b++) {
            if (b == branch) {
                return branches[b].execute(frame);
            }
        }
        return FALLTHROUGH; // unreachable: every case maps to a branch
    }
}
