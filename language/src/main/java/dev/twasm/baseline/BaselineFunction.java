package dev.twasm.baseline;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.runtime.CallStack;
import dev.twasm.runtime.WasmInstance;

import java.lang.invoke.MethodHandle;

/**
 * The baseline tier's state for one function's root node: whether the root still runs the
 * function's baseline code, and how much work that code has done.
 *
 * <p>A root starts in baseline mode. Its work is the number of calls through the root plus the
 * calls and loop iterations of its baseline code (counted at its entry and every loop header, from
 * any caller), or, if larger, the work of all baseline code run during its own calls through the
 * root ({@link #inclusiveWork}: a {@code run} without long loops of its own whose callees do the
 * work); once that exceeds {@code wasm.BaselineThreshold} the root leaves baseline mode for good
 * at its next call. From then on its AST gathers profiles and Truffle compiles it with Graal as
 * without this tier. A root also leaves at once when its function has no translated code.
 *
 * <p><b>Sampled profiling.</b> After leaving, the interpreter does not run the AST on every call:
 * the AST interpreter is an order of magnitude slower than the baseline code, and a function
 * called millions of times would spend the whole wait for its Graal compilation in it. Instead
 * the AST runs on the first call after leaving and on one call in {@link #PROFILE_SAMPLE} after
 * that, and the baseline code runs the others ({@link #sampledOut}). Truffle counts every call
 * through the call target, so the compilation is triggered as early as without sampling, and the
 * profiles it compiles with come from the sampled calls. Once compiled code is installed, calls
 * through the call target no longer reach the interpreter; compiled code never samples.
 *
 * <p>Sampling is for short calls only. A function whose calls each do much work (at least
 * {@link #LONG_CALL} on average when it leaves, like a benchmark's or a program's main loop) is
 * called too rarely for Truffle to compile the root from its calls; it is compiled from the loop
 * counts and calls its AST reports, its loops by on-stack replacement, and that code is entered
 * only from the AST. Such a root runs the AST on every call after leaving, so every call after
 * the first reaches the OSR-compiled loops (with sampling, 15 calls in 16 stayed in the baseline
 * code, whose calls into compiled callees box their arguments). Not a function with {@code v128}
 * values: its loops have no OSR ({@code WasmLoopNode}), so its long calls are sampled like short
 * ones, and Truffle compiles the root from the loop counts of the sampled AST runs.
 *
 * <p>The mode is an {@link Assumption}, because Graal may compile code that calls this root while
 * it is in baseline mode (an AST caller that got hot, or the root itself when the host calls it
 * often): that code calls the baseline code through a boundary instead of inlining an AST that
 * never ran, and is invalidated when the root leaves.
 *
 * <p>Baseline code of other functions keeps calling this function's method directly after it
 * left; only calls through Truffle (from the host, from AST or compiled code, through imports and
 * tables, see {@link BaselineSupport#entry}) see the switch.
 */
public final class BaselineFunction {
    /** What {@link #execute} returns when the root must run its AST instead. */
    public static final Object DECLINED = new Object();

    private final BaselineModule module;
    private final int functionIndex;
    private final long threshold;
    /** Valid while the root runs baseline code; compiled callers depend on it. */
    private final Assumption active = Truffle.getRuntime().createAssumption("baseline tier");
    private long calls;
    /** The module's baseline work done during this root's calls through it, its callees' included. */
    private long inclusiveWork;
    /** Calls through the root since it left baseline mode, for {@link #sampledOut}. */
    private int callsSinceLeaving;
    /** After leaving, one interpreted call in this many runs the AST (a power of two). */
    static final int PROFILE_SAMPLE = 16;
    /** Work per call from which a call is long: it runs the AST, not sampled ({@link #deactivate}). */
    static final long LONG_CALL = 10_000;
    /** How many calls one call from Graal-compiled code counts as ({@link #executeWithoutCallTarget}). */
    static final int COMPILED_CALLER_WEIGHT = 1024;
    /**
     * A callee still in baseline mode leaves together with a caller that Graal is about to compile
     * once its work is this share of the threshold ({@link #leaveWithCompiledCaller}).
     */
    static final int TAKE_ALONG_SHARE = 16;
    /** Interpreted AST runs of this root under way on some thread (sampled calls and the calls they make). */
    private int astRuns;
    /** Whether the root's calls are long ({@link #LONG_CALL}); set when it leaves. */
    private boolean longCalls;
    private final boolean loopsOSR;
    /** Set once an instrument is attached ({@link #leaveForInstrumentation}): the AST runs every call. */
    private boolean instrumented;
    private MethodHandle bridge;
    private volatile MethodHandle entry;
    private volatile CallTarget frameTarget;

