package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.control.CompiledExit;

/**
 * {@code return_call} and {@code return_call_indirect} (Wasm 3.0, spec §4.4.8): evaluates the
 * callee's arguments and finds the callee exactly as the corresponding call does (the same
 * {@link AbstractCallNode}, with its traps), but instead of calling, leaves the pending
 * {@link dev.twasm.runtime.TailCall} in the function's tail-call slot and returns from the
 * function. The root returns it in place of results, and the caller's call site makes the call
 * ({@link TailCallNode}), so this function's frame is gone first: constant Java stack.
 *
 * <p>It leaves like {@code return}: the signal of depth 0 in the interpreter, the preallocated
 * {@link CompiledExit#RETURN} in compiled code, which Graal turns into a jump to the root.
 * {@code return_call_ref} needs only another {@link AbstractCallNode} here.
 */
@NodeInfo(shortName = "return_call")
public final class ReturnCallNode extends StmtNode {
    /** The signal of a return: the depth of the function body. */
    private static final int FUNCTION_DEPTH = 0;
    @Child private AbstractCallNode call;
    private final int tailCallSlot;

    public ReturnCallNode(AbstractCallNode call, int tailCallSlot) {
        this.call = call;
        this.tailCallSlot = tailCallSlot;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Slots.setRef(frame, tailCallSlot, call.tailCall(frame));
        if (CompilerDirectives.inCompiledCode()) {
            throw CompiledExit.RETURN;
        }
        return FUNCTION_DEPTH;
    }

    /** The call inside is in a field a wrapper cannot fill, so this statement carries the {@code CallTag}. */
    @Override
    protected boolean isCall() {
        return true;
    }
}
