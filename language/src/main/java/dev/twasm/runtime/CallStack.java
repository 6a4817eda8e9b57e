package dev.twasm.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;

/**
 * The depth of nested Wasm calls in one context, per thread, and its limit (option
 * {@code wasm.MaxCallDepth}).
 *
 * <p>Wasm leaves the call stack size to the implementation; exhausting it traps (spec §4.4.10).
 * Relying on the JVM's {@code StackOverflowError} alone is fragile: the error surfaces where the
 * Java stack is nearly gone, where deoptimizing compiled frames while unwinding can overflow again.
 * Counting calls traps at a predictable depth while stack remains; the root node still converts a
 * {@code StackOverflowError} for threads whose stack is smaller than the limit needs.
 *
 * <p>One object per context, shared by all its instances (a call may cross instances). The depth
 * is a thread's: with shared memories (threads) several threads may run one context's code at
 * once. As long as no context of this JVM has been entered by two threads
 * ({@link #SINGLE_THREADED}, a static final assumption, so a constant that compiled code folds; a
 * plain static flag elsewhere, {@link #multiThreadedSeen}),
 * the depth is a plain field, the one compare and store of a call as before; once one has
 * ({@link #multiThreaded}, from {@code WasmLanguage.initializeMultiThreading}), every context
 * keeps its depths in a {@link ThreadLocal}, behind a boundary. A thread that was inside calls
 * when the switch happened starts its own count from zero, so for those calls it may go deeper
 * than the limit by the depth it had (the JVM's stack overflow still stops it).
 */
public final class CallStack {
    /** Valid until some context runs on several threads; then every call stack keeps per-thread depths. */
    private static final Assumption SINGLE_THREADED = Truffle.getRuntime().createAssumption("wasm contexts are single-threaded");
    /**
     * The same fact for code outside partial evaluation (the interpreter, the baseline tier's
     * methods), where an assumption's check is a volatile read: a plain field. A thread that was
     * running before the switch may see it late; it is then the only thread using its context's
     * {@link #depth} field (the context was single-threaded), and every thread that enters later
     * sees it set.
     */
    private static boolean multiThreadedSeen;

    private final int limit;
    /** The depth while {@link #SINGLE_THREADED}. */
    private int depth;
    /** The depth of each thread once a context is multi-threaded. */
    private final ThreadLocal<int[]> threadDepth = ThreadLocal.withInitial(() -> new int[1]);

    public CallStack(int limit) {
        this.limit = limit;
    }

    /** A context of this JVM is entered by a second thread: from now on every call stack counts per thread. */
    public static void multiThreaded() {
        multiThreadedSeen = true;
        SINGLE_THREADED.invalidate();
    }

    private static boolean singleThreaded() {
        if (CompilerDirectives.inInterpreter()) {
            return !multiThreadedSeen;
        }
        return SINGLE_THREADED.isValid();
    }

    /** Enters a call; returns the new depth, or -1 when the limit would be exceeded. */
    public int enter() {
        int d = depth() + 1;
        if (d > limit) {
            return -1;
        }
        restore(d);
        return d;
    }

    /** The current depth (the baseline tier restores it after baseline code exits by an exception). */
    public int depth() {
        return singleThreaded() ? depth : threadDepth()[0];
    }

    /** Back in the call entered at depth {@code d}, after an exception that a handler there caught left deeper calls. */
    public void restore(int d) {
        if (singleThreaded()) {
            depth = d;
        } else {
            threadDepth()[0] = d;
        }
    }

    /** Leaves the call entered at depth {@code d}. */
    public void leave(int d) {
        restore(d - 1);
    }

    @TruffleBoundary
    private int[] threadDepth() {
        return threadDepth.get();
    }
}
