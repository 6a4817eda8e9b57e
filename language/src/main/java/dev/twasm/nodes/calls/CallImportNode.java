package dev.twasm.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.WasmFunction;

/**
 * {@code call} of an imported function (spec §4.4.8): which function that is depends on the
 * instance, so the callee is read from the instance and dispatched through an inline cache
 * ({@link FunctionDispatchNode}); in the usual case of one import binding per call site, that is a
 * guarded direct call.
 */
@NodeInfo(shortName = "call")
public final class CallImportNode extends AbstractCallNode {
    private final int functionIndex;
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    public CallImportNode(int functionIndex, ExprNode[] arguments, int[] argumentKinds) {
        super(arguments, argumentKinds);
        this.functionIndex = functionIndex;
    }

    @Override
    public Object executeRaw(VirtualFrame frame) {
        Object[] args = evaluateArguments(frame);
        WasmFunction function = CallingConvention.instance(this, frame).functions[functionIndex];
        args[CallingConvention.CONTEXT] = function.context();
        return dispatch.execute(function, args);
    }
}
