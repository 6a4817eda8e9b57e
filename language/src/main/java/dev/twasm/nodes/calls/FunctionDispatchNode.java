package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
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
 *
 * <p>Past the cache, compiled code calls every target through its call target, baseline or not:
 * there the callee is not a constant, so the check whether it is in baseline mode is a chain of
 * type checks and loads on every call (the callee's root, its baseline state, its assumption),
 * while the callee's own root makes the same check for free in its compiled code. On {@code fnptr}
 * (2.2 million megamorphic calls per iteration) skipping it took the peak from 23.3-23.6 ms to
 * 19.6-21.0 ms. A baseline callee reached this way counts toward leaving the tier like any call
 * through its root.
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

    /** In compiled code, straight to the call target (see the class comment). */
    @Specialization(replaces = "direct")
    static Object indirect(WasmFunction function, Object[] arguments,
                    @Cached IndirectCallNode call) {
        CallTarget target = function.target();
        if (CompilerDirectives.inInterpreter()) {
            Object result = WasmRootNode.callBaseline(target, arguments);
            if (result != BaselineFunction.DECLINED) {
                return result;
            }
        }
        return call.call(target, arguments);
    }
}