    /** @param loopsOSR whether the function's AST loops have on-stack replacement (no {@code v128} values) */
    public BaselineFunction(BaselineModule module, int functionIndex, long threshold, boolean loopsOSR) {
        this.module = module;
        this.functionIndex = functionIndex;
        this.threshold = threshold;
        this.loopsOSR = loopsOSR;
    }

    /** Valid while the root runs baseline code. */
    public Assumption active() {
        return active;
    }

    /** Leaves baseline mode for good; compiled code that called the baseline code is invalidated. */
    public void deactivate() {
        // Per call through the root, callees included; not the function's own work, which counts
        // every entry of a recursive function but only the outermost calls come through the root.
        longCalls = loopsOSR && calls > 0 && inclusiveWork / calls >= LONG_CALL;
        entry = null;
        active.invalidate("function left the baseline tier");
    }

    /**
     * Leaves baseline mode for good because an instrument is attached: as {@link #deactivate},
     * and no interpreted call runs the baseline code afterwards ({@link #sampledOut} always
     * declines), since only the AST has nodes to instrument.
     */
    public void leaveForInstrumentation() {
        instrumented = true;
        if (active.isValid()) {
            deactivate();
        }
    }

    /**
     * For a caller whose AST calls this root and that Graal is about to compile (called on a
     * compiler thread): leaves baseline mode now if the function has done at least
     * 1/{@link #TAKE_ALONG_SHARE} of the threshold's work.
     *
     * <p>A caller compiled while this root is in baseline mode calls the baseline code through a
     * boundary and depends on this root's assumption. A callee with much work of its own but few
     * calls (a sort a benchmark's {@code run} calls once per iteration) reaches the threshold
     * long after its caller was compiled, and then invalidates the caller's compiled code: the
     * caller runs as interpreted or Tier-1 code again and is compiled twice more, late in the
     * run, while the compiler thread competes with the program for a core. Leaving before the
     * caller's partial evaluation lets its one compilation call (or inline) this root's call
     * target. A callee with little work stays, since it may never leave.
     */
    public void leaveWithCompiledCaller() {
        if (active.isValid() && (calls + Math.max(work(), inclusiveWork)) >= threshold / TAKE_ALONG_SHARE) {
            deactivate();
        }
    }

    /**
     * Runs the function's baseline code with the root's arguments (laid out by
     * {@code CallingConvention}), or returns {@link #DECLINED} when the root is no longer, or
     * cannot be, in baseline mode. Converts a {@link StackOverflowError} into the "call stack
     * exhausted" trap, an {@link OutOfMemoryError} into "out of memory", and restores the call depth when the code exits by an exception.
     */
    @TruffleBoundary
    public Object execute(RootNode root, Object[] arguments) {
        return enter(root, arguments, false, 1);
    }

