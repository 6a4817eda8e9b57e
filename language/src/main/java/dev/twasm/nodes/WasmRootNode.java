package dev.twasm.nodes;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.baseline.BaselineFunction;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.nodes.calls.CallNode;
import dev.twasm.nodes.calls.ReturnCallNode;
import dev.twasm.nodes.control.BlockNode;
import dev.twasm.nodes.control.CompiledExit;
import dev.twasm.nodes.control.DelegatedThrow;
import dev.twasm.runtime.CallStack;
import dev.twasm.runtime.TailCall;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;

import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.instrument.Instrumentation;

import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import dev.twasm.runtime.WasmNull;

/**
 * The root of one Wasm function (spec §4.4.10 "Function Calls"): builds its body on the first call,
 * or, starting in the baseline tier, when it first needs it (functions that never run cost nothing
 * but their validation), moves the boxed arguments into the parameters' static slots, zeroes the
 * declared locals, runs the body (the block at depth 0, which {@code return} targets), and returns
 * the results from the slots of stack heights 0..n-1.
 *
 * <p>The same root serves every instance of the module, since the instance arrives as argument 0.
 * Each call is counted against the context's {@link CallStack} limit; exceeding it, or a
 * {@link StackOverflowError} anywhere below, becomes the spec's "call stack exhausted" trap, after
 * which the stack has unwound and the engine is usable again. A JVM {@link OutOfMemoryError}
 * (a GC allocation the heap cannot hold) becomes the "out of memory" error the same way.
 *
 * <p><b>Tail calls.</b> A function with {@code return_call} ({@link ReturnCallNode}) may return a
 * {@link TailCall}, left in its tail-call slot, instead of its results: the caller's call site
 * makes the call once this root has left its call depth and its Java frame. Whether the root has
 * that slot is a constant, so the roots of other functions do not even look.
 *
 * <p><b>Baseline tier.</b> With {@code wasm.Baseline}, a root first runs its function's JVM
 * bytecode translation ({@link BaselineFunction}, package {@code dev.twasm.baseline}), which
 * HotSpot compiles at once, until the function's work exceeds {@code wasm.BaselineThreshold}; then
 * the AST below runs, profiles, and Truffle compiles it with Graal. The dispatch is guarded by the
 * function's baseline assumption: Graal-compiled callers that inline this root while it is in
 * baseline mode get a boundary call of the baseline code, not an AST that never ran (and so has
 * no profile and would deoptimize at every node), and are invalidated when the root leaves. After
 * leaving, interpreted calls still run the baseline code except for sampled ones that profile the
 * AST ({@link BaselineFunction#sampledOut}); compiled code always runs the AST. Wasm callers,
 * interpreted or compiled, enter a callee's baseline code without its call target
 * ({@link #callBaseline}).
 *
 * <p><b>Fuel.</b> In code built with {@code wasm.Fuel} each call of the AST charges the function
 * region's cost ({@code builder.FuelCosts}) before its body runs; the baseline code charges the
 * same in its own method. The cost is a compilation-final field, 0 and folded away without fuel.
 */
public final class WasmRootNode extends RootNode {
    private final WasmModule module;
    private final String name;
    @CompilationFinal(dimensions = 1) private final int[] paramKinds;
    @CompilationFinal(dimensions = 1) private final int[] localKinds;
    @CompilationFinal(dimensions = 1) private final int[] resultKinds;
    private final int resultSlot;
    /** Where {@code return_call} leaves a pending tail call; -1 in a function without tail calls. */
    private final int tailCallSlot;
    /** Whether the body contains a {@code loop} ({@link #containsLoop}). */
    private final boolean containsLoop;
    /** The function body, the block at depth 0; typed as a statement so that an instrumentation wrapper can stand here. */
    @Child private StmtNode body;
    /** The function's index in the module's function space. */
    private final int functionIndex;
    /** Builds the body on the first call; null once built. */
    private Supplier<BlockNode> bodyBuilder;
    /** Set once {@link #body} is built; read by compiler threads without the lock. */
    private volatile boolean built;
    private final TrapSite exhausted = TrapSite.create(TrapKind.CALL_STACK_EXHAUSTED);
    /** The baseline tier of this function; null when the tier is off. Set once, before the first call. */
    @CompilationFinal private BaselineFunction baseline;
    /** Fuel charged on each call of the AST ({@code wasm.Fuel}, {@code builder.FuelCosts}); 0 in code built without fuel. Set once, before the first call. */
    @CompilationFinal private long fuelCost;

