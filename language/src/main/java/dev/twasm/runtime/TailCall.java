package dev.twasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleSafepoint;
import dev.twasm.baseline.BaselineFunction;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.WasmRootNode;

/**
 * A tail call that is still to be made (Wasm 3.0 {@code return_call}, {@code return_call_indirect},
 * spec §4.4.8): the callee's function instance and its arguments, laid out by
 * {@link CallingConvention} (the callee's context already in argument 0).
 *
 * <p>A function that executes a tail call does not call: its root returns this object in place of
 * its results, and the call site that called the function makes the call, in a loop as long as the
 * results are tail calls again (a trampoline: {@code nodes.calls.TailCallNode} at the AST's call
 * sites, {@link #resolve} elsewhere). The caller's Java frame is gone before the callee's is
 * pushed, so a chain of tail calls of any length runs in constant Java stack and at constant call
 * depth. Whoever calls a call target of a Wasm function (call nodes, interop, the start function,
 * baseline call stubs) must therefore look for this type in the result; it is the only object of
 * the calling convention's results that is not a value.
 *
 * <p>{@code return_call_ref} (typed function references) makes the same object from the
 * reference it pops.
 */
public record TailCall(WasmFunction function, Object[] arguments) {

    /**
     * Makes the tail calls that {@code result} may be, until a call returns results; returns them.
     * Off the AST's fast paths: the start function, baseline code's calls through call targets.
     * A callee still in the baseline tier runs its baseline code without its call target, as a
     * Wasm call node would.
     */
    public static Object resolve(Object result) {
        Object r = result;
        while (r instanceof TailCall t) {
            TruffleSafepoint.poll(null);
            CallTarget target = t.function.target();
            r = WasmRootNode.callBaseline(target, t.arguments);
            if (r == BaselineFunction.DECLINED) {
                r = target.call(t.arguments);
            }
        }
        return r;
    }
}
