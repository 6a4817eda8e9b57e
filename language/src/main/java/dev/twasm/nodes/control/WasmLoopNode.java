package dev.twasm.nodes.control;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;

import java.util.Arrays;

/**
 * {@code loop} (spec §4.4.8), as a Truffle {@link LoopNode}, which gives on-stack replacement of
 * long-running loops and loop-count reporting for compilation heuristics.
 *
 * <p>Each iteration runs the body once. A branch to the loop's own depth means "next iteration"
 * (its values were already written to the loop's parameter slots); falling off the end of the body
 * ends the loop; any other signal ends the loop and is passed up. The repeating node answers only
 * "again?" as a boolean, the shape Graal compiles into the tightest loop; the rare outgoing signal is
 * written to the function's exit-signal slot when the loop ends, not on every iteration.
 *
 * <p>A body that ends in {@code br_if} to the loop itself (the do-while shape compilers emit for
 * almost every loop) keeps that {@code br_if} apart: its condition answers "again?" directly.
 * Through the general path the condition would first become a signal value (branch or
 * fallthrough), merged with the other statements' signals and compared with the loop's depth, and
 * Graal compiles that merge into conditional moves and a compare on every back edge instead of
 * one branch.
 *
 * <p>Compiled code leaves the loop early through {@link CompiledExit#LOOP_EXIT} and
 * {@link CompiledExit#LOOP_BREAK} (see {@link CompiledExits}), caught here, and branches to the
 * loop's start through {@link CompiledExit#LOOP_CONTINUE}, caught by the body, so none of them is
 * part of the signal that the body's statements return.
 */
@NodeInfo(shortName = "loop")
public final class WasmLoopNode extends StmtNode {
    @Child private LoopNode loop;
    private final int exitSignalSlot;

    /** @param exitSignalSlot the static int slot through which the signal leaving a loop is passed */
    public WasmLoopNode(StmtNode[] body, int depth, int exitSignalSlot) {
        this.loop = Truffle.getRuntime().createLoopNode(endsInBackEdge(body, depth)
                        ? new Body(Arrays.copyOf(body, body.length - 1), (BrIfNode) body[body.length - 1], depth, exitSignalSlot)
                        : new Body(body, null, depth, exitSignalSlot));
        this.exitSignalSlot = exitSignalSlot;
    }

    private static boolean endsInBackEdge(StmtNode[] body, int depth) {
        return body.length > 0 && body[body.length - 1] instanceof BrIfNode last && last.targetDepth() == depth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        try {
            loop.execute(frame);
        } catch (CompiledExit.LoopExit e) {
            return FALLTHROUGH;
        } catch (CompiledExit.LoopBreak e) {
            // The branch wrote its signal to the exit-signal slot, as a loop ending normally does.
        }
        return Slots.getI32(frame, exitSignalSlot);
    }

    Body body() {
        return (Body) loop.getRepeatingNode();
    }

    static final class Body extends com.oracle.truffle.api.nodes.Node implements RepeatingNode {
        @Children private final StmtNode[] body;
        /** The closing {@code br_if} to this loop, or null. */
        @Child private BrIfNode backEdge;
        private final int depth;
        private final int exitSignalSlot;

        Body(StmtNode[] body, BrIfNode backEdge, int depth, int exitSignalSlot) {
            this.body = body;
            this.backEdge = backEdge;
            this.depth = depth;
            this.exitSignalSlot = exitSignalSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            int signal;
            try {
                signal = Statements.execute(body, frame);
            } catch (CompiledExit.LoopContinue e) {
                return true;
            }
            if (signal == depth) {
                return true;
            }
            if (signal == StmtNode.FALLTHROUGH && backEdge != null && backEdge.taken(frame)) {
                return true;
            }
            Slots.setI32(frame, exitSignalSlot, signal);
            return false;
        }

        StmtNode[] statements() {
            return body;
        }

        BrIfNode backEdge() {
            return backEdge;
        }

        /** The slot through which the signal leaving the loop is passed. */
        int exitSignalSlot() {
            return exitSignalSlot;
        }

        /** The loop's label depth: a branch to it starts the next iteration. */
        int depth() {
            return depth;
        }

        @Override
        public String toString() {
            return "loop body at depth " + depth;
        }
    }
}