    /**
     * @param paramKinds the parameters' kinds (slots 0..p-1)
     * @param localKinds the declared locals' kinds (slots p..)
     * @param resultKinds the results' kinds (slots {@code resultSlot..})
     * @param tailCallSlot the slot of a pending tail call ({@link ReturnCallNode}), or -1 when the function has no tail calls
     * @param containsLoop whether the body contains a {@code loop}
     */
    public WasmRootNode(WasmModule module, int functionIndex, FrameDescriptor frameDescriptor, String name, int[] paramKinds, int[] localKinds,
                    int[] resultKinds, int resultSlot, int tailCallSlot, boolean containsLoop, Supplier<BlockNode> bodyBuilder) {
        super(module.language(), frameDescriptor);
        this.module = module;
        this.functionIndex = functionIndex;
        this.name = name;
        this.paramKinds = paramKinds;
        this.localKinds = localKinds;
        this.resultKinds = resultKinds;
        this.resultSlot = resultSlot;
        this.tailCallSlot = tailCallSlot;
        this.containsLoop = containsLoop;
        this.bodyBuilder = bodyBuilder;
    }

    /** Starts this root in the baseline tier (set once, before the first call). */
    public void enableBaseline(BaselineFunction function) {
        this.baseline = function;
    }

    /** Charges {@code cost} units of fuel on each call of this root's AST (set once, before the first call; code built with fuel). */
    public void chargeFuelOnEntry(long cost) {
        this.fuelCost = cost;
    }

    /** This root's baseline tier state, or null when the tier is off. */
    public BaselineFunction baseline() {
        return baseline;
    }

    /**
     * Builds the body before the first call, so {@link #execute} never sees it missing and the
     * compiled code never has to deoptimize to build it.
     */
    @Override
    protected void prepareForCall() {
        // A root that starts in the baseline tier may never run its AST: it is built when the
        // root leaves the tier (or when Graal compiles the root).
        if (baseline == null) {
            buildBody();
        }
    }

    /**
     * A compilation can be requested for a root whose AST was never built (one that ran only in
     * the baseline tier, or an inlining candidate): it builds the body first.
     */
    @Override
    protected boolean prepareForCompilation(boolean rootCompilation, int compilationTier, boolean lastTier) {
        // Lock only while the body is missing. An on-stack-replacement compilation is requested by
        // a thread that runs the body and holds the root's lock (Node.atomic) while it waits for
        // the compilation (engine.BackgroundCompilation=false); that thread built the body first,
        // and the volatile flag makes it visible here, so this never waits for that lock.
        if (!built) {
            buildBody();
        }
        if (rootCompilation) {
            takeAlongBaselineCallees();
        }
        return true;
    }

    /**
     * Before Graal compiles this root (or one of its loops), lets the callees its AST called that
     * are still in baseline mode leave now if they did much work
     * ({@link BaselineFunction#leaveWithCompiledCaller}), so that leaving later does not
     * invalidate the code about to be compiled. Not for inlining: the root being compiled
     * decides for its whole tree. Public for tests, which have no Graal compilation to wait for.
     */
    public void takeAlongBaselineCallees() {
        body.accept(node -> {
            if (node instanceof CallNode call && call.executedTarget() instanceof RootCallTarget t
                            && t.getRootNode() instanceof WasmRootNode callee && callee != this && callee.baseline != null) {
                callee.baseline.leaveWithCompiledCaller();
            }
            return true;
        });
    }

