package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.ThreadLocalAction;
import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.WasmContext;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The wall-clock deadline of calls from the host into Wasm (option {@code wasm.Timeout}): the
 * outermost such call on a thread (an export called through interop, an instantiation that runs a
 * start function) arms a task on one scheduler thread of the JVM; at the deadline the task submits
 * a Truffle {@link ThreadLocalAction} to the calling thread, which throws the trap "deadline
 * exceeded" at that thread's next safepoint poll. Compiled code polls at loop back edges at no
 * cost, the interpreter's loops and the baseline tier's loop headers poll explicitly, so the Wasm
 * code itself does nothing for the deadline: it costs nothing in compiled code.
 *
 * <p>The call cancels its task when it returns. An action already submitted for a call that has
 * returned (the task ran just as the call finished) compares the generation it was armed with
 * against its thread's current one, which every outermost entry and exit advances, and does
 * nothing when they differ. The trap is a guest exception like any other; the context stays
 * usable, and its next call from the host gets a full deadline of its own.
 */
public final class Deadlines {
    private Deadlines() {
    }

    /** The one scheduler thread (a daemon, started on first use) that fires deadlines. */
    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "twasm-deadlines");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    /** One thread's calls from the host: their nesting, and the generation of the outermost one. */
    private static final class ThreadCalls {
        int depth;
        long generation;
        ScheduledFuture<?> task;
    }

    private static final ThreadLocal<ThreadCalls> CALLS = ThreadLocal.withInitial(ThreadCalls::new);

    /**
     * Enters a call from the host into Wasm in {@code context}; arms the deadline when it is the
     * outermost one on this thread. Returns whether {@link #exit} must be called (with that
     * value): false when the context has no deadline.
     */
    @TruffleBoundary
    public static boolean enter(WasmContext context) {
        long timeout = context.timeoutNanos();
        if (timeout <= 0) {
            return false;
        }
        ThreadCalls calls = CALLS.get();
        if (calls.depth++ == 0) {
            long generation = ++calls.generation;
            Thread thread = Thread.currentThread();
            TruffleLanguage.Env env = context.env();
            calls.task = Scheduler.EXECUTOR.schedule(() -> fire(env, thread, calls, generation), timeout, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Leaves a call that {@link #enter} returned {@code armed} for; the outermost one cancels its deadline. */
    @TruffleBoundary
    public static void exit(boolean armed) {
        if (!armed) {
            return;
        }
        ThreadCalls calls = CALLS.get();
        if (--calls.depth == 0) {
            calls.generation++;
            ScheduledFuture<?> task = calls.task;
            calls.task = null;
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    /** On the scheduler thread, at the deadline: asks {@code thread} to trap at its next safepoint. */
    private static void fire(TruffleLanguage.Env env, Thread thread, ThreadCalls calls, long generation) {
        try {
            env.submitThreadLocal(new Thread[]{thread}, new ThreadLocalAction(true, false) {
                @Override
                protected void perform(Access access) {
                    // On the calling thread: only the call that armed this deadline traps.
                    if (calls.generation == generation && calls.depth > 0) {
                        throw WasmTrap.create(TrapKind.DEADLINE_EXCEEDED, access.getLocation());
                    }
                }
            });
        } catch (RuntimeException e) {
            // The context was closed meanwhile, or the thread left it: nothing is left to stop.
        }
    }
}
