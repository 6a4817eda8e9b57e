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
 */
@GenerateInline(false)
public abstract class FunctionDispatchNode extends Node {
    public abstract Object execute(WasmFunction function, Object[] arguments);

    /**
     * Calls {@code function}: in the interpreter, a Wasm function still in the baseline tier is
     * entered directly ({@link WasmRootNode#callInInterpreter(CallTarget, Object[])}); otherwise,
     * and always in compiled code, through the inline cache.
     */
    public final Object call(WasmFunction function, Object[] arguments) {
        if (CompilerDirectives.inInterpreter()) {
            Object result = WasmRootNode.callInInterpreter(function.target(), arguments);
            if (result != BaselineFunction.DECLINED) {
                return result;
            }
        }
        return execute(function, arguments);
    }

    @Specialization(guards = "function.target() == cachedTarget", limit = "3")
    static Object direct(WasmFunction function, Object[] arguments,
                    @Cached("function.target()") CallTarget cachedTarget,
                    @Cached("create(cachedTarget)") DirectCallNode call) {
        return call.call(arguments);
    }

    @Specialization(replaces = "direct")
    static Object indirect(WasmFunction function, Object[] arguments,
                    @Cached IndirectCallNode call) {
        return call.call(function.target(), arguments);
    }
}
