package dev.twasm.baseline;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmException;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;

/**
 * Guest stack traces through baseline code. Truffle builds the stack trace of a guest exception
 * from the call targets it leaves, but a call from one baseline method to another is a plain JVM
 * call, so the trace of a trap would name only the function where baseline code was entered.
 *
 * <p>Every translated method therefore has an exception handler over its whole body that records
 * its function ({@link #record}) and rethrows: free until an exception passes. Where baseline code
 * was entered, {@link BaselineFunction} takes the recorded functions and rethrows the exception
 * through a chain of nested Truffle calls, one small call target per recorded function named
 * after it ({@link FrameRootNode}), innermost last, so Truffle records exactly the frames the AST
 * would have produced, in order. This costs only when an exception leaves baseline code, and is
 * bounded like Truffle's own traces (64 frames for "call stack exhausted" and for Wasm exceptions).
 */
final class StackTraces {
    private static final int MAX_FRAMES = 256;
    private static final int MAX_EXHAUSTION_FRAMES = 64;
    private static final ThreadLocal<Unwound> UNWOUND = ThreadLocal.withInitial(Unwound::new);

    private StackTraces() {
    }

    /** The functions an exception left on this thread, innermost first. */
    private static final class Unwound {
        Throwable exception;
        int count;
        WasmModule[] modules = new WasmModule[8];
        int[] functions = new int[8];

        void add(Throwable e, WasmModule module, int functionIndex) {
            if (exception != e) {
                exception = e;
                count = 0;
            }
            // Wasm exceptions keep 64 frames, as their own trace does (WasmException), and may unwind often.
            int limit = e instanceof WasmTrap trap && trap.kind() == TrapKind.CALL_STACK_EXHAUSTED || e instanceof WasmException
                            ? MAX_EXHAUSTION_FRAMES : MAX_FRAMES;
            if (count == limit) {
                return;
            }
            if (count == modules.length) {
                modules = java.util.Arrays.copyOf(modules, count * 2);
                functions = java.util.Arrays.copyOf(functions, count * 2);
            }
            modules[count] = module;
            functions[count] = functionIndex;
            count++;
        }

        void clear() {
            exception = null;
            count = 0;
            java.util.Arrays.fill(modules, null);
        }
    }

    /** Called by the exception handler of a translated method when a guest exception leaves it. */
    static void record(AbstractTruffleException e, WasmInstance instance, int functionIndex) {
        UNWOUND.get().add(e, instance.module(), functionIndex);
    }

    /** Called when baseline code caught {@code e} (exception handling): the frames it left are not part of any trace. */
    static void forget(Throwable e) {
        Unwound unwound = UNWOUND.get();
        if (unwound.exception == e) {
            unwound.clear();
        }
    }

    /**
     * Rethrows {@code e}, which left the baseline code entered through the root of
     * {@code functionIndex} of {@code module}, through one call target per function it unwound
     * below that one, and for that one too when {@code ownFrame} (it was entered without its call
     * target); returns normally when there is none (the caller rethrows).
     */
    static void replay(AbstractTruffleException e, WasmModule module, int functionIndex, boolean ownFrame) {
        Unwound unwound = UNWOUND.get();
        if (unwound.exception != e || unwound.count == 0) {
            return;
        }
        int count = unwound.count;
        if (!ownFrame && unwound.modules[count - 1] == module && unwound.functions[count - 1] == functionIndex) {
            count--; // the entry function: the root's own call target records it
        }
        CallTarget[] targets = new CallTarget[count];
        for (int i = 0; i < count; i++) {
            // outermost first: the chain of calls goes down to the innermost, which throws
            targets[i] = frameTarget(unwound.modules[count - 1 - i], unwound.functions[count - 1 - i]);
        }
        unwound.clear();
        if (count > 0) {
            new Replay(targets, e).next();
        }
    }

    private static CallTarget frameTarget(WasmModule module, int functionIndex) {
        WasmRootNode root = (WasmRootNode) ((RootCallTarget) module.callTarget(functionIndex)).getRootNode();
        return root.baseline().frameTarget(module.language(), root.getName());
    }

    /** Creates the call target that stands for {@code name} in replayed traces. */
    static CallTarget createFrameTarget(TruffleLanguage<?> language, String name) {
        return new FrameRootNode(language, name).getCallTarget();
    }

    /** The state of one replay, passed down the chain as the only argument. */
    private static final class Replay {
        private final CallTarget[] targets;
        private final AbstractTruffleException exception;
        private int next;

        Replay(CallTarget[] targets, AbstractTruffleException exception) {
            this.targets = targets;
            this.exception = exception;
        }

        @TruffleBoundary
        void next() {
            if (next == targets.length) {
                throw exception;
            }
            targets[next++].call(this);
        }
    }

    /** A frame of a replayed stack trace: a root named after a Wasm function that only rethrows. */
    private static final class FrameRootNode extends RootNode {
        private final String name;

        FrameRootNode(TruffleLanguage<?> language, String name) {
            super(language);
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            ((Replay) frame.getArguments()[0]).next();
            return null;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
