package dev.twasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/**
 * An instruction executed for its effect, as a statement of a block (architecture guide §2).
 *
 * <p>Statements return a branch <em>signal</em> instead of throwing for control flow:
 * {@link #FALLTHROUGH}, or the absolute depth of the block a {@code br}, {@code br_if},
 * {@code br_table} or {@code return} targets (the function body is depth 0). A block stops a signal
 * equal to its own depth and passes others up; a loop treats its own depth as "next iteration".
 * Signals are small constants in partially evaluated code, so the comparisons fold away, and the
 * interpreter pays no exception cost for branches.
 */
public abstract class StmtNode extends Node {
    /** Signal: continue with the next statement. */
    public static final int FALLTHROUGH = -1;

    /** Executes the statement; returns {@link #FALLTHROUGH} or the depth of the branch target. */
    public abstract int execute(VirtualFrame frame);
}
