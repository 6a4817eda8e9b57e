package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.host.HostCaller;
import dev.twasm.model.FuncType;
import dev.twasm.model.ValType;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that wasi-threads started in one context.
 *
 * <p>{@link #spawn} (the {@code thread-spawn} import) instantiates the calling module again, in the
 * calling thread, against the same imports object: the program's shared memory is imported, so the
 * new instance shares it, while its globals (the stack pointer, the TLS base) are its own. It then
 * starts a polyglot thread of the context that calls the new instance's export
 * {@code wasi_thread_start(tid, start_arg)}, and returns the thread id: from 1 up to
 * {@link #MAX_TID}, or -1 when no thread can be started.
 *
 * <p>A thread ends when {@code wasi_thread_start} returns. {@code proc_exit} in a thread, or a trap
 * that reaches its entry, ends the whole program as wasmtime does: the error is printed to the
 * context's error stream, and the context exits (a hard exit, which stops every thread, the
 * embedder's included, and reaches the embedder as a {@code PolyglotException} whose
 * {@code isExit()} holds) with the status of {@code proc_exit}, or {@value #TRAP_STATUS} after a
 * trap.
 */
final class WasiThreads {
    static final String ENTRY = "wasi_thread_start";
    private static final FuncType ENTRY_TYPE = new FuncType(new ValType[]{ValType.I32, ValType.I32}, new ValType[0]);
    /** The largest thread id: wasi-threads reserves the three top bits. */
    static final int MAX_TID = 0x1FFF_FFFF;
    /** The exit status of a program ended by a trap in one of its threads (the launcher's status for a trap). */
    static final int TRAP_STATUS = 1;
    /** The stack of each thread: deep enough for the call depth limit of typical programs. */
    private static final long STACK_BYTES = 512L << 20;
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private final TruffleLanguage.Env env;
    private final AtomicInteger lastTid = new AtomicInteger();

    WasiThreads(TruffleLanguage.Env env) {
        this.env = env;
    }

    int spawn(HostCaller caller, int startArg, Node location) {
        int tid = lastTid.incrementAndGet();
        if (tid > MAX_TID) {
            return -1;
        }
        Object start = caller.instantiateImporterAgain(ENTRY, ENTRY_TYPE);
        Thread thread = env.newTruffleThreadBuilder(() -> run(tid, start, startArg, location)).stackSize(STACK_BYTES).build();
        thread.setName("wasi-thread-" + tid);
        thread.start();
        return tid;
    }

    private void run(int tid, Object start, int startArg, Node location) {
        try {
            INTEROP.execute(start, tid, startArg);
        } catch (AbstractTruffleException e) {
            env.getContext().closeExited(location, exitStatus(tid, e));
        } catch (InteropException e) {
            throw new IllegalStateException("wasi_thread_start was checked to be a function of (i32, i32)", e);
        }
    }

    /** The status the program exits with after {@code e} ended thread {@code tid}; a trap is reported first. */
    private int exitStatus(int tid, AbstractTruffleException e) {
        try {
            if (INTEROP.getExceptionType(e) == ExceptionType.EXIT) {
                return INTEROP.getExceptionExitStatus(e);
            }
        } catch (InteropException impossible) {
            // an exception of type EXIT has an exit status
        }
        PrintStream err = new PrintStream(env.err(), true);
        err.println("wasm: thread " + tid + ": " + e.getMessage());
        return TRAP_STATUS;
    }
}
