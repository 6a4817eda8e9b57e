package dev.twasm.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmFunction;

/**
 * {@code call_ref x} (Wasm 3.0 typed function references, spec 3.0 §4.4.8): evaluates the
 * arguments, then the function reference, and traps on null ("null function reference"). No
 * signature check: validation proved the reference's type is {@code x}, so the callee has it. The
 * call goes through the polymorphic inline cache of {@link FunctionDispatchNode} like
 * {@code call_indirect}'s, and {@code return_call_ref} finds its callee the same way
 * ({@link #tailCall}).
 */
@NodeInfo(shortName = "call_ref")
public final class CallRefNode extends DynamicCallNode {
    @Child private ExprNode reference;
    private final TrapSite nullReference = TrapSite.create(TrapKind.NULL_FUNCTION_REFERENCE);

    public CallRefNode(ExprNode[] arguments, int[] argumentKinds, ExprNode reference) {
        super(arguments, argumentKinds);
        this.reference = reference;
    }

    @Override
    protected WasmFunction callee(VirtualFrame frame) {
        if (reference.executeRef(frame) instanceof WasmFunction function) {
            return function;
        }
        throw nullReference.trap(this);
    }
}
