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
 * <p>One object per context, shared by all its instances (a call may cross instances); contexts
 * are not entered by two threads at once, so a plain field suffices.
 */
public final class CallStack {
    private final int limit;
    private int depth;

    public CallStack(int limit) {
        this.limit = limit;
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