    /**
     * {@link #execute} for a caller that did not go through the root's call target (a Wasm call
     * node, {@link dev.twasm.nodes.WasmRootNode#callBaseline}): a guest exception's replayed stack
     * trace then includes this function's own frame. A call from Graal-compiled code counts
     * {@link #COMPILED_CALLER_WEIGHT} times: such a caller is hot and pays a boundary call (boxed
     * arguments, no inlining) for every call until this root leaves, so it leaves sooner.
     */
    @TruffleBoundary
    public Object executeWithoutCallTarget(RootNode root, Object[] arguments, boolean fromCompiledCode) {
        return enter(root, arguments, true, fromCompiledCode ? COMPILED_CALLER_WEIGHT : 1);
    }

    private Object enter(RootNode root, Object[] arguments, boolean ownFrame, int weight) {
        if (!active.isValid()) {
            return DECLINED;
        }
        if (bridge == null) {
            MethodHandle b = module.bridge(functionIndex);
            if (b == null) {
                deactivate();
                return DECLINED;
            }
            bridge = b;
        }
        calls += weight;
        if (calls + Math.max(work(), inclusiveWork) > threshold) {
            deactivate();
            return DECLINED;
        }
        return invoke(root, arguments, ownFrame);
    }

    /**
     * For an interpreted call after the root left baseline mode: runs the baseline code unless
     * this call is one of the samples that run the AST ({@link #PROFILE_SAMPLE}); returns
     * {@link #DECLINED} for those, and always when the function has no translated code, its
     * calls are long, or it is called (recursively) from its own sampled AST run: a recursive
     * function's AST would otherwise only ever see its outermost calls, and its compiled code
     * would deoptimize at the base case it never profiled.
     */
    @TruffleBoundary
    public Object sampledOut(RootNode root, Object[] arguments) {
        if (bridge == null || longCalls || instrumented || astRuns > 0 || (callsSinceLeaving++ & (PROFILE_SAMPLE - 1)) == 0) {
            return DECLINED;
        }
        return invoke(root, arguments, false);
    }

    private Object invoke(RootNode root, Object[] arguments, boolean ownFrame) {
        WasmInstance instance = (WasmInstance) arguments[0];
        CallStack callStack = instance.callStack;
        int depth = callStack.depth();
        long before = module.totalWork();
        try {
            return (Object) bridge.invokeExact(functionIndex, instance, arguments);
        } catch (StackOverflowError e) {
            throw WasmTrap.create(TrapKind.CALL_STACK_EXHAUSTED, root);
        } catch (OutOfMemoryError e) {
            throw WasmTrap.create(TrapKind.OUT_OF_MEMORY, root);
        } catch (AbstractTruffleException e) {
            StackTraces.replay(e, module.module(), functionIndex, ownFrame);
            throw e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            // Baseline code leaves the calls it entered only when it returns normally.
            callStack.leave(depth + 1);
            inclusiveWork += module.totalWork() - before;
        }
    }

    /** Brackets an interpreted AST run of the root, for {@link #sampledOut}. */
    public void astRunStarted() {
        astRuns++;
    }

    /** Ends what {@link #astRunStarted} began. */
    public void astRunEnded() {
        astRuns--;
    }

    /** The calls and loop iterations the function's baseline code has run, over all its callers. */
    long work() {
        return module.work(functionIndex);
    }

    /** The call target that stands for this function in stack traces replayed by {@link StackTraces}. */
    CallTarget frameTarget(TruffleLanguage<?> language, String name) {
        CallTarget t = frameTarget;
        if (t == null) {
            t = StackTraces.createFrameTarget(language, name);
            frameTarget = t;
        }
        return t;
    }

    /**
     * The translated method, {@code (params..., WasmInstance) result}, for baseline callers that
     * reach this function through a table or an import; null when the root left baseline mode,
     * the function is not translated, or its module's code was not generated yet (the caller then
     * goes through the Truffle call target, which generates it).
     */
    MethodHandle entry() {
        MethodHandle e = entry;
        if (e == null && active.isValid() && module.isDefined()) {
            e = module.entry(functionIndex);
            if (e != null && active.isValid()) {
                entry = e;
            }
        }
        return e;
    }
}
