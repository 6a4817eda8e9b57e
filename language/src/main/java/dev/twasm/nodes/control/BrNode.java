package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;

/**
 * {@code br}, and {@code return} as a branch to the function body (spec §4.4.8): writes the values
 * the target expects into the target's slots, then returns the target's depth as the signal.
 * The writes are ordinary slot-store statements built by the node builder; values already in the
 * right slot need none.
 *
 * <p>In compiled code a branch chosen by {@link CompiledExits} throws its {@link CompiledExit}
 * instead, which Graal compiles to a direct jump to the catcher; the interpreter always returns
 * the signal.
 */
@NodeInfo(shortName = "br")
public final class BrNode extends StmtNode {
    @Children private final StmtNode[] transfers;
    private final int targetDepth;
    /** The exception compiled code throws instead of returning the signal, or null. */
    @CompilationFinal private CompiledExit compiledExit;
    /** For {@link CompiledExit#LOOP_BREAK}: the loop's slot that carries the signal past the catch. */
    @CompilationFinal private int breakSignalSlot = -1;

    public BrNode(StmtNode[] transfers, int targetDepth) {
        this.transfers = transfers;
        this.targetDepth = targetDepth;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Statements.execute(transfers, frame);
        if (CompilerDirectives.inCompiledCode() && compiledExit != null) {
            if (breakSignalSlot >= 0) {
                Slots.setI32(frame, breakSignalSlot, targetDepth);
            }
            throw compiledExit;
        }
        return targetDepth;
    }

    public int transferCount() {
        return transfers.length;
    }

    public int targetDepth() {
        return targetDepth;
    }

    /** Makes compiled code leave through {@code exit}; set while the function is built. */
    void exitInCompiledCode(CompiledExit exit) {
        this.compiledExit = exit;
    }

    /** Makes compiled code leave the innermost loop by {@link CompiledExit#LOOP_BREAK}, its signal in {@code signalSlot}. */
    void breakLoopInCompiledCode(int signalSlot) {
        this.compiledExit = CompiledExit.LOOP_BREAK;
        this.breakSignalSlot = signalSlot;
    }
}
