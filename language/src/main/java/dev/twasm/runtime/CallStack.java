package dev.twasm.runtime;

/**
 * The depth of nested Wasm calls in one context, and its limit (option {@code wasm.MaxCallDepth}).
 *
 * <p>Wasm leaves the call stack size to the implementation; exhausting it traps (spec §4.4.10).
 * Relying on the JVM's {@code StackOverflowError} alone is fragile: the error surfaces where the
 * Java stack is nearly gone, where deoptimizing compiled frames while unwinding can overflow again.
 * Counting calls traps at a predictable depth while stack remains; the root node still converts a
 * {@code StackOverflowError} for threads whose stack is smaller than the limit needs.
 *
 * <p>One object per context, shared by all its instances (a call may cross instances), and a plain
 * field: the call path is an increment, a compare and a store, nothing more. With threads (shared
 * memories) several threads may run one context's code at once and then share the field. That
 * keeps it bounded, because {@link #leave} stores the absolute depth its {@link #enter} returned:
 * the field always holds a depth some thread recently had, so it cannot drift. The limit is then
 * approximate across those threads: a deep thread may be checked against a shallower thread's
 * depth (the JVM's stack overflow, which the root node converts to the same trap, still stops it),
 * and a shallow thread sees another's depth only while that one is deep. A per-thread count costs
 * every call of every program (measured on the harness's call-heavy {@code large}: 154-238 ms per
 * iteration against 133-136 ms, rationale.md), so the
 * precise count is kept per thread only where threads have their own instances: wasi-threads gives
 * each thread's instance its own call stack ({@link #forAnotherThread}).
 */
public final class CallStack {
    private final int limit;
    private int depth;

    public CallStack(int limit) {
        this.limit = limit;
    }

    /** A new call stack with the same limit, for the instances of another thread (wasi-threads). */
    public CallStack forAnotherThread() {
        return new CallStack(limit);
    }

    /** Enters a call; returns the new depth, or -1 when the limit would be exceeded. */
    public int enter() {
        int d = depth + 1;
        if (d > limit) {
            return -1;
        }
        depth = d;
        return d;
    }

    /** The current depth (the baseline tier restores it after baseline code exits by an exception). */
    public int depth() {
        return depth;
    }

    /** Back in the call entered at depth {@code d}, after an exception that a handler there caught left deeper calls. */
    public void restore(int d) {
        depth = d;
    }

    /** Leaves the call entered at depth {@code d}. */
    public void leave(int d) {
        depth = d - 1;
    }
}
