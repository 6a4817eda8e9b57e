package dev.twasm.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.TailCall;
import dev.twasm.runtime.WasmFunction;

/**
 * A call whose callee is a function instance found at run time (spec §4.4.8): an import, which
 * depends on the instance, or a table element ({@code call_indirect}); later also a function
 * reference ({@code call_ref}). The subclass finds the callee ({@link #callee}, with its traps)
 * after the arguments are evaluated; the call goes through the polymorphic inline cache of
 * {@link FunctionDispatchNode}, and the tail call of the same callee ({@code return_call},
 * {@code return_call_indirect}, {@code return_call_ref}) is the same lookup without the call.
 */
public abstract class DynamicCallNode extends AbstractCallNode {
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    protected DynamicCallNode(ExprNode[] arguments, int[] argumentKinds) {
        super(arguments, argumentKinds);
    }

    /** The function instance to call, evaluating what the instruction pops after the arguments. */
    protected abstract WasmFunction callee(VirtualFrame frame);

    @Override
    protected final Object call(VirtualFrame frame) {
        Object[] args = evaluateArguments(frame);
        WasmFunction function = calleeWithContext(frame, args);
        return dispatch.execute(function, args);
    }

    @Override
    public final TailCall tailCall(VirtualFrame frame) {
        Object[] args = evaluateArguments(frame);
        return new TailCall(calleeWithContext(frame, args), args);
    }

    private WasmFunction calleeWithContext(VirtualFrame frame, Object[] args) {
        WasmFunction function = callee(frame);
        args[CallingConvention.CONTEXT] = function.context();
        return function;
    }
}
