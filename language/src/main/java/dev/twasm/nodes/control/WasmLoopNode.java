package dev.twasm.nodes.control;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;

/**
 * {@code loop} (spec §4.4.8), as a Truffle {@link LoopNode}, which gives on-stack replacement of
 * long-running loops and loop-count reporting for compilation heuristics.
 *
 * <p>Each iteration runs the body once. A branch to the loop's own depth means "next iteration"
 * (its values were already written to the loop's parameter slots); falling off the end of the body
 * ends the loop; any other signal ends the loop and is passed up. The repeating node answers only
 * "again?" as a boolean, the shape Graal compiles into the tightest loop; the rare outgoing signal is
 * written to the function's exit-signal slot when the loop ends, not on every iteration.
 */
@NodeInfo(shortName = "loop")
public final class WasmLoopNode extends StmtNode {
    @Child private LoopNode loop;
    private final int exitSignalSlot;

    /** @param exitSignalSlot the static int slot through which the signal leaving a loop is passed */
    public WasmLoopNode(StmtNode[] body, int depth, int exitSignalSlot) {
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, depth, exitSignalSlot));
        this.exitSignalSlot = exitSignalSlot;
    }

    @Override
    public int execute(VirtualFrame frame) {
        loop.execute(frame);
        return Slots.getI32(frame, exitSignalSlot);
    }

    static final class Body extends com.oracle.truffle.api.nodes.Node implements RepeatingNode {
        @Children private final StmtNode[] body;
        private final int depth;
        private final int exitSignalSlot;

        Body(StmtNode[] body, int depth, int exitSignalSlot) {
            this.body = body;
            this.depth = depth;
            this.exitSignalSlot = exitSignalSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            int signal = Statements.execute(body, frame);
            if (signal == depth) {
                return true;
            }
            Slots.setI32(frame, exitSignalSlot, signal);
            return false;
        }

        @Override
        public String toString() {
            return "loop body at depth " + depth;
        }
    }
}
