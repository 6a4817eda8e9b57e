package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.baseline.BaselineFunction;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmFunction;

/**
 * Calls a function instance that is only known at run time (imports, {@code call_indirect}):
 * a polymorphic inline cache of up to three {@link DirectCallNode}s keyed on the call target,
 * falling back to an {@link IndirectCallNode} when a site sees more targets.
 *
 * <p>A Wasm callee still in the baseline tier is entered directly ({@link WasmRootNode#callBaseline}),
 * as {@link CallNode} does: through the call target, Truffle would count the calls and compile a
 * callee whose compiled code can only call its baseline code, and compile it again when it leaves
 * the tier. The call still goes through the specializations, so the cache learns its targets in
 * the interpreter and the compiled caller has them (a cache bypassed in the interpreter made
 * compiled callers deoptimize at every new target).
 */
@GenerateInline(false)
public abstract class FunctionDispatchNode extends Node {
    public abstract Object execute(WasmFunction function, Object[] arguments);

    @Specialization(guards = "function.target() == cachedTarget", limit = "3")
    static Object direct(WasmFunction function, Object[] arguments,
                    @Cached("function.target()") CallTarget cachedTarget,
                    @Cached("create(cachedTarget)") DirectCallNode call) {
        Object result = WasmRootNode.callBaseline(cachedTarget, arguments);
        if (result != BaselineFunction.DECLINED) {
            return result;
        }
        return call.call(arguments);
    }

    @Specialization(replaces = "direct")
    static Object indirect(WasmFunction function, Object[] arguments,
                    @Cached IndirectCallNode call) {
        CallTarget target = function.target();
        Object result = WasmRootNode.callBaseline(target, arguments);
        if (result != BaselineFunction.DECLINED) {
            return result;
        }
        return call.call(target, arguments);
    }
}
