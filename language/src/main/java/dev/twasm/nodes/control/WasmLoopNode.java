package dev.twasm.nodes.control;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.twasm.nodes.StmtNode;

/**
 * {@code loop} (spec §4.4.8), as a Truffle {@link LoopNode}, which gives on-stack replacement of
 * long-running loops and loop-count reporting for compilation heuristics.
 *
 * <p>Each iteration runs the body once. A branch to the loop's own depth means "next iteration"
 * (its values were already written to the loop's parameter slots); falling off the end of the body
 * ends the loop; any other signal ends the loop and is passed up. The repeating node returns the
 * outgoing signal as its loop result, so no state is kept in fields.
 */
@NodeInfo(shortName = "loop")
public final class WasmLoopNode extends StmtNode {
    @Child private LoopNode loop;

    public WasmLoopNode(StmtNode[] body, int depth) {
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, depth));
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object result = loop.execute(frame);
        return result instanceof Integer signal ? signal : FALLTHROUGH;
    }

    static final class Body extends com.oracle.truffle.api.nodes.Node implements RepeatingNode {
        @Children private final StmtNode[] body;
        private final int depth;

        Body(StmtNode[] body, int depth) {
            this.body = body;
            this.depth = depth;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            int signal = Statements.execute(body, frame);
            if (signal == depth) {
                return CONTINUE_LOOP_STATUS;
            }
            if (signal == FALLTHROUGH) {
                return BREAK_LOOP_STATUS;
            }
            return signal;
        }

        @Override
        public String toString() {
            return "loop body at depth " + depth;
        }
    }
}
