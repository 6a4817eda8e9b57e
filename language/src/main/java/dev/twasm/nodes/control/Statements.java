package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.twasm.nodes.StmtNode;

/** Runs a statement sequence, stopping at the first branch signal. Unrolled by partial evaluation. */
final class Statements {
    private Statements() {
    }

    /** Executes {@code body} in order; returns the first signal that is not fallthrough. */
    @ExplodeLoop
    static int execute(StmtNode[] body, VirtualFrame frame) {
        for (StmtNode statement : body) {
            int signal = statement.execute(frame);
            if (signal != StmtNode.FALLTHROUGH) {
                return signal;
            }
        }
        return StmtNode.FALLTHROUGH;
    }
}
