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
 * guarded direct call. Also the callee of {@code return_call} of an import.
 */
@NodeInfo(shortName = "call")
public final class CallImportNode extends DynamicCallNode {
    private final int functionIndex;

    public CallImportNode(int functionIndex, ExprNode[] arguments, int[] argumentKinds) {
        super(arguments, argumentKinds);
        this.functionIndex = functionIndex;
    }

    @Override
    protected WasmFunction callee(VirtualFrame frame) {
        return CallingConvention.instance(this, frame).functions[functionIndex];
    }
}
