package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.baseline.BaselineFunction;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.TailCall;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;

/**
 * {@code call} of a function defined in the same module (spec §4.4.8): the callee's call target
 * is fixed by the module, so this is a {@link DirectCallNode}, which Truffle can inline and split.
 * The callee runs against the caller's own instance. The direct call node is created on first
 * execution, because call targets are created as function bodies are built and a callee may be
 * built after its caller. A callee still in the baseline tier is entered directly
 * ({@link WasmRootNode#callBaseline}); once it left, the call goes through, and compiled code may
 * inline, the call target. As the callee of {@code return_call}, the function instance of the
 * same index in the caller's instance.
 */
@NodeInfo(shortName = "call")
public final class CallNode extends AbstractCallNode {
    private final WasmModule module;
    private final int functionIndex;
    @Child private DirectCallNode call;

    public CallNode(WasmModule module, int functionIndex, ExprNode[] arguments, int[] argumentKinds) {
        super(arguments, argumentKinds);
        this.module = module;
        this.functionIndex = functionIndex;
    }

    /** The callee's call target once this call has run; null before. */
    public CallTarget executedTarget() {
        DirectCallNode c = call;
        return c == null ? null : c.getCallTarget();
    }

    @Override
    public TailCall tailCall(VirtualFrame frame) {
        Object[] args = evaluateArguments(frame);
        WasmInstance instance = CallingConvention.instance(this, frame);
        args[CallingConvention.CONTEXT] = instance;
        return new TailCall(instance.functions[functionIndex], args);
    }

    @Override
    protected Object call(VirtualFrame frame) {
        Object[] args = evaluateArguments(frame);
        args[CallingConvention.CONTEXT] = CallingConvention.instance(this, frame);
        if (call == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            call = insert(DirectCallNode.create(module.callTarget(functionIndex)));
        }
        Object result = WasmRootNode.callBaseline(call.getCallTarget(), args);
        if (result != BaselineFunction.DECLINED) {
            return result;
        }
        return call.call(args);
    }
}
