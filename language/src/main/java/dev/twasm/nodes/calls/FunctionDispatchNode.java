package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.runtime.WasmFunction;

/**
 * Calls a function instance that is only known at run time (imports, {@code call_indirect}):
 * a polymorphic inline cache of up to three {@link DirectCallNode}s keyed on the call target,
 * falling back to an {@link IndirectCallNode} when a site sees more targets.
 */
@GenerateInline(false)
public abstract class FunctionDispatchNode extends Node {
    public abstract Object execute(WasmFunction function, Object[] arguments);

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