    /** Under the root's lock; {@link #built} then publishes the finished tree to compiler threads. */
    private void buildBody() {
        Lock lock = getLock();
        lock.lock();
        try {
            if (body == null) {
                body = insert(bodyBuilder.get());
                bodyBuilder = null;
                built = true;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object execute(VirtualFrame frame) {
        BaselineFunction b = baseline;
        if (b != null) {
            Object result = BaselineFunction.DECLINED;
            if (b.active().isValid()) {
                result = b.execute(this, frame.getArguments());
            } else if (CompilerDirectives.inInterpreter()) {
                result = b.sampledOut(this, frame.getArguments());
            }
            if (result != BaselineFunction.DECLINED) {
                return result;
            }
        }
        if (body == null) {
            // Only a root that started in the baseline tier, once, in the interpreter: compiled
            // code always has its body (prepareForCompilation).
            CompilerDirectives.transferToInterpreterAndInvalidate();
            buildBody();
        }
        WasmInstance instance = CallingConvention.instance(this, frame);
        CallStack callStack = instance.callStack;
        int depth = callStack.enter();
        if (depth < 0) {
            throw exhausted.trap(this);
        }
        // Recursive calls made while this AST runs in the interpreter run the AST too (sampledOut).
        boolean interpretedAst = b != null && CompilerDirectives.inInterpreter();
        if (interpretedAst) {
            b.astRunStarted();
        }
        try {
            if (fuelCost != 0) {
                instance.limits.chargeFuel(fuelCost, this);
            }
            initializeLocals(frame);
            try {
                body.execute(frame);
            } catch (CompiledExit.Return e) {
                // A return in compiled code (CompiledExits); its results are in their slots.
            } catch (DelegatedThrow d) {
                // A legacy delegate to the caller (exception handling): past every handler of this function.
                throw d.exception();
            }
            if (tailCallSlot >= 0 && Slots.getRef(frame, tailCallSlot) instanceof TailCall tailCall) {
                return tailCall;
            }
            return results(frame);
        } catch (StackOverflowError e) {
            // The thread's stack is smaller than the depth limit needs. Creating the trap is a
            // boundary call; if the stack is still too short for it, the next frame up catches
            // the new overflow and tries again.
            throw WasmTrap.create(TrapKind.CALL_STACK_EXHAUSTED, this);
        } catch (OutOfMemoryError e) {
            // A struct or array the JVM heap cannot hold. If even the trap cannot be allocated, the
            // next frame up (with this one's references gone) or the host boundary tries again.
            throw WasmTrap.create(TrapKind.OUT_OF_MEMORY, this);
        } finally {
            callStack.leave(depth);
            if (interpretedAst) {
                b.astRunEnded();
            }
        }
    }

    /**
     * For a call from a Wasm call node to this root: runs the baseline code directly when the root
     * is in baseline mode, without a trip through the call target. In the interpreter that trip
     * costs more than many small functions. Interpreted or compiled, Truffle would count the call
     * and compile a root whose compiled code could only call its baseline code, then compile it
     * again when it leaves the tier. In compiled code the check folds to the root's baseline
     * assumption: the caller is invalidated when this root leaves, and its next compilation calls
     * (and may inline) the call target. Returns {@link BaselineFunction#DECLINED} when the caller
     * must call the call target.
     */
    public Object callBaseline(Object[] arguments) {
        BaselineFunction b = baseline;
        if (b != null && b.active().isValid()) {
            return b.executeWithoutCallTarget(this, arguments, CompilerDirectives.inCompiledCode());
        }
        return BaselineFunction.DECLINED;
    }

    /**
     * {@link #callBaseline(Object[])} of {@code target}'s root when it is a Wasm function's; else
     * declines. Call nodes keep the call target, not the root: a node-typed field or cached value
     * would make the callee's root a child of the caller's tree (a cycle for recursion).
     */
    public static Object callBaseline(CallTarget target, Object[] arguments) {
        if (target instanceof RootCallTarget t && t.getRootNode() instanceof WasmRootNode root) {
            return root.callBaseline(arguments);
        }
        return BaselineFunction.DECLINED;
    }

    @ExplodeLoop
    private void initializeLocals(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        for (int i = 0; i < paramKinds.length; i++) {
            Slots.setBoxed(frame, i, paramKinds[i], args[CallingConvention.FIRST_VALUE + i]);
        }
        for (int i = 0; i < localKinds.length; i++) {
            Slots.setDefault(frame, paramKinds.length + i, localKinds[i]);
        }
        if (tailCallSlot >= 0) {
            Slots.setRef(frame, tailCallSlot, null);
        }
    }

    @ExplodeLoop
    private Object results(VirtualFrame frame) {
        if (resultKinds.length == 0) {
            return WasmNull.INSTANCE;
        }
        if (resultKinds.length == 1) {
            return Slots.getBoxed(frame, resultSlot, resultKinds[0]);
        }
        Object[] results = new Object[resultKinds.length];
        for (int i = 0; i < resultKinds.length; i++) {
            results[i] = Slots.getBoxed(frame, resultSlot + i, resultKinds[i]);
        }
        return results;
    }

    /**
     * Whether the function's body contains a {@code loop}, so that one call of it may run long.
     * Calls from other languages do not inline such a function (see {@code WasmFunction}).
     */
    public boolean containsLoop() {
        return containsLoop;
    }

    /** The function's index in its module's function space. */
    public int functionIndex() {
        return functionIndex;
    }

    /** The function's declared locals' kinds and its parameters' ({@link ValueKind}), parameters first: slots 0..L-1. */
    public int[] localKindsWithParameters() {
        int[] all = new int[paramKinds.length + localKinds.length];
        System.arraycopy(paramKinds, 0, all, 0, paramKinds.length);
        System.arraycopy(localKinds, 0, all, paramKinds.length, localKinds.length);
        return all;
    }

    /**
     * The function's lines in its module's source (the disassembly listing, or the C/Rust lines
     * of its DWARF subprogram), created on first request: Truffle asks only when an instrument
     * looks at this root, so building the tree never creates sections.
     */
    @Override
    public SourceSection getSourceSection() {
        return Instrumentation.rootSection(this);
    }

    /**
     * Before Truffle instruments this root: builds the body (a root in the baseline tier may not
     * have one), and takes every function of the module out of the baseline tier for good, since
     * baseline code has no nodes to instrument and calls its module's other functions directly
     * ({@code invokestatic}), never through their call targets. Invalidates, as leaving does, the
     * compiled code that called the baseline code. Until this runs for some root of the module,
     * the module's roots and nodes have no source sections: a guest exception's stack trace
     * (which asks for them) then does not disassemble the module. Idempotent, as Truffle requires.
     */
    @Override
    protected void prepareForInstrumentation(Set<Class<?>> tags) {
        if (!built) {
            buildBody();
        }
        Instrumentation.prepare(this);
    }

    /** Leaves the baseline tier for good because an instrument is attached (see {@link #prepareForInstrumentation}). */
    public void leaveBaselineForInstrumentation() {
        if (baseline != null) {
            baseline.leaveForInstrumentation();
        }
    }

    /** The module whose function this is. */
    public WasmModule module() {
        return module;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}
