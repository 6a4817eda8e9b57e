package dev.twasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.WasmContext;
import dev.twasm.WasmLanguage;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import dev.twasm.interop.V128Value;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.ValueConversion;
import dev.twasm.model.FuncType;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.nodes.calls.TailCallNode;

/**
 * A function instance (spec §4.2.6): a call target closed over the context it runs in. For a Wasm
 * function the context is its {@link WasmInstance}; for a host function (an imported executable of
 * another language or the host) it is that executable. Calls pass the context as argument 0 (see
 * {@link CallingConvention}), which is how one shared call target serves every instance of a module.
 *
 * <p>{@link #typeId} is the canonical id of the function's type, so {@code call_indirect} checks
 * signatures with one int compare. This object is also the value of a {@code funcref}, and to
 * embedders an executable that converts arguments from their numbers.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmFunction extends WasmObject {
    private final FuncType type;
    private final int typeId;
    private final CallTarget target;
    private final Object context;
    private final String name;

    public WasmFunction(FuncType type, int typeId, CallTarget target, Object context, String name) {
        this.type = type;
        this.typeId = typeId;
        this.target = target;
        this.context = context;
        this.name = name;
    }

    public FuncType type() {
        return type;
    }

    public int typeId() {
        return typeId;
    }

    public CallTarget target() {
        return target;
    }

    /** The instance (Wasm functions) or executable (host functions) passed as argument 0. */
    public Object context() {
        return context;
    }

    public String name() {
        return name;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /**
     * Calls from other languages: a direct call (inlinable into the caller's compilation unit, so a
     * hot JavaScript loop and the Wasm callee compile as one) while the call site has seen at most
     * three call targets, an indirect call after that. A Wasm function with a {@code loop} is
     * called but never inlined: one call of it may run long, so the call costs nothing next to
     * it, while inlining it compiles the function (and its callees) a second time inside the
     * host's code, from profiles of that moment, and measured slower than its own compilation
     * (the {@code sieve} benchmark: 12.5 ms per call before the host's {@code Value.execute}
     * root was compiled with it inlined, 18 ms after). A call target fixes its function's type (a
     * Wasm function's root, or the engine's host-function target of that type), so the direct case
     * converts the arguments with the parameter types cached as constants. A function that ends
     * in a tail call returns it ({@link TailCall}); a direct call site's {@link TailCallNode} makes
     * it, an indirect one {@link TailCall#resolve}.
     */
    @ExportMessage
    static final class Execute {
        @Specialization(guards = "receiver.target() == cachedTarget", limit = "3")
        static Object direct(WasmFunction receiver, Object[] arguments,
                        @Cached("receiver.target()") CallTarget cachedTarget,
                        @Cached("inlinableCall(cachedTarget)") DirectCallNode call,
                        @Cached("create(receiver.type().params())") ValueConversion.ParametersNode convert,
                        @Cached("new()") TailCallNode tailCalls,
                        @Cached("deadlines(cachedTarget)") boolean deadlines) throws ArityException, UnsupportedTypeException {
            Object[] args = convert.execute(receiver.context, arguments);
            // The deadline (wasm.Timeout): a constant false where the language instance has none.
            boolean armed = deadlines && Deadlines.enter(WasmContext.get(null));
            try {
                return toHost(tailCalls.resolve(call != null ? call.call(args) : callNotInlined(cachedTarget, args)), receiver.type());
            } catch (OutOfMemoryError e) {
                throw outOfMemory();
            } finally {
                if (armed) {
                    Deadlines.exit(true);
                }
            }
        }

        /** Whether calls of {@code target} from the host arm a deadline: its language instance has {@code wasm.Timeout}. */
        static boolean deadlines(CallTarget target) {
            if (target instanceof RootCallTarget t && t.getRootNode() instanceof WasmRootNode root) {
                return root.getLanguage(WasmLanguage.class).deadlines();
            }
            return WasmLanguage.get(null).deadlines();
        }

        /**
         * The "out of memory" error for an {@link OutOfMemoryError} that passed every Wasm frame
         * (each tries to report it, but while its own references are live even the error may not
         * fit): here the guest's frames are gone, so what they held is garbage again.
         */
        @TruffleBoundary
        static WasmTrap outOfMemory() {
            return WasmTrap.create(TrapKind.OUT_OF_MEMORY, null);
        }

        /**
         * Calls {@code target} where partial evaluation cannot see the call: Truffle inlines a
         * call through a {@link DirectCallNode}, and also one through an {@link IndirectCallNode}
         * or {@link CallTarget#call} whose target is a compilation constant, as a cached one is.
         * A trap or a Wasm exception passes through without deoptimizing the caller.
         */
        @TruffleBoundary(transferToInterpreterOnException = false)
        static Object callNotInlined(CallTarget target, Object[] args) {
            return target.call(args);
        }

        /** A direct call node for {@code target}, or null for a Wasm function with loops, which is called without one. */
        static DirectCallNode inlinableCall(CallTarget target) {
            if (target instanceof RootCallTarget t && t.getRootNode() instanceof WasmRootNode root && root.containsLoop()) {
                return null;
            }
            return DirectCallNode.create(target);
        }

        @Specialization(replaces = "direct")
        static Object indirect(WasmFunction receiver, Object[] arguments,
                        @Cached IndirectCallNode call,
                        @Cached ValueConversion.ArgumentsNode convert) throws ArityException, UnsupportedTypeException {
            Object[] args = convert.execute(receiver.context, receiver.type.params(), arguments);
            boolean armed = deadlines(receiver.target) && Deadlines.enter(WasmContext.get(null));
            try {
                return toHost(TailCall.resolve(call.call(receiver.target, args)), receiver.type());
            } catch (OutOfMemoryError e) {
                throw outOfMemory();
            } finally {
                if (armed) {
                    Deadlines.exit(true);
                }
            }
        }
    }

    /**
     * Multi-value results become an interop array, {@code v128} results a {@link V128Value};
     * everything else is already an interop value.
     */
    static Object toHost(Object result, FuncType type) {
        if (result instanceof Object[] values) {
            Object[] host = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                host[i] = ValueConversion.toHost(values[i], type.result(i));
            }
            return new ValueArray(host);
        }
        return type.resultCount() == 1 ? ValueConversion.toHost(result, type.result(0)) : result;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "function " + name + " " + type;
    }
}
