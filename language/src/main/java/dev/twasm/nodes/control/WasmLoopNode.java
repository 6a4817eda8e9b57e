package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.TruffleSafepoint;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;
import dev.twasm.runtime.ResourceLimits;

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
 *
 * <p>In a function with {@code v128} values the loop has no on-stack replacement: a plain Java
 * loop over the body that reports its iterations to Truffle (every {@link #REPORT_EVERY} back
 * edges, so a long first run gets its root compiled for the next call). A {@code LoopNode}'s OSR
 * code works on the interpreter's frame itself, a real object, so every vector it writes to a slot
 * is boxed, and Graal then expands none of the Vector API operations that value meets (measured:
 * 1,650 ms per iteration of {@code dotf32-simd} against 4.4 ms without OSR). Truffle's bytecode
 * OSR protocol, which copies the frame into a virtual one, was tried too: the parts of a loop that
 * ran as OSR code leave no profile in the AST, and the root's own Graal compilation then hit a
 * Vector API expansion bug of Graal 25.0.1 ("input ValuePhi ... is not alive") on the
 * deoptimization states of those unprofiled paths, so the root stayed in the first tier (568 ms). Instead such functions do not run the AST on every long call when they leave the
 * baseline tier (see {@code BaselineFunction}): their long calls stay in the baseline code, whose
 * loops HotSpot compiles on the stack, until Graal has compiled the root.
 */
@NodeInfo(shortName = "loop")
public final class WasmLoopNode extends StmtNode {
    /** How many interpreted iterations of a loop without OSR are reported to Truffle at a time. */
    static final int REPORT_EVERY = 1 << 12;

    /** The loop of a function without vectors, else null. */
    @Child private LoopNode loop;
    /** The body of a loop without OSR, else null. */
    @Child private Body plain;
    private final int exitSignalSlot;
    /** Where the fuel left is kept while the loop runs, or -1 (see the constructor). */
    private final int fuelSlot;

    /**
     * @param exitSignalSlot the static int slot through which the signal leaving a loop is passed
     * @param withoutOSR whether the loop runs without on-stack replacement (functions with
     *            {@code v128} values)
     */
    public WasmLoopNode(StmtNode[] body, int depth, int exitSignalSlot, boolean withoutOSR) {
        this(body, depth, exitSignalSlot, withoutOSR, 0, -1);
    }

    /**
     * @param fuelCost the fuel charged at the start of every iteration ({@code wasm.Fuel}; the
     *            cost of the loop's region, {@code builder.FuelCosts}), 0 in code built without fuel
     * @param fuelSlot the static long slot in which the loop keeps the fuel left while it runs, or
     *            -1 to charge the context's field at every iteration (a loop whose body calls, or
     *            has loops or charges of its own)
     */
    public WasmLoopNode(StmtNode[] body, int depth, int exitSignalSlot, boolean withoutOSR, long fuelCost, int fuelSlot) {
        Body repeating = endsInBackEdge(body, depth)
                        ? new Body(Arrays.copyOf(body, body.length - 1), (BrIfNode) body[body.length - 1], depth, exitSignalSlot, fuelCost, fuelSlot)
                        : new Body(body, null, depth, exitSignalSlot, fuelCost, fuelSlot);
        this.fuelSlot = fuelSlot;
        if (withoutOSR) {
            this.plain = repeating;
        } else {
            this.loop = Truffle.getRuntime().createLoopNode(repeating);
        }
        this.exitSignalSlot = exitSignalSlot;
    }

    private static boolean endsInBackEdge(StmtNode[] body, int depth) {
        return body.length > 0 && body[body.length - 1] instanceof BrIfNode last && last.targetDepth() == depth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (fuelSlot < 0) {
            return run(frame);
        }
        // Fuel in a frame slot: read once, decremented per iteration, written back however the
        // loop is left (a branch, a trap, a Wasm exception). No call inside can see the field.
        // The first iteration is charged here, every later one at the back edge before it.
        ResourceLimits limits = CallingConvention.instance(this, frame).limits;
        Slots.setI64(frame, fuelSlot, limits.fuel);
        try {
            body().chargeSlot(frame);
            return run(frame);
        } finally {
            limits.fuel = Slots.getI64(frame, fuelSlot);
        }
    }

    private int run(VirtualFrame frame) {
        try {
            if (loop != null) {
                loop.execute(frame);
            } else {
                runWithoutOSR(frame);
            }
        } catch (CompiledExit.LoopExit e) {
            return FALLTHROUGH;
        } catch (CompiledExit.LoopBreak e) {
            // The branch wrote its signal to the exit-signal slot, as a loop ending normally does.
        }
        return Slots.getI32(frame, exitSignalSlot);
    }

    /** The loop of a function with vectors: no OSR, iterations reported in batches while interpreted. */
    private void runWithoutOSR(VirtualFrame frame) {
        int iterations = 0;
        try {
            while (plain.executeRepeating(frame)) {
                if (CompilerDirectives.inInterpreter()) {
                    // A LoopNode polls in the interpreter, this loop must itself: cancellation,
                    // Context.interrupt and the deadline (wasm.Timeout) act at safepoints.
                    // Compiled code polls at the back edge without this.
                    TruffleSafepoint.poll(this);
                    if (++iterations == REPORT_EVERY) {
                        LoopNode.reportLoopCount(this, iterations);
                        iterations = 0;
                    }
                }
            }
        } finally {
            if (CompilerDirectives.inInterpreter() && iterations > 0) {
                LoopNode.reportLoopCount(this, iterations);
            }
        }
    }

    Body body() {
        return loop != null ? (Body) loop.getRepeatingNode() : plain;
    }

    static final class Body extends com.oracle.truffle.api.nodes.Node implements RepeatingNode {
        @Children private final StmtNode[] body;
        /**
         * The closing {@code br_if} to this loop, or null; typed as a statement because an
         * instrument may wrap it ({@link #again}).
         */
        @Child private StmtNode backEdge;
        private final int depth;
        private final int exitSignalSlot;
        /** Fuel charged per iteration; 0 (folded away) in code built without fuel. */
        private final long fuelCost;
        private final int fuelSlot;

        Body(StmtNode[] body, BrIfNode backEdge, int depth, int exitSignalSlot, long fuelCost, int fuelSlot) {
            this.body = body;
            this.backEdge = backEdge;
            this.depth = depth;
            this.exitSignalSlot = exitSignalSlot;
            this.fuelCost = fuelCost;
            this.fuelSlot = fuelSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            if (fuelCost != 0 && fuelSlot < 0) {
                CallingConvention.instance(this, frame).limits.chargeFuel(fuelCost, this);
            }
            int signal;
            try {
                signal = Statements.execute(body, frame);
            } catch (CompiledExit.LoopContinue e) {
                return nextIteration(frame);
            }
            if (signal == depth) {
                return nextIteration(frame);
            }
            if (signal == StmtNode.FALLTHROUGH && backEdge != null && again(frame)) {
                return nextIteration(frame);
            }
            Slots.setI32(frame, exitSignalSlot, signal);
            return false;
        }

        /**
         * At a back edge: a loop that counts fuel in a frame slot charges the next iteration here,
         * not at the start of the iteration, which is the same point of the program (nothing runs
         * in between) but not of the compiled loop. At the start, the guard that deoptimizes when
         * the fuel runs out sat above the loop's exit tests, and on {@code mandelbrot}'s hot loop
         * Graal's register allocator then moved values through the stack on every iteration
         * (38.0 against 25.7 ms per run with the charge here, {@code benchmarks/compare.sh
         * --no-build --programs mandelbrot --engines twasm-limits}, 2026-12-08; docs/rationale.md).
         */
        private boolean nextIteration(VirtualFrame frame) {
            if (fuelCost != 0 && fuelSlot >= 0) {
                chargeSlot(frame);
            }
            return true;
        }

        /** Charges one iteration to the fuel in the frame slot; traps (deoptimizing: never taken in compiled code) when none is left. */
        void chargeSlot(VirtualFrame frame) {
            long left = Slots.getI64(frame, fuelSlot) - fuelCost;
            Slots.setI64(frame, fuelSlot, left);
            if (left < 0) {
                CompilerDirectives.transferToInterpreter();
                throw ResourceLimits.fuelExhausted(this);
            }
        }

        StmtNode[] statements() {
            return body;
        }

        /**
         * Runs the back edge: its condition directly, or, once an instrument has wrapped the
         * {@code br_if}, the wrapper as a statement, whose signal is this loop's depth when the
         * branch is taken. The type test folds in compiled code (a child is a constant there).
         */
        private boolean again(VirtualFrame frame) {
            return backEdge instanceof BrIfNode b ? b.taken(frame) : backEdge.execute(frame) == depth;
        }

        /** The back edge as built (before any instrument wraps it), for {@link CompiledExits}. */
        BrIfNode backEdge() {
            return (BrIfNode) backEdge;
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

    /** Only groups statements; its own instruction runs no code ({@code StatementTag} is on the statements inside). */
    @Override
    protected boolean isStructural() {
        return true;
    }
}
