package dev.twasm.nodes.calls;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.runtime.TailCall;

/**
 * The trampoline of one call site (Wasm 3.0 tail calls, spec §4.4.8 {@code return_call}): makes
 * the {@link TailCall} a callee returned instead of its results, and every further one the callees
 * return, one after the other from the call site's own Java frame, until a callee returns results.
 * The functions of a chain of tail calls therefore never nest on the Java stack, and each of their
 * roots enters and leaves the call depth ({@code wasm.MaxCallDepth}) before the next one enters.
 *
 * <p>Created by {@link AbstractCallNode} on the first tail call its site sees, so call sites whose
 * callees never tail-call have none. The calls go through a {@link FunctionDispatchNode}, the same
 * polymorphic inline cache as {@code call_indirect}: a mutual recursion of a few functions has
 * direct calls here that Graal can inline into the loop; a callee still in the baseline tier is
 * entered without its call target.
 */
public final class TailCallNode extends Node {
    @Child private FunctionDispatchNode dispatch = FunctionDispatchNodeGen.create();

    /** Makes {@code first} and the tail calls it leads to; returns the last callee's results. */
    public Object execute(TailCall first) {
        TailCall call = first;
        while (true) {
            // A chain of tail calls may never end: like a loop's back edge, it lets Truffle's
            // safepoints (cancellation, interrupts) in.
            TruffleSafepoint.poll(this);
            Object result = dispatch.execute(call.function(), call.arguments());
            if (!(result instanceof TailCall next)) {
                return result;
            }
            call = next;
        }
    }

    /** The results of a call through a call target: {@code result} itself, or what its tail calls return. */
    public Object resolve(Object result) {
        return result instanceof TailCall t ? execute(t) : result;
    }
}
