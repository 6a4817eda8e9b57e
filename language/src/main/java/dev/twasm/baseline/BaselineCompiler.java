package dev.twasm.baseline;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.WasmLanguage;
import dev.twasm.binary.CodeReader;
import dev.twasm.builder.FuelCosts;
import dev.twasm.model.Expr;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Module;
import dev.twasm.model.HeapType;
import dev.twasm.model.ArrayType;
import dev.twasm.gc.ArrayElements;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.runtime.AtomicOperation;
import dev.twasm.runtime.NumericOps;
import dev.twasm.runtime.WasmException;
import dev.twasm.runtime.WasmModule;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.V128Binary;
import dev.twasm.simd.V128Reduce;
import dev.twasm.simd.V128Shift;
import dev.twasm.simd.V128Ternary;
import dev.twasm.simd.V128Unary;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates one validated Wasm function (spec §2.5.3, executed as in §4.4) into the body of a
 * static JVM method, in one pass over its instructions, so that HotSpot's own C1 and C2 compile it
 * like any Java method (the baseline tier; see the package documentation for why).
 *
 * <h2>Values</h2>
 * Wasm locals are JVM locals (parameters first, then the declared locals, zeroed on entry), and
 * the Wasm operand stack <em>is</em> the JVM operand stack: {@code local.get 0; i32.const 1;
 * i32.add} is {@code iload_0; iconst_1; iadd}. The translator keeps the Wasm types of the operand
 * stack ({@link #stack}) to know what every branch has to move.
 *
 * <h2>Control</h2>
 * A block or {@code if} becomes a label after its end, a loop a label at its start. Wasm's
 * structured control guarantees that every edge into a label carries the same stack shape below
 * the block (the block cannot touch it) plus the label's values on top, which is what the JVM's
 * verifier requires. The one exception is a branch out of a block with extra operands between the
 * target's base and the branch values: the JVM cannot drop operands from the middle of its stack,
 * so that branch stores its values in scratch locals, pops the extra operands and reloads the
 * values (the usual spill at block boundaries; compilers rarely emit it). A branch to the
 * function's own label is a return, which the JVM allows with anything left on the stack.
 * {@code br_table} is a {@code tableswitch}, through small landing pads for targets that need
 * such a spill. Code after an unconditional branch is skipped up to the end of its block.
 *
 * <p>Loop headers are the exception to "the operands below stay on the JVM stack": HotSpot
 * compiles a running loop (on-stack replacement) only at a header with an empty operand stack, so
 * a loop entered with operands below it, or with parameters, keeps them in locals while it runs
 * ({@link Frame#jvmBase}); branches out of it and its end put them back.
 *
 * <p>Memory accesses call {@link BaselineSupport} with the memory array, kept in a local and
 * reloaded after calls and {@code memory.grow}, and the offset; an {@code i32.const} address
 * directly followed by a load is folded into one constant ({@link #constantPending}).
 *
 * <h2>Comparisons</h2>
 * A comparison directly followed by {@code br_if}, {@code if} or {@code i32.eqz} becomes one JVM
 * compare-and-branch ({@code if_icmplt}, {@code lcmp; ifge}, {@code fcmpg; ifle}, ...), the way
 * {@code javac} compiles {@code if (a < b)}: the pending comparison is only materialized as a 0/1
 * value (by the {@link NumericOps} method) when something else consumes it. Float comparisons pick
 * {@code fcmpl} or {@code fcmpg} so that NaN makes every ordered comparison false.
 *
 * <h2>Instructions</h2>
 * Integer arithmetic whose JVM semantics are exactly Wasm's ({@code iadd}, {@code lmul},
 * shifts, which the JVM masks as Wasm does, {@code i2l}, {@code l2i}, {@code f2i} which saturates
 * as {@code trunc_sat_s} does, ...) is the JVM instruction; every other numeric instruction calls
 * its {@link NumericOps} method, the single definition of Wasm's numeric semantics (traps, NaN
 * rules, rounding) the AST uses too. Memory, table, global and bulk instructions call
 * {@link BaselineSupport}. Calls to functions with a method in the same class are
 * {@code invokestatic}, so HotSpot inlines across Wasm functions; other calls go through the
 * class's call stubs ({@link ModuleClass}).
 *
 * <h2>Vectors</h2>
 * A {@code v128} is an opaque {@code Object} of {@link dev.twasm.simd.SimdOps#INSTANCE}'s
 * representation everywhere a reference can be (locals, which start as the zero vector, operands,
 * block results, parameters and results, globals' reference cells); across a region's cut it is
 * two {@code long}s. Each vector instruction is translated by its {@link SimdFamily}, one code
 * path per family ({@link #vector}): the pure vector functions are an {@code ldc} of a dynamic
 * constant holding the function object and an {@code invokeinterface} of its {@code apply}.
 *
 * <h2>Tiering and safepoints</h2>
 * Each function's entry and each loop header increment the function's work counter (an element of
 * the class's {@code WORK} array, read by the root node to decide when to leave the baseline tier)
 * and the module's total; each loop header also polls
 * Truffle's safepoint, so that cancelling or interrupting a context stops baseline loops too. The
 * counts are not reported to Truffle ({@code LoopNode.reportLoopCount}): that would make Truffle
 * compile roots whose AST never ran; once a root has left the tier, its AST's loops report as
 * usual. Every translated method has an exception handler that records it for guest stack traces
 * ({@link StackTraces}).
 *
 * <h2>Fuel</h2>
 * In code built with {@code wasm.Fuel} each method with a loop keeps the fuel left in a JVM local
 * {@code long}, so that a loop header's charge is an {@code lsub} and a compare, with a shared
 * cold path that stores the (negative) remainder back and throws "all fuel consumed"
 * ({@link #chargeFuel}); the costs and the places they are charged are {@link FuelCosts}'s, as in
 * the AST. The local is loaded from the context's field ({@code ResourceLimits.fuel}) on entry
 * (a function's method before it charges its entry cost, a region's method on entry) and
 * whenever the field may be newer than the local: after every call out of the method returns (a
 * Wasm call of any kind, through a stub or not, and a region's method) and at the entry of every
 * exception handler of {@code try_table} and legacy {@code try} (and a {@code delegate}'s landing),
 * since a caught exception may come from a callee. It is stored back whenever someone else may
 * read the field: before each such call, before every return and tail call (a region's method:
 * before its return), and before each {@code throw}, {@code throw_ref} and {@code rethrow}, so
 * that a handler that reloads it loses nothing. The support methods that do not run Wasm code do
 * not read the fuel, and get nothing.
 *
 * <p>An exception that leaves the method loses nothing either: a second handler, for guest
 * exceptions, stores the local back before the record of the stack trace (a region's method:
 * before throwing on). It covers the method's code from the fuel's load on except the invoke
 * instructions of calls, as pieces: an exception that a callee throws through its call already
 * had the callee's own fuel stored, which the caller's older local must not overwrite. Exception
 * handlers of the JVM are free until an exception is thrown, so this costs nothing at run time;
 * each piece is one more entry in the method's exception table. Code built without fuel has no
 * local, no store, no load and no second handler: it is exactly what it was before fuel.
 *
 * <p>A method without a loop (a function's or a region's) charges only once, on entry, so it
 * keeps no local: it charges the context's field directly ({@code BaselineSupport.chargeFuel})
 * and needs no store or load around its calls. Small loop-free functions called often (and
 * region methods that are long runs of calls) thus pay one load and one store per call, not
 * two of each.
 */
final class BaselineCompiler {
    private static final ClassDesc NUMERIC_OPS = JvmTypes.desc(NumericOps.class);
    private static final ClassDesc NODE = JvmTypes.desc(Node.class);
    private static final ClassDesc SAFEPOINT = JvmTypes.desc(TruffleSafepoint.class);
    private static final ClassDesc GUEST_EXCEPTION = JvmTypes.desc(com.oracle.truffle.api.exception.AbstractTruffleException.class);
    private static final ClassDesc WASM_EXCEPTION = JvmTypes.desc(WasmException.class);

    /** Numeric instructions that are one JVM instruction with exactly the Wasm semantics. */
    private static final Map<Opcode, java.lang.classfile.Opcode> DIRECT = new EnumMap<>(Opcode.class);

    static {
        direct(Opcode.I32_ADD, java.lang.classfile.Opcode.IADD);
        direct(Opcode.I32_SUB, java.lang.classfile.Opcode.ISUB);
        direct(Opcode.I32_MUL, java.lang.classfile.Opcode.IMUL);
        direct(Opcode.I32_AND, java.lang.classfile.Opcode.IAND);
        direct(Opcode.I32_OR, java.lang.classfile.Opcode.IOR);
        direct(Opcode.I32_XOR, java.lang.classfile.Opcode.IXOR);
        direct(Opcode.I32_SHL, java.lang.classfile.Opcode.ISHL);
        direct(Opcode.I32_SHR_S, java.lang.classfile.Opcode.ISHR);
        direct(Opcode.I32_SHR_U, java.lang.classfile.Opcode.IUSHR);
        direct(Opcode.I64_ADD, java.lang.classfile.Opcode.LADD);
        direct(Opcode.I64_SUB, java.lang.classfile.Opcode.LSUB);
        direct(Opcode.I64_MUL, java.lang.classfile.Opcode.LMUL);
        direct(Opcode.I64_AND, java.lang.classfile.Opcode.LAND);
        direct(Opcode.I64_OR, java.lang.classfile.Opcode.LOR);
        direct(Opcode.I64_XOR, java.lang.classfile.Opcode.LXOR);
        direct(Opcode.I32_WRAP_I64, java.lang.classfile.Opcode.L2I);
        direct(Opcode.I64_EXTEND_I32_S, java.lang.classfile.Opcode.I2L);
        direct(Opcode.I32_EXTEND8_S, java.lang.classfile.Opcode.I2B);
        direct(Opcode.I32_EXTEND16_S, java.lang.classfile.Opcode.I2S);
        direct(Opcode.F32_CONVERT_I32_S, java.lang.classfile.Opcode.I2F);
        direct(Opcode.F32_CONVERT_I64_S, java.lang.classfile.Opcode.L2F);
        direct(Opcode.F64_CONVERT_I32_S, java.lang.classfile.Opcode.I2D);
        direct(Opcode.F64_CONVERT_I64_S, java.lang.classfile.Opcode.L2D);
        // Java's float-to-integer casts saturate and map NaN to 0: exactly trunc_sat_s (spec §4.3.4).
        direct(Opcode.I32_TRUNC_SAT_F32_S, java.lang.classfile.Opcode.F2I);
        direct(Opcode.I32_TRUNC_SAT_F64_S, java.lang.classfile.Opcode.D2I);
        direct(Opcode.I64_TRUNC_SAT_F32_S, java.lang.classfile.Opcode.F2L);
        direct(Opcode.I64_TRUNC_SAT_F64_S, java.lang.classfile.Opcode.D2L);
    }

    private static void direct(Opcode op, java.lang.classfile.Opcode jvm) {
        DIRECT.put(op, jvm);
    }

    private enum Kind {
        FUNCTION,
        BLOCK,
        LOOP,
        IF,
        /** {@code try_table} (exception handling) */
        TRY_TABLE,
        /** legacy {@code try}, its body and then its handlers */
        TRY
    }

    /** A structured instruction being translated (a label of spec §3.3.5). */
    private static final class Frame {
        final Kind kind;
        final FuncType type;
        /** The operand height below the block's parameters. */
        final int base;
        /**
         * How many operands from the bottom are not on the JVM stack but in locals while this
         * frame's code runs: loops store everything below them (see {@link #loop}).
         */
        int jvmBase;
        /** Where branches go: after the end (block, if), or the start (loop). */
        final Label label;
        /** The start of the else branch (if). */
        Label elseLabel;
        boolean hasElse;
        /** Whether a branch from reachable code targets {@link #label} (block, if). */
        boolean targeted;

        /** {@code try_table}, legacy {@code try}: where the protected code starts. */
        Label regionStart;
        /** Where an exception the protected code throws arrives, with only the exception on the JVM stack. */
        Label handler;
        /** {@code try_table}: its clauses, their tags and their targets. */
        Opcode.CatchKind[] catchKinds;
        int[] catchTags;
        Frame[] catchTargets;
        /** Legacy {@code try}: past its first handler; the test of the next handler's tag; the caught exception. */
        boolean inHandler;
        Label nextTest;
        int exceptionLocal = -1;
        /** Whether a {@code delegate} inside jumps to {@link #handler}. */
        boolean delegationTarget;

        /** Whether an exception thrown by the code translated here now would be offered to this frame's handlers. */
        boolean protectsCode() {
            return kind == Kind.TRY_TABLE && catchKinds.length > 0 || kind == Kind.TRY && !inHandler;
        }

        Frame(Kind kind, FuncType type, int base, Label label) {
            this.kind = kind;
            this.type = type;
            this.base = base;
            this.label = label;
        }

        ValType[] branchTypes() {
            return kind == Kind.LOOP ? type.params() : type.results();
        }
    }

    private final Module model;
    private final WasmModule module;
    private final int functionIndex;
    private final FuncType type;
    private final ValType[] localTypes;
    private final CodeBuilder code;
    private final ModuleClass linkage;
    /**
     * Whether this is the body method of a function with tail calls ({@link ModuleClass#tailCalls}),
     * which returns its results boxed, or a pending {@code TailCall}.
     */
    private final boolean tailCalls;

    private final int[] localSlots;
    private final int instanceSlot;
    private int depthSlot;
    /** When translating one {@link Region} as its own method: that region; null for a whole function. */
    private final Region region;
    /** The fuel costs of this function ({@code wasm.Fuel}); null in code built without fuel. */
    private final FuelCosts fuelCosts;
    /** In code built with fuel: the JVM local ({@code long}) that holds the fuel left while this method runs; else -1. */
    private int fuelSlot = -1;
    /** In code built with fuel: where the current piece of the store-back handler's range starts (see the class documentation, "Fuel"). */
    private Label fuelRangeStart;
    /** The finished pieces of that range, start and end labels in turn. */
    private final List<Label> fuelRanges = new ArrayList<>();
    /** The cold path of a fuel charge that ran out, shared by the method's charges; null until needed. */
    private Label outOfFuel;
    /** The regions of this function translated as methods of their own, in code order. */
    private final List<Region> regions;
    /** The transfer array that carries locals and operands to and from region methods ({@link Region}). */
    private int spillSlot = -1;
    /** In a region's method: the operand height of its first operand in the function; else 0. */
    private final int heightOffset;
    /**
     * Operands from this height up are in the transfer array, not on the JVM stack: what a region
     * left, until the next instruction outside regions needs it ({@link #materialize}). Consecutive
     * regions pass operands without touching the JVM stack.
     */
    private int transferredFrom = Integer.MAX_VALUE;
    /** The lowest operand height since the last boundary the dry run recorded. */
    private int lowWater;
    /** The dry run's recording for {@link RegionPlanner}, or null. */
    private final RegionPlanner.Recording recording;
    private int memorySlot = -1;
    private final Map<Integer, Integer> scratchSlots = new HashMap<>();

    private final List<ValType> stack = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private boolean reachable = true;
    /** Structured instructions opened in skipped (unreachable) code. */
    private int skippedNesting;
    /** A comparison whose operands are on the JVM stack but whose 0/1 result was not computed yet. */
    private Opcode pending;
    private boolean pendingNegated;
    /**
     * An {@code i32.const} not emitted yet, because a load that follows it addresses memory
     * absolutely (C globals and static data): its address and offset fold into one constant.
     */
    private boolean constantPending;
    private int pendingConstant;
    /** Where a {@code delegate} to the caller sends its exception (the JVM stack: the exception), outside every handler; null until needed. */
    private Label escape;

    private BaselineCompiler(WasmModule module, int functionIndex, CodeBuilder code, ModuleClass linkage, Region region, List<Region> regions,
                    RegionPlanner.Recording recording) {
        this.model = module.model();
        this.module = module;
        this.functionIndex = functionIndex;
        this.type = model.functionType(functionIndex);
        this.code = code;
        this.linkage = linkage;
        this.region = region;
        this.regions = regions;
        this.recording = recording;
        this.fuelCosts = WasmLanguage.fuelMetered(module.language()) ? FuelCosts.of(model.definedFunction(functionIndex).body()) : null;
        this.localTypes = localTypes(model, functionIndex);
        this.localSlots = new int[localTypes.length];
        this.heightOffset = region == null ? 0 : region.low();
        this.tailCalls = region == null && linkage.tailCalls(functionIndex);
        if (region != null) {
            // (long[] locals, WasmInstance): the region's locals get slots in its prologue.
            this.spillSlot = 0;
            this.instanceSlot = 1;
            return;
        }
        int slot = 0;
        for (int i = 0; i < type.paramCount(); i++) {
            localSlots[i] = slot;
            slot += JvmTypes.kind(type.param(i)).slotSize();
        }
        this.instanceSlot = slot;
    }

    /** The types of a defined function's locals: its parameters, then its declared locals. */
    static ValType[] localTypes(Module model, int functionIndex) {
        FuncType type = model.functionType(functionIndex);
        Function function = model.definedFunction(functionIndex);
        ValType[] types = new ValType[type.paramCount() + function.locals().length];
        System.arraycopy(type.params(), 0, types, 0, type.paramCount());
        System.arraycopy(function.locals(), 0, types, type.paramCount(), function.locals().length);
        return types;
    }

    /**
     * Emits the body of defined function {@code functionIndex} of {@code module}, a method of type
     * {@link JvmTypes#function}, into {@code code}; each of {@code regions} becomes a call of its
     * region method ({@link #translateRegion}).
     *
     * @throws UnsupportedFunctionException if the function cannot be a JVM method by design
     */
    static void translate(WasmModule module, int functionIndex, CodeBuilder code, ModuleClass linkage, List<Region> regions) {
        new BaselineCompiler(module, functionIndex, code, linkage, null, regions, null).translate();
    }

    /** Emits the method of region {@code k} of function {@code functionIndex}, of type {@link ModuleClass#REGION_TYPE}. */
    static void translateRegion(WasmModule module, int functionIndex, Region region, CodeBuilder code, ModuleClass linkage) {
        new BaselineCompiler(module, functionIndex, code, linkage, region, List.of(), null).translateRegion();
    }

    /** The dry run of {@link RegionPlanner}: translates the whole function into {@code code}, recording boundaries and branches. */
    static void record(WasmModule module, int functionIndex, CodeBuilder code, ModuleClass linkage, RegionPlanner.Recording recording) {
        new BaselineCompiler(module, functionIndex, code, linkage, null, List.of(), recording).translate();
    }

    private void translate() {
        if (!JvmTypes.representable(type)) {
            throw new UnsupportedFunctionException("signature " + type);
        }
        Label start = code.newBoundLabel();
        prologue();
        Expr body = model.definedFunction(functionIndex).body();
        if (fuelCosts != null) {
            if (containsLoop(body, body.moduleOffset(), body.moduleOffset() + body.code().length)) {
                enterFuel();
            }
            chargeFuel(fuelCosts.entry());
        }
        frames.add(new Frame(Kind.FUNCTION, type, 0, null));
        instructions(body, body.moduleOffset(), body.moduleOffset() + body.code().length);
        if (escape != null) {
            code.labelBinding(escape);
            code.athrow();
        }
        emitOutOfFuel();
        // A guest exception leaving the function records it for the stack trace (StackTraces).
        Label handler = code.newBoundLabel();
        unwind();
        // The method's own exceptions store the fuel back first, then are recorded alike; the
        // store-back's ranges come first in the table, so take precedence.
        fuelStoreBack(handler, true);
        code.exceptionCatch(start, handler, handler, GUEST_EXCEPTION);
    }

    /** The exception handler's code: records the guest exception on the JVM stack for its stack trace and throws it on. */
    private void unwind() {
        code.aload(instanceSlot);
        code.loadConstant(functionIndex);
        code.invokestatic(JvmTypes.SUPPORT, "unwind", MethodTypeDesc.of(GUEST_EXCEPTION, GUEST_EXCEPTION, JvmTypes.INSTANCE, ConstantDescs.CD_int));
        code.athrow();
    }

    /**
     * A region's method: its locals and the operands it takes come from the transfer array, and
     * go back to it (the written locals, the operands it leaves); no branch leaves it (see
     * {@link RegionPlanner}). It has no exception handler: a guest exception passes to the
     * function's method, which records the frame once.
     */
    private void translateRegion() {
        if (model.memoryCount() > 0) {
            memorySlot = code.allocateLocal(TypeKind.REFERENCE);
        }
        int[] locals = region.locals();
        for (int local : locals) {
            TypeKind kind = JvmTypes.kind(localTypes[local]);
            localSlots[local] = code.allocateLocal(kind);
            loadTransferred(local, localTypes[local]);
            code.storeLocal(kind, localSlots[local]);
        }
        reloadMemory();
        if (fuelCosts != null && containsLoop(model.definedFunction(functionIndex).body(), region.start(), region.end())) {
            enterFuel();
        }
        pushAll(region.entry());
        transferredFrom = 0;
        materialize();
        // The region's code sits in a block that nothing targets.
        frames.add(new Frame(Kind.BLOCK, FuncType.EMPTY, 0, code.newLabel()));
        instructions(model.definedFunction(functionIndex).body(), region.start(), region.end());
        if (reachable) {
            transfer(0);
            for (int i = 0; i < locals.length; i++) {
                if (region.written()[i]) {
                    storeLocalTransferred(locals[i]);
                }
            }
            storeFuel();
            code.return_();
        }
        emitOutOfFuel();
        if (fuelSlot >= 0) {
            // The region's own exceptions store the fuel back and go on to the function's method.
            fuelStoreBack(code.newBoundLabel(), false);
        }
    }

    /** Translates the instructions of {@code body} at module offsets {@code [from, to)}. */
    private void instructions(Expr body, int from, int to) {
        CodeReader reader = new CodeReader(body.code(), from - body.moduleOffset(), to - body.moduleOffset(), body.moduleOffset());
        int nextRegion = 0;
        while (reader.hasNext()) {
            if (nextRegion < regions.size() && reader.offset() == regions.get(nextRegion).start()) {
                Region r = regions.get(nextRegion);
                callRegion(r, nextRegion++);
                reader = new CodeReader(body.code(), r.end() - body.moduleOffset(), to - body.moduleOffset(), body.moduleOffset());
                continue;
            }
            if (reachable) {
                materialize();
                if (recording != null && pending == null && !constantPending) {
                    record(reader.offset());
                }
            }
            Opcode op = reader.next();
            if (!reachable) {
                skipUnreachable(op, reader);
            } else {
                if (recording != null) {
                    recordBranch(op, reader);
                }
                if (pending != null && !consumesCondition(op)) {
                    materializePending();
                }
                if (constantPending && !(op.isMemoryAccess() && op.results().length == 1)) {
                    materializeConstant();
                }
                instruction(op, reader);
            }
            if (frames.isEmpty()) {
                break;
            }
        }
    }

    private void record(int offset) {
        if (recording.wantsBoundaries()) {
            Frame top = frames.get(frames.size() - 1);
            // The two arms of an if are different places: a region may not span its else.
            recording.boundary(offset, frames.size(), stack.size(), lowWater, top.hasElse ? top.elseLabel : top);
            lowWater = stack.size();
        } else if (recording.snapshots.containsKey(offset)) {
            recording.snapshots.put(offset, stack.toArray(new ValType[0]));
        }
    }

    private void recordBranch(Opcode op, CodeReader reader) {
        int outermost = switch (op) {
            case BR, BR_IF, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL -> reader.index();
            case BR_TABLE -> {
                int max = reader.defaultLabel();
                for (int label : reader.labels()) {
                    max = Math.max(max, label);
                }
                yield max;
            }
            case RETURN, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> frames.size() - 1;
            default -> -1;
        };
        if (outermost >= 0) {
            recording.branch(reader.instructionOffset(), frames.size() - 1 - outermost);
        }
    }

    // ---- regions -----------------------------------------------------------------------------

    /**
     * Passes the region's locals and operands in the transfer array, calls its method, and takes
     * back the locals it may have written; the operands it left stay in the array until needed.
     */
    private void callRegion(Region r, int index) {
        transfer(r.low());
        int[] locals = r.locals();
        for (int local : locals) {
            storeLocalTransferred(local);
        }
        code.aload(spillSlot);
        code.aload(instanceSlot);
        fuelBeforeCall();
        code.invokestatic(linkage.classDesc(), ModuleClass.regionName(functionIndex, index), ModuleClass.REGION_TYPE);
        fuelAfterCall();
        for (int i = 0; i < locals.length; i++) {
            if (r.written()[i]) {
                loadTransferred(locals[i], localTypes[locals[i]]);
                code.storeLocal(JvmTypes.kind(localTypes[locals[i]]), localSlots[locals[i]]);
            }
        }
        reloadMemory();
        truncate(r.low());
        pushAll(r.exit());
    }

    /** Moves the operands from height {@code from} up into the transfer array, from the JVM stack where they are there. */
    private void transfer(int from) {
        int top = Math.min(transferredFrom, stack.size());
        for (int h = top - 1; h >= from; h--) {
            ValType t = stack.get(h);
            TypeKind kind = JvmTypes.kind(t);
            int scratch = scratch(kind, 0);
            code.storeLocal(kind, scratch);
            storeTransferred(transferIndex(h), t, scratch);
        }
        transferredFrom = Math.min(transferredFrom, from);
    }

    /** {@code transfer[local] = bits(local)}. */
    private void storeLocalTransferred(int local) {
        storeTransferred(local, localTypes[local], localSlots[local]);
    }

    /**
     * Stores the raw bits of the value of type {@code t} in JVM local {@code slot} in element
     * {@code index} of the transfer array; a {@code v128} takes that element and the same one in
     * the array's second half ({@link BaselineSupport#transferV128}), which the function's method
     * allocates when a cut carries a vector ({@link #transfersVectors}).
     */
    private void storeTransferred(int index, ValType t, int slot) {
        code.aload(spillSlot);
        code.loadConstant(index);
        code.loadLocal(JvmTypes.kind(t), slot);
        if (t == ValType.V128) {
            support("transferV128", ConstantDescs.CD_void, ConstantDescs.CD_long.arrayType(), ConstantDescs.CD_int, ConstantDescs.CD_Object);
        } else {
            toBits(t);
            code.lastore();
        }
    }

    /** Whether a {@code v128} local or operand crosses one of the function's cuts. */
    private boolean transfersVectors() {
        for (Region r : regions) {
            for (int local : r.locals()) {
                if (localTypes[local] == ValType.V128) {
                    return true;
                }
            }
            for (ValType[] operands : List.of(r.entry(), r.exit())) {
                if (List.of(operands).contains(ValType.V128)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Puts the operands that are in the transfer array back on the JVM stack. */
    private void materialize() {
        for (int h = transferredFrom; h < stack.size(); h++) {
            loadTransferred(transferIndex(h), stack.get(h));
        }
        transferredFrom = Integer.MAX_VALUE;
    }

    /** The transfer array's element for the operand at (this method's) height {@code h}. */
    private int transferIndex(int h) {
        return localTypes.length + heightOffset + h;
    }

    /** The length of the function's transfer array: its locals, then the operand heights its regions pass. */
    private int transferLength() {
        int heights = 0;
        for (Region r : regions) {
            heights = Math.max(heights, r.low() + Math.max(r.entry().length, r.exit().length));
        }
        return localTypes.length + heights;
    }

    /**
     * The raw bits of the number of type {@code t} on top of the stack, as a {@code long} (an i32
     * sign-extended, a float's raw bit pattern zero-extended).
     */
    private void toBits(ValType t) {
        switch (JvmTypes.kind(t)) {
            case INT -> code.i2l();
            case FLOAT -> {
                code.invokestatic(ConstantDescs.CD_Float, "floatToRawIntBits", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float));
                code.i2l();
            }
            case DOUBLE -> code.invokestatic(ConstantDescs.CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double));
            default -> {
            }
        }
    }

    /** The number of type {@code t} whose raw bits are the {@code long} on top of the stack (the inverse of {@link #toBits}). */
    private void fromBits(ValType t) {
        switch (JvmTypes.kind(t)) {
            case INT -> code.l2i();
            case FLOAT -> {
                code.l2i();
                code.invokestatic(ConstantDescs.CD_Float, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int));
            }
            case DOUBLE -> code.invokestatic(ConstantDescs.CD_Double, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long));
            default -> {
            }
        }
    }

    /** Pushes the value of type {@code t} whose bits are in element {@code index} of the transfer array (a {@code v128}: see {@link #storeTransferred}). */
    private void loadTransferred(int index, ValType t) {
        code.aload(spillSlot);
        code.loadConstant(index);
        if (t == ValType.V128) {
            support("transferredV128", ConstantDescs.CD_Object, ConstantDescs.CD_long.arrayType(), ConstantDescs.CD_int);
        } else {
            code.laload();
            fromBits(t);
        }
    }

    // ---- locals ------------------------------------------------------------------------------

    private void prologue() {
        // Every call counts as work, from any caller: callees that only baseline code calls (and
        // recursion) leave the tier too, and their callers' roots see it in the module's total.
        code.loadConstant(functionIndex);
        code.invokestatic(linkage.classDesc(), ModuleClass.COUNT, ModuleClass.LOOP_TYPE);
        if (model.memoryCount() > 0) {
            // Right after the parameters and the instance: usually a one-byte aload_<n>.
            memorySlot = code.allocateLocal(TypeKind.REFERENCE);
        }
        for (int i = type.paramCount(); i < localTypes.length; i++) {
            TypeKind kind = JvmTypes.kind(localTypes[i]);
            localSlots[i] = code.allocateLocal(kind);
            switch (kind) {
                case INT -> code.iconst_0();
                case LONG -> code.lconst_0();
                case FLOAT -> code.fconst_0();
                case DOUBLE -> code.dconst_0();
                default -> {
                    if (localTypes[i] == ValType.V128) {
                        v128Const(0, 0);
                    } else {
                        code.getstatic(JvmTypes.SUPPORT, "NULL", ConstantDescs.CD_Object);
                    }
                }
            }
            code.storeLocal(kind, localSlots[i]);
        }
        depthSlot = code.allocateLocal(TypeKind.INT);
        code.aload(instanceSlot);
        support("enter", ConstantDescs.CD_int, JvmTypes.INSTANCE);
        code.istore(depthSlot);
        if (!regions.isEmpty()) {
            spillSlot = code.allocateLocal(TypeKind.REFERENCE);
            // Vectors that cross cuts need a second element each, in a second half of the array.
            code.loadConstant(transfersVectors() ? 2 * transferLength() : transferLength());
            code.newarray(TypeKind.LONG);
            code.astore(spillSlot);
        }
        reloadMemory();
    }

    /** Reloads the cached memory array, after anything that may have grown (replaced) it. */
    private void reloadMemory() {
        if (memorySlot >= 0) {
            code.aload(instanceSlot);
            support("memory", ConstantDescs.CD_byte.arrayType(), JvmTypes.INSTANCE);
            code.astore(memorySlot);
        }
    }

    /** A scratch local for the {@code index}-th value of a kind moved by a branch or a call. */
    private int scratch(TypeKind kind, int index) {
        return scratchSlots.computeIfAbsent(kind.ordinal() * 65536 + index, k -> code.allocateLocal(kind));
    }

    // ---- the operand stack -------------------------------------------------------------------

    private ValType pop() {
        ValType t = stack.remove(stack.size() - 1);
        lowWater = Math.min(lowWater, stack.size());
        return t;
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private void push(ValType t) {
        stack.add(t);
    }

    private void pushAll(ValType[] types) {
        for (ValType t : types) {
            push(t);
        }
    }

    private ValType peek(int depthFromTop) {
        return stack.get(stack.size() - 1 - depthFromTop);
    }

    private void truncate(int height) {
        while (stack.size() > height) {
            pop();
        }
    }

    // ---- structured control --------------------------------------------------------------------

    private void skipUnreachable(Opcode op, CodeReader reader) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> skippedNesting++;
            case ELSE -> {
                if (skippedNesting == 0) {
                    elseBranch();
                }
            }
            case CATCH, CATCH_ALL -> {
                if (skippedNesting == 0) {
                    legacyCatch(op == Opcode.CATCH ? reader.index() : -1);
                }
            }
            case END, DELEGATE -> {
                if (skippedNesting > 0) {
                    skippedNesting--;
                } else if (op == Opcode.DELEGATE) {
                    delegate(reader.index());
                } else {
                    end();
                }
            }
            default -> {
            }
        }
    }

    private Frame frame(int labelIndex) {
        return frames.get(frames.size() - 1 - labelIndex);
    }

    private void enter(Kind kind, FuncType blockType, Label label) {
        Frame frame = new Frame(kind, blockType, stack.size() - blockType.paramCount(), label);
        frame.jvmBase = frozen();
        frames.add(frame);
    }

    /** How many operands from the bottom live in locals rather than on the JVM stack here. */
    private int frozen() {
        return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).jvmBase;
    }

    /** The local that holds the operand at {@code height} while it is not on the JVM stack. */
    private int frozenSlot(int height, TypeKind kind) {
        return scratchSlots.computeIfAbsent(-1 - (kind.ordinal() * 65536 + height), k -> code.allocateLocal(kind));
    }

    private void storeFrozen(int height) {
        TypeKind kind = JvmTypes.kind(stack.get(height));
        code.storeLocal(kind, frozenSlot(height, kind));
    }

    private void loadFrozen(int height) {
        TypeKind kind = JvmTypes.kind(stack.get(height));
        code.loadLocal(kind, frozenSlot(height, kind));
    }

    /** Pops the JVM operands of model heights {@code [from, to)}, top first. */
    private void popOperands(int from, int to) {
        for (int h = to - 1; h >= from; h--) {
            if (JvmTypes.kind(stack.get(h)).slotSize() == 2) {
                code.pop2();
            } else {
                code.pop();
            }
        }
    }

    /**
     * {@code loop}. HotSpot compiles a running loop (on-stack replacement) only when its header
     * has an empty operand stack, so a loop entered with operands on the JVM stack first stores
     * them, and its parameters, in locals; the header reloads the parameters, back-edges store
     * them. Compilers rarely leave operands below a loop, so usually nothing is stored.
     */
    private void loop(FuncType blockType, int offset) {
        int base = stack.size() - blockType.paramCount();
        for (int h = stack.size() - 1; h >= frozen(); h--) {
            storeFrozen(h);
        }
        Label header = code.newBoundLabel();
        Frame frame = new Frame(Kind.LOOP, blockType, base, header);
        frame.jvmBase = base;
        frames.add(frame);
        if (fuelCosts != null) {
            chargeFuel(fuelCosts.loop(offset));
        }
        for (int h = base; h < stack.size(); h++) {
            loadFrozen(h);
        }
        countBackEdge();
    }

    // ---- fuel ------------------------------------------------------------------------------------

    /**
     * Charges fuel ({@code wasm.Fuel}; the cost rule of {@link FuelCosts}) where the AST charges
     * it: function entry, loop headers. The fuel is the method's local: {@code lsub}, and a
     * branch to the shared cold path when it went below zero. The JVM stack is empty here.
     */
    private void chargeFuel(long cost) {
        if (fuelSlot < 0) {
            // A method without loops charges once, on entry: on the field, and keeps no local.
            code.aload(instanceSlot);
            code.loadConstant(cost);
            support("chargeFuel", ConstantDescs.CD_void, JvmTypes.INSTANCE, ConstantDescs.CD_long);
            return;
        }
        code.lload(fuelSlot);
        code.loadConstant(cost);
        code.lsub();
        code.dup2();
        code.lstore(fuelSlot);
        code.lconst_0();
        code.lcmp();
        if (outOfFuel == null) {
            outOfFuel = code.newLabel();
        }
        code.iflt(outOfFuel);
    }

    /** Whether the instructions of {@code body} at module offsets {@code [from, to)} contain a {@code loop}. */
    private static boolean containsLoop(Expr body, int from, int to) {
        CodeReader reader = new CodeReader(body.code(), from - body.moduleOffset(), to - body.moduleOffset(), body.moduleOffset());
        while (reader.hasNext()) {
            if (reader.next() == Opcode.LOOP) {
                return true;
            }
        }
        return false;
    }

    /** Allocates the fuel local, loads it from the context's field, and starts the store-back handler's range. */
    private void enterFuel() {
        fuelSlot = code.allocateLocal(TypeKind.LONG);
        reloadFuel();
        fuelRangeStart = code.newBoundLabel();
    }

    /** {@code fuel = BaselineSupport.fuel(instance)}: after a call out of the method, and at an exception handler's entry. */
    private void reloadFuel() {
        if (fuelSlot >= 0) {
            code.aload(instanceSlot);
            support("fuel", ConstantDescs.CD_long, JvmTypes.INSTANCE);
            code.lstore(fuelSlot);
        }
    }

    /** Stores the fuel local back to the context's field (nothing in code built without fuel). */
    private void storeFuel() {
        if (fuelSlot >= 0) {
            code.lload(fuelSlot);
            code.aload(instanceSlot);
            support("storeFuel", ConstantDescs.CD_void, ConstantDescs.CD_long, JvmTypes.INSTANCE);
        }
    }

    /**
     * Just before the invoke instruction of a call out of the method (a Wasm call of any kind, a
     * region's method): stores the fuel back and ends the store-back handler's current piece, so
     * that an exception the callee throws through the invoke does not overwrite what the callee
     * stored with this method's older value.
     */
    private void fuelBeforeCall() {
        if (fuelSlot >= 0) {
            storeFuel();
            fuelRanges.add(fuelRangeStart);
            fuelRanges.add(code.newBoundLabel());
        }
    }

    /** Just after that invoke instruction: the next piece of the range starts, and the fuel the callee left is reloaded. */
    private void fuelAfterCall() {
        if (fuelSlot >= 0) {
            fuelRangeStart = code.newBoundLabel();
            reloadFuel();
        }
    }

    /** The cold path of {@link #chargeFuel}, with an empty JVM stack: stores the remainder back and throws "all fuel consumed". */
    private void emitOutOfFuel() {
        if (outOfFuel != null) {
            code.labelBinding(outOfFuel);
            code.lload(fuelSlot);
            code.aload(instanceSlot);
            support("outOfFuel", JvmTypes.desc(dev.twasm.exception.WasmTrap.class), ConstantDescs.CD_long, JvmTypes.INSTANCE);
            code.athrow();
        }
    }

    /**
     * Ends the store-back handler's range at {@code end} and emits the handler: it stores the
     * fuel back, then records the exception as the function's other handler does
     * ({@code unwind}) or throws it on. It repeats that handler's code rather than jumping to it:
     * C1 does not compile a method whose exception handler normal control flow also reaches. Its
     * pieces cover the method's code from the fuel's load on, except the invoke instructions of calls.
     */
    private void fuelStoreBack(Label end, boolean unwind) {
        if (fuelSlot < 0) {
            return;
        }
        fuelRanges.add(fuelRangeStart);
        fuelRanges.add(end);
        Label handler = code.newBoundLabel();
        storeFuel();
        if (unwind) {
            unwind();
        } else {
            code.athrow();
        }
        for (int i = 0; i < fuelRanges.size(); i += 2) {
            code.exceptionCatch(fuelRanges.get(i), fuelRanges.get(i + 1), handler, GUEST_EXCEPTION);
        }
    }

    private void elseBranch() {
        Frame frame = frames.get(frames.size() - 1);
        if (reachable) {
            code.goto_(frame.label);
            frame.targeted = true;
        }
        code.labelBinding(frame.elseLabel);
        frame.hasElse = true;
        truncate(frame.base);
        pushAll(frame.type.params());
        reachable = true;
    }

    private void end() {
        Frame frame = frames.remove(frames.size() - 1);
        switch (frame.kind) {
            case FUNCTION -> {
                if (reachable) {
                    emitReturn();
                }
                return;
            }
            case BLOCK -> {
                if (frame.targeted) {
                    code.labelBinding(frame.label);
                    reachable = true;
                }
            }
            case IF -> {
                if (!frame.hasElse) {
                    // The false edge of the condition arrives with the parameters, which an if
                    // without else must have as its results.
                    code.labelBinding(frame.elseLabel);
                    reachable = true;
                }
                if (frame.targeted) {
                    code.labelBinding(frame.label);
                    reachable = true;
                }
            }
            case LOOP -> {
                // Only the fall-through reaches the end of a loop. What the loop stored in
                // locals goes back on the JVM stack below its results.
                if (reachable) {
                    reloadBelow(frame);
                }
            }
            case TRY_TABLE -> {
                endTryTable(frame);
                return;
            }
            case TRY -> {
                endLegacyTry(frame);
                return;
            }
        }
        truncate(frame.base);
        pushAll(frame.type.results());
    }

    /**
     * At the end of a frame that stored the operands below it in locals (a loop, an exception
     * handler's frame), with its results on top: puts those operands back on the JVM stack below
     * the results.
     */
    private void reloadBelow(Frame frame) {
        if (frozen() < frame.base) {
            int results = frame.type.resultCount();
            for (int i = 0; i < results; i++) {
                TypeKind kind = JvmTypes.kind(peek(i));
                code.storeLocal(kind, scratch(kind, i));
            }
            for (int h = frozen(); h < frame.base; h++) {
                loadFrozen(h);
            }
            for (int i = results - 1; i >= 0; i--) {
                TypeKind kind = JvmTypes.kind(peek(i));
                code.loadLocal(kind, scratch(kind, i));
            }
        }
    }

    // ---- exception handling (Wasm 3.0) ------------------------------------------------------------

    /**
     * Opens a {@code try_table} or legacy {@code try}. A JVM exception handler starts with only the
     * exception on the stack, so, as for a loop, the operands on the JVM stack are stored in
     * locals first (the parameters are loaded again): the handler reloads what its target needs.
     * The protected range starts after that.
     */
    private Frame enterTry(Kind kind, FuncType blockType) {
        int base = stack.size() - blockType.paramCount();
        for (int h = stack.size() - 1; h >= frozen(); h--) {
            storeFrozen(h);
        }
        Frame frame = new Frame(kind, blockType, base, code.newLabel());
        frame.jvmBase = base;
        frame.regionStart = code.newBoundLabel();
        code.nop(); // a protected range is never empty
        frame.handler = code.newLabel();
        frames.add(frame);
        for (int h = base; h < stack.size(); h++) {
            loadFrozen(h);
        }
        return frame;
    }

    /** {@code try_table}: its clauses' labels are of the enclosing context, resolved before it opens. */
    private void tryTable(CodeReader reader) {
        FuncType blockType = reader.blockType().funcType(model);
        Opcode.CatchKind[] kinds = reader.catchKinds();
        Frame[] targets = new Frame[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            targets[i] = frame(reader.labels()[i]);
        }
        Frame frame = enterTry(Kind.TRY_TABLE, blockType);
        frame.catchKinds = kinds;
        frame.catchTags = reader.catchTags();
        frame.catchTargets = targets;
    }

    /** Ends the protected range of {@code frame} (its code so far): the fall-through goes to its end, exceptions to {@code handler}. */
    private void endProtected(Frame frame, Label handler) {
        if (reachable) {
            code.goto_(frame.label);
            frame.targeted = true;
        }
        Label end = code.newBoundLabel();
        code.exceptionCatch(frame.regionStart, end, handler, WASM_EXCEPTION);
    }

    /**
     * A handler's entry: the exception into a local; the call depth set back to this method's (the
     * callees it left did not leave their calls), and the memory array reloaded (they may have
     * grown it).
     */
    private void enterHandler(Frame frame) {
        code.labelBinding(frame.handler);
        frame.exceptionLocal = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(frame.exceptionLocal);
        code.aload(frame.exceptionLocal);
        code.aload(instanceSlot);
        code.iload(depthSlot);
        support("caught", ConstantDescs.CD_void, WASM_EXCEPTION, JvmTypes.INSTANCE, ConstantDescs.CD_int);
        reloadMemory();
        reloadFuel();
        reachable = true;
    }

    /** Jumps to the returned label unless the caught exception has tag {@code tagIndex}; null (no test) for a clause that catches all. */
    private Label testTag(Frame frame, int tagIndex) {
        if (tagIndex < 0) {
            return null;
        }
        Label next = code.newLabel();
        code.aload(frame.exceptionLocal);
        code.aload(instanceSlot);
        code.loadConstant(tagIndex);
        support("catches", ConstantDescs.CD_boolean, WASM_EXCEPTION, JvmTypes.INSTANCE, ConstantDescs.CD_int);
        code.ifeq(next);
        return next;
    }

    /** Pushes the values of the caught exception, which has tag {@code tagIndex} ({@code -1}: none). */
    private void pushPayload(Frame frame, int tagIndex) {
        if (tagIndex < 0) {
            return;
        }
        ValType[] values = tagValues(tagIndex);
        for (int i = 0; i < values.length; i++) {
            code.aload(frame.exceptionLocal);
            code.invokevirtual(WASM_EXCEPTION, "payload", MethodTypeDesc.of(JvmTypes.OBJECT_ARRAY));
            code.loadConstant(i);
            code.aaload();
            JvmTypes.unbox(code, values[i]);
            push(values[i]);
        }
    }

    private ValType[] tagValues(int tagIndex) {
        return model.funcType(model.tagTypeIndex(tagIndex)).params();
    }

    /**
     * The end of a {@code try_table} (its frame already closed): after the protected range, the
     * handler tests the clauses in order; the first whose tag is the exception's reloads the
     * operands its target keeps below, pushes the values (and for the {@code _ref} forms the
     * exception) and branches; with none, the exception is thrown on.
     */
    private void endTryTable(Frame frame) {
        endProtected(frame, frame.handler);
        truncate(frame.base);
        enterHandler(frame);
        for (int i = 0; i < frame.catchKinds.length && reachable; i++) {
            int tag = frame.catchKinds[i].hasTag() ? frame.catchTags[i] : -1;
            Label next = testTag(frame, tag);
            for (int h = frozen(); h < frame.base; h++) {
                loadFrozen(h);
            }
            pushPayload(frame, tag);
            if (frame.catchKinds[i].passesReference()) {
                code.aload(frame.exceptionLocal);
                push(ValType.EXNREF);
            }
            branch(frame.catchTargets[i]);
            truncate(frame.base);
            if (next == null) {
                reachable = false;
            } else {
                code.labelBinding(next);
            }
        }
        if (reachable) {
            code.aload(frame.exceptionLocal);
            code.athrow();
        }
        finishTry(frame);
    }

    /** The end of a legacy {@code try} (its frame already closed): an exception no handler took is thrown on. */
    private void endLegacyTry(Frame frame) {
        if (reachable) {
            code.goto_(frame.label);
            frame.targeted = true;
        }
        if (frame.inHandler) {
            if (frame.nextTest != null) {
                code.labelBinding(frame.nextTest);
                code.aload(frame.exceptionLocal);
                code.athrow();
            }
        } else if (frame.delegationTarget) {
            // No handler came, but a delegate inside may send its exceptions here: they go on.
            code.labelBinding(frame.handler);
            reloadFuel();
            code.athrow();
        }
        finishTry(frame);
    }

    /** After a try's code and handlers: its label, where the operands stored at its start are reloaded below its results. */
    private void finishTry(Frame frame) {
        truncate(frame.base);
        pushAll(frame.type.results());
        if (frame.targeted) {
            code.labelBinding(frame.label);
            reachable = true;
            reloadBelow(frame);
        } else {
            reachable = false;
        }
    }

    /**
     * A legacy {@code catch x} or ({@code tagIndex} -1) {@code catch_all}: the first ends the
     * protected range and starts the handler; each tests its tag (a failed test goes to the next
     * one's), and starts with the tag's values on the stack, in the try's label.
     */
    private void legacyCatch(int tagIndex) {
        Frame frame = frames.get(frames.size() - 1);
        if (!frame.inHandler) {
            endProtected(frame, frame.handler);
            truncate(frame.base);
            enterHandler(frame);
            frame.inHandler = true;
        } else {
            if (reachable) {
                code.goto_(frame.label);
                frame.targeted = true;
            }
            truncate(frame.base);
            code.labelBinding(frame.nextTest);
            reachable = true;
        }
        frame.nextTest = testTag(frame, tagIndex);
        pushPayload(frame, tagIndex);
    }

    /**
     * {@code delegate l}: ends a legacy {@code try} whose exceptions go to the handler of the
     * innermost frame around label {@code l} still protecting its code, by a jump to that
     * handler's entry (the handlers in between are not JVM handlers of this code), or, with none,
     * out of the method. A delegate inside this try that names it ends up there too.
     */
    private void delegate(int label) {
        Frame frame = frames.remove(frames.size() - 1);
        endProtected(frame, frame.handler);
        code.labelBinding(frame.handler);
        reloadFuel();
        int labelled = frames.size() - 1 - label;
        Label destination = null;
        for (int i = frames.size() - 1; i >= 0 && destination == null; i--) {
            if (i <= labelled && frames.get(i).protectsCode()) {
                destination = frames.get(i).handler;
                frames.get(i).delegationTarget = true;
            }
        }
        if (destination == null) {
            if (escape == null) {
                escape = code.newLabel();
            }
            destination = escape;
        }
        code.goto_(destination);
        finishTry(frame);
    }

    /** {@code throw x}: the tag's values boxed into the payload array of a new exception, thrown. */
    private void throwException(int tagIndex) {
        ValType[] values = tagValues(tagIndex);
        packValues(values, 0);
        pop(values.length);
        code.aload(instanceSlot);
        code.loadConstant(tagIndex);
        support("newException", WASM_EXCEPTION, JvmTypes.OBJECT_ARRAY, JvmTypes.INSTANCE, ConstantDescs.CD_int);
        storeFuel();
        code.athrow();
        reachable = false;
    }

    /**
     * Emits a branch to {@code target} from reachable code; the operand stack model is unchanged.
     * The JVM stack must arrive in the target's shape: the operands below the target that are on
     * the JVM stack there, then the branch values. Usually that is already the case (a plain
     * jump); otherwise the values go through locals while the operands between are dropped, and
     * operands a loop stored in locals are reloaded.
     */
    private void branch(Frame target) {
        if (target.kind == Kind.FUNCTION) {
            emitReturn();
            return;
        }
        int arity = target.branchTypes().length;
        if (target.kind == Kind.LOOP) {
            // The header's stack is empty: the parameters go to their locals.
            for (int i = arity - 1; i >= 0; i--) {
                TypeKind kind = JvmTypes.kind(target.type.param(i));
                code.storeLocal(kind, frozenSlot(target.base + i, kind));
            }
            popOperands(frozen(), stack.size() - arity);
        } else if (frozen() == target.jvmBase) {
            int excess = stack.size() - arity - target.base;
            if (excess > 0) {
                dropBelow(arity, excess);
            }
        } else {
            // Leaving a loop that stored the operands below it: drop the JVM stack, rebuild the
            // target's from those locals.
            for (int i = 0; i < arity; i++) {
                TypeKind kind = JvmTypes.kind(peek(i));
                code.storeLocal(kind, scratch(kind, i));
            }
            popOperands(frozen(), stack.size() - arity);
            for (int h = target.jvmBase; h < target.base; h++) {
                loadFrozen(h);
            }
            for (int i = arity - 1; i >= 0; i--) {
                TypeKind kind = JvmTypes.kind(peek(i));
                code.loadLocal(kind, scratch(kind, i));
            }
        }
        code.goto_(target.label);
        if (target.kind != Kind.LOOP) {
            target.targeted = true;
        }
    }

    /** Whether a branch to {@code target} with {@code height} operands is a plain jump (no return, nothing to move). */
    private boolean isPlainJump(Frame target, int height) {
        int arity = target.branchTypes().length;
        return switch (target.kind) {
            case FUNCTION -> false;
            case LOOP -> arity == 0 && height == frozen();
            default -> frozen() == target.jvmBase && height - arity == target.base;
        };
    }

    /** Removes the {@code excess} operands below the top {@code keep}: store, pop, reload. */
    private void dropBelow(int keep, int excess) {
        for (int i = 0; i < keep; i++) {
            TypeKind kind = JvmTypes.kind(peek(i));
            code.storeLocal(kind, scratch(kind, i));
        }
        for (int i = 0; i < excess; i++) {
            if (JvmTypes.kind(peek(keep + i)).slotSize() == 2) {
                code.pop2();
            } else {
                code.pop();
            }
        }
        for (int i = keep - 1; i >= 0; i--) {
            TypeKind kind = JvmTypes.kind(peek(i));
            code.loadLocal(kind, scratch(kind, i));
        }
    }

    /**
     * Returns the function's results from the top of the stack, leaving the call first. The body
     * method of a function with tail calls returns them boxed, as the calling convention does.
     */
    private void emitReturn() {
        ValType[] results = type.results();
        if (results.length > 1) {
            packValues(results, 0);
        } else if (tailCalls) {
            if (results.length == 0) {
                code.getstatic(JvmTypes.SUPPORT, "NULL", ConstantDescs.CD_Object);
            } else {
                JvmTypes.box(code, results[0]);
            }
        }
        storeFuel();
        leave();
        if (results.length == 0 && !tailCalls) {
            code.return_();
        } else if (results.length == 1 && !tailCalls) {
            code.return_(JvmTypes.kind(results[0]));
        } else {
            code.areturn();
        }
    }

    private void leave() {
        code.aload(instanceSlot);
        code.iload(depthSlot);
        support("leave", ConstantDescs.CD_void, JvmTypes.INSTANCE, ConstantDescs.CD_int);
    }

    /**
     * Replaces the top {@code values.length} values by an {@code Object[]} of them, boxed, from
     * element {@code first} on (the elements before it left null).
     */
    private void packValues(ValType[] values, int first) {
        int n = values.length;
        for (int i = n - 1; i >= 0; i--) {
            TypeKind kind = JvmTypes.kind(values[i]);
            code.storeLocal(kind, scratch(kind, i));
        }
        code.loadConstant(first + n);
        code.anewarray(ConstantDescs.CD_Object);
        for (int i = 0; i < n; i++) {
            TypeKind kind = JvmTypes.kind(values[i]);
            code.dup();
            code.loadConstant(first + i);
            code.loadLocal(kind, scratch(kind, i));
            JvmTypes.box(code, values[i]);
            code.aastore();
        }
    }

    /**
     * {@code return_call} and {@code return_call_indirect} (Wasm 3.0): boxes the arguments into
     * an argument array of the calling convention, finds the callee ({@code BaselineSupport},
     * which traps as {@code call_indirect} does), leaves the call, and returns the pending
     * {@code TailCall} from the body method; the function's wrapper method or its caller's call
     * site makes the call, after this frame is gone ({@link ModuleClass}).
     */
    private void returnCall(FuncType callee, TailCallee how, int index, int tableIndex) {
        if (!JvmTypes.representable(callee)) {
            throw new UnsupportedFunctionException("tail call of a function of type " + callee);
        }
        int operand = -1;
        if (how != TailCallee.DIRECT) {
            // the element index or the function reference, above the arguments
            TypeKind kind = JvmTypes.kind(pop());
            operand = scratch(kind, 65535);
            code.storeLocal(kind, operand);
        }
        packValues(callee.params(), 1);
        pop(callee.paramCount());
        if (how == TailCallee.TABLE) {
            code.iload(operand);
            code.aload(instanceSlot);
            code.loadConstant(tableIndex);
            code.loadConstant(module.typeId(index));
            support("indirectTailCall", JvmTypes.TAIL_CALL, JvmTypes.OBJECT_ARRAY, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int,
                            ConstantDescs.CD_int);
        } else if (how == TailCallee.REFERENCE) {
            code.aload(operand);
            support("referenceTailCall", JvmTypes.TAIL_CALL, JvmTypes.OBJECT_ARRAY, ConstantDescs.CD_Object);
        } else {
            code.aload(instanceSlot);
            code.loadConstant(index);
            support("tailCall", JvmTypes.TAIL_CALL, JvmTypes.OBJECT_ARRAY, JvmTypes.INSTANCE, ConstantDescs.CD_int);
        }
        storeFuel();
        leave();
        code.areturn();
        reachable = false;
    }

    private void brTable(int[] labels, int defaultLabel) {
        pop(); // the index, on the JVM stack for the switch
        Map<Frame, Label> landings = new LinkedHashMap<>();
        List<Frame> pads = new ArrayList<>();
        Label[] caseLabels = new Label[labels.length + 1];
        for (int i = 0; i <= labels.length; i++) {
            Frame target = frame(i < labels.length ? labels[i] : defaultLabel);
            caseLabels[i] = landings.computeIfAbsent(target, t -> {
                if (isPlainJump(t, stack.size())) {
                    if (t.kind != Kind.LOOP) {
                        t.targeted = true;
                    }
                    return t.label;
                }
                pads.add(t);
                return code.newLabel();
            });
        }
        if (labels.length == 0) {
            code.pop();
            code.goto_(caseLabels[0]);
        } else {
            List<SwitchCase> cases = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) {
                cases.add(SwitchCase.of(i, caseLabels[i]));
            }
            code.tableswitch(0, labels.length - 1, caseLabels[labels.length], cases);
        }
        for (Frame pad : pads) {
            code.labelBinding(landings.get(pad));
            branch(pad);
        }
    }

    // ---- conditions ------------------------------------------------------------------------------

    private static boolean isComparison(Opcode op) {
        return op.compareTo(Opcode.I32_EQZ) >= 0 && op.compareTo(Opcode.F64_GE) <= 0;
    }

    private static boolean consumesCondition(Opcode op) {
        return op == Opcode.BR_IF || op == Opcode.IF || op == Opcode.I32_EQZ;
    }

    private void materializeConstant() {
        constantPending = false;
        code.loadConstant(pendingConstant);
    }

    /** Computes the pending comparison's 0/1 value. */
    private void materializePending() {
        Opcode op = pending;
        pending = null;
        numericCall(op);
        if (pendingNegated) {
            code.iconst_1();
            code.ixor();
        }
    }

    /**
     * Pops the i32 condition on top of the stack and jumps to {@code target} when it is non-zero
     * ({@code whenTrue}) or zero; a pending comparison becomes one compare-and-branch.
     */
    private void conditionalJump(boolean whenTrue, Label target) {
        pop();
        if (pending == null) {
            code.branch(whenTrue ? java.lang.classfile.Opcode.IFNE : java.lang.classfile.Opcode.IFEQ, target);
            return;
        }
        Opcode op = pending;
        boolean jumpWhen = whenTrue ^ pendingNegated;
        pending = null;
        Condition c = switch (op) {
            case I32_EQZ -> EQ;
            case I32_EQ -> ICMP_EQ;
            case I32_NE -> ICMP_NE;
            case I32_LT_S -> ICMP_LT;
            case I32_GT_S -> ICMP_GT;
            case I32_LE_S -> ICMP_LE;
            case I32_GE_S -> ICMP_GE;
            // Everything else compares into an int -1/0/1 first, then tests it against 0.
            default -> compareToZero(op);
        };
        code.branch(jumpWhen ? c.ifTrue : c.ifFalse, target);
    }

    private record Condition(java.lang.classfile.Opcode ifTrue, java.lang.classfile.Opcode ifFalse) {
    }

    private static final Condition EQ = new Condition(java.lang.classfile.Opcode.IFEQ, java.lang.classfile.Opcode.IFNE);
    private static final Condition NE = new Condition(java.lang.classfile.Opcode.IFNE, java.lang.classfile.Opcode.IFEQ);
    private static final Condition LT = new Condition(java.lang.classfile.Opcode.IFLT, java.lang.classfile.Opcode.IFGE);
    private static final Condition GT = new Condition(java.lang.classfile.Opcode.IFGT, java.lang.classfile.Opcode.IFLE);
    private static final Condition LE = new Condition(java.lang.classfile.Opcode.IFLE, java.lang.classfile.Opcode.IFGT);
    private static final Condition GE = new Condition(java.lang.classfile.Opcode.IFGE, java.lang.classfile.Opcode.IFLT);
    private static final Condition ICMP_EQ = new Condition(java.lang.classfile.Opcode.IF_ICMPEQ, java.lang.classfile.Opcode.IF_ICMPNE);
    private static final Condition ICMP_NE = new Condition(java.lang.classfile.Opcode.IF_ICMPNE, java.lang.classfile.Opcode.IF_ICMPEQ);
    private static final Condition ICMP_LT = new Condition(java.lang.classfile.Opcode.IF_ICMPLT, java.lang.classfile.Opcode.IF_ICMPGE);
    private static final Condition ICMP_GT = new Condition(java.lang.classfile.Opcode.IF_ICMPGT, java.lang.classfile.Opcode.IF_ICMPLE);
    private static final Condition ICMP_LE = new Condition(java.lang.classfile.Opcode.IF_ICMPLE, java.lang.classfile.Opcode.IF_ICMPGT);
    private static final Condition ICMP_GE = new Condition(java.lang.classfile.Opcode.IF_ICMPGE, java.lang.classfile.Opcode.IF_ICMPLT);

    /**
     * Emits the JVM comparison of the pending operands ({@code lcmp}, {@code fcmpl},
     * {@code Integer.compareUnsigned}, ...) and returns how to test its result against zero. NaN
     * operands: {@code fcmpg} gives 1 and {@code fcmpl} -1, chosen so the test fails (spec §4.3.3:
     * every comparison but {@code ne} is false on NaN).
     */
    private Condition compareToZero(Opcode op) {
        MethodTypeDesc unsigned32 = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int);
        MethodTypeDesc unsigned64 = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long, ConstantDescs.CD_long);
        switch (op) {
            case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U -> code.invokestatic(ConstantDescs.CD_Integer, "compareUnsigned", unsigned32);
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> code.invokestatic(ConstantDescs.CD_Long, "compareUnsigned", unsigned64);
            case I64_EQZ -> {
                code.lconst_0();
                code.lcmp();
            }
            case I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S -> code.lcmp();
            case F32_LT, F32_LE -> code.fcmpg();
            case F32_EQ, F32_NE, F32_GT, F32_GE -> code.fcmpl();
            case F64_LT, F64_LE -> code.dcmpg();
            case F64_EQ, F64_NE, F64_GT, F64_GE -> code.dcmpl();
            default -> throw new IllegalStateException("not a comparison: " + op);
        }
        return switch (op) {
            case I64_EQZ, I64_EQ, F32_EQ, F64_EQ -> EQ;
            case I64_NE, F32_NE, F64_NE -> NE;
            case I32_LT_U, I64_LT_U, I64_LT_S, F32_LT, F64_LT -> LT;
            case I32_GT_U, I64_GT_U, I64_GT_S, F32_GT, F64_GT -> GT;
            case I32_LE_U, I64_LE_U, I64_LE_S, F32_LE, F64_LE -> LE;
            case I32_GE_U, I64_GE_U, I64_GE_S, F32_GE, F64_GE -> GE;
            default -> throw new IllegalStateException("not a comparison: " + op);
        };
    }

    // ---- instructions ------------------------------------------------------------------------------

    private void instruction(Opcode op, CodeReader reader) {
        accessedMemory = op.isMemoryAccess() ? reader.index() : 0;
        narrowAddresses(op, reader);
        switch (op) {
            case UNREACHABLE -> {
                support("unreachable", JvmTypes.desc(dev.twasm.exception.WasmTrap.class));
                code.athrow();
                reachable = false;
            }
            case NOP -> {
            }
            case BLOCK -> enter(Kind.BLOCK, reader.blockType().funcType(model), code.newLabel());
            case LOOP -> loop(reader.blockType().funcType(model), reader.instructionOffset());
            case IF -> {
                Label elseLabel = code.newLabel();
                conditionalJump(false, elseLabel);
                enter(Kind.IF, reader.blockType().funcType(model), code.newLabel());
                frames.get(frames.size() - 1).elseLabel = elseLabel;
            }
            case ELSE -> elseBranch();
            case END -> end();
            case TRY_TABLE -> tryTable(reader);
            case TRY -> enterTry(Kind.TRY, reader.blockType().funcType(model));
            case CATCH -> legacyCatch(reader.index());
            case CATCH_ALL -> legacyCatch(-1);
            case DELEGATE -> delegate(reader.index());
            case THROW -> throwException(reader.index());
            case THROW_REF -> {
                pop();
                support("exceptionOf", WASM_EXCEPTION, ConstantDescs.CD_Object);
                storeFuel();
                code.athrow();
                reachable = false;
            }
            case RETHROW -> {
                code.aload(frame(reader.index()).exceptionLocal);
                storeFuel();
                code.athrow();
                reachable = false;
            }
            case BR -> {
                branch(frame(reader.index()));
                reachable = false;
            }
            case BR_IF -> {
                Frame target = frame(reader.index());
                // The condition leaves the stack first, so the target's shape is judged without it.
                if (isPlainJump(target, stack.size() - 1)) {
                    conditionalJump(true, target.label);
                    if (target.kind != Kind.LOOP) {
                        target.targeted = true;
                    }
                } else {
                    Label skip = code.newLabel();
                    conditionalJump(false, skip);
                    branch(target);
                    code.labelBinding(skip);
                }
            }
            case BR_TABLE -> {
                brTable(reader.labels(), reader.defaultLabel());
                reachable = false;
            }
            case RETURN -> {
                emitReturn();
                reachable = false;
            }
            case CALL -> call(reader.index());
            case CALL_INDIRECT -> callIndirect(reader.index(), reader.index2());
            case RETURN_CALL -> returnCall(model.functionType(reader.index()), TailCallee.DIRECT, reader.index(), 0);
            case RETURN_CALL_INDIRECT -> returnCall(model.funcType(reader.index()), TailCallee.TABLE, reader.index(), reader.index2());
            case CALL_REF -> callRef(reader.index());
            case RETURN_CALL_REF -> returnCall(model.funcType(reader.index()), TailCallee.REFERENCE, reader.index(), 0);
            case BR_ON_NULL, BR_ON_NON_NULL -> brOnNull(op == Opcode.BR_ON_NON_NULL, frame(reader.index()));
            case REF_AS_NON_NULL -> {
                support("refAsNonNull", ConstantDescs.CD_Object, ConstantDescs.CD_Object);
                push(pop().withNullable(false));
            }
            case DROP -> {
                if (JvmTypes.kind(pop()).slotSize() == 2) {
                    code.pop2();
                } else {
                    code.pop();
                }
            }
            case SELECT, SELECT_T -> {
                pop();
                pop();
                ValType t = pop();
                ClassDesc d = JvmTypes.desc(t);
                support("select", d, d, d, ConstantDescs.CD_int);
                push(t);
            }
            case LOCAL_GET -> {
                int index = reader.index();
                code.loadLocal(JvmTypes.kind(localTypes[index]), localSlots[index]);
                push(localTypes[index]);
            }
            case LOCAL_SET -> {
                int index = reader.index();
                code.storeLocal(JvmTypes.kind(pop()), localSlots[index]);
            }
            case LOCAL_TEE -> {
                int index = reader.index();
                TypeKind kind = JvmTypes.kind(localTypes[index]);
                if (kind.slotSize() == 2) {
                    code.dup2();
                } else {
                    code.dup();
                }
                code.storeLocal(kind, localSlots[index]);
            }
            case GLOBAL_GET -> {
                ValType t = model.globalType(reader.index()).valType();
                code.aload(instanceSlot);
                code.loadConstant(reader.index());
                support("globalGet" + kindSuffix(t), JvmTypes.desc(t), JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(t);
            }
            case GLOBAL_SET -> {
                ValType t = pop();
                code.aload(instanceSlot);
                code.loadConstant(reader.index());
                support("globalSet" + kindSuffix(t), ConstantDescs.CD_void, JvmTypes.desc(t), JvmTypes.INSTANCE, ConstantDescs.CD_int);
            }
            case TABLE_GET -> {
                pop();
                instanceAnd(reader.index());
                support("tableGet", ConstantDescs.CD_Object, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(model.tableType(reader.index()).elemType());
            }
            case TABLE_SET -> {
                pop(2);
                instanceAnd(reader.index());
                support("tableSet", ConstantDescs.CD_void, ConstantDescs.CD_int, ConstantDescs.CD_Object, JvmTypes.INSTANCE, ConstantDescs.CD_int);
            }
            case TABLE_SIZE -> {
                instanceAnd(reader.index());
                support("tableSize", ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(ValType.I32);
            }
            case TABLE_GROW -> {
                pop(2);
                instanceAnd(reader.index());
                support("tableGrow", ConstantDescs.CD_int, ConstantDescs.CD_Object, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(ValType.I32);
            }
            case TABLE_FILL -> {
                pop(3);
                instanceAnd(reader.index());
                support("tableFill", ConstantDescs.CD_void, ConstantDescs.CD_int, ConstantDescs.CD_Object, ConstantDescs.CD_int, JvmTypes.INSTANCE,
                                ConstantDescs.CD_int);
            }
            case TABLE_COPY -> {
                pop(3);
                instanceAnd(reader.index(), reader.index2());
                support("tableCopy", ConstantDescs.CD_void, ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int, JvmTypes.INSTANCE,
                                ConstantDescs.CD_int, ConstantDescs.CD_int);
            }
            case TABLE_INIT -> {
                pop(3);
                instanceAnd(reader.index(), reader.index2());
                support("tableInit", ConstantDescs.CD_void, ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int, JvmTypes.INSTANCE,
                                ConstantDescs.CD_int, ConstantDescs.CD_int);
            }
            case ELEM_DROP -> {
                instanceAnd(reader.index());
                support("elemDrop", ConstantDescs.CD_void, JvmTypes.INSTANCE, ConstantDescs.CD_int);
            }
            case MEMORY_SIZE -> {
                instanceAnd(reader.index());
                support("memorySize", ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(ValType.I32);
            }
            case MEMORY_GROW -> {
                pop();
                instanceAnd(reader.index());
                support("memoryGrow", ConstantDescs.CD_int, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                if (reader.index() == 0) {
                    reloadMemory();
                }
                push(ValType.I32);
            }
            case MEMORY_FILL -> {
                pop(3);
                instanceAnd(reader.index());
                ClassDesc size = chunked(reader.index()) ? ConstantDescs.CD_long : ConstantDescs.CD_int;
                support(chunked(reader.index()) ? "memoryFill64" : "memoryFill", ConstantDescs.CD_void, size, ConstantDescs.CD_int, size, JvmTypes.INSTANCE,
                                ConstantDescs.CD_int);
            }
            case MEMORY_COPY -> {
                pop(3);
                instanceAnd(reader.index(), reader.index2());
                boolean wide = chunked(reader.index()) || chunked(reader.index2());
                ClassDesc size = wide ? ConstantDescs.CD_long : ConstantDescs.CD_int;
                support(wide ? "memoryCopy64" : "memoryCopy", ConstantDescs.CD_void, size, size, size, JvmTypes.INSTANCE, ConstantDescs.CD_int,
                                ConstantDescs.CD_int);
            }
            case MEMORY_INIT -> {
                pop(3);
                instanceAnd(reader.index(), reader.index2());
                ClassDesc size = chunked(reader.index2()) ? ConstantDescs.CD_long : ConstantDescs.CD_int;
                support(chunked(reader.index2()) ? "memoryInit64" : "memoryInit", ConstantDescs.CD_void, size, size, size, JvmTypes.INSTANCE,
                                ConstantDescs.CD_int, ConstantDescs.CD_int);
            }
            case DATA_DROP -> {
                instanceAnd(reader.index());
                support("dataDrop", ConstantDescs.CD_void, JvmTypes.INSTANCE, ConstantDescs.CD_int);
            }
            case I32_CONST -> {
                constantPending = true;
                pendingConstant = reader.i32();
                push(ValType.I32);
            }
            case I64_CONST -> {
                code.loadConstant(reader.i64());
                push(ValType.I64);
            }
            case F32_CONST -> {
                float value = Float.intBitsToFloat(reader.f32Bits());
                if (value != value) {
                    // The constant pool compares floats by value, which merges NaNs of different
                    // payloads; a NaN is built from its bits (a folded intrinsic in compiled code).
                    code.loadConstant(reader.f32Bits());
                    code.invokestatic(ConstantDescs.CD_Float, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int));
                } else {
                    code.loadConstant(value);
                }
                push(ValType.F32);
            }
            case F64_CONST -> {
                double value = Double.longBitsToDouble(reader.f64Bits());
                if (value != value) {
                    code.loadConstant(reader.f64Bits());
                    code.invokestatic(ConstantDescs.CD_Double, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long));
                } else {
                    code.loadConstant(value);
                }
                push(ValType.F64);
            }
            case REF_NULL -> {
                code.getstatic(JvmTypes.SUPPORT, "NULL", ConstantDescs.CD_Object);
                push(reader.refType());
            }
            case REF_IS_NULL -> {
                pop();
                support("refIsNull", ConstantDescs.CD_int, ConstantDescs.CD_Object);
                push(ValType.I32);
            }
            case REF_EQ -> {
                pop();
                pop();
                support("refEq", ConstantDescs.CD_int, ConstantDescs.CD_Object, ConstantDescs.CD_Object);
                push(ValType.I32);
            }
            case REF_I31 -> {
                pop();
                support("refI31", ConstantDescs.CD_Object, ConstantDescs.CD_int);
                push(ValType.ref(false, HeapType.I31));
            }
            case I31_GET_S, I31_GET_U -> {
                pop();
                support(op == Opcode.I31_GET_S ? "i31GetS" : "i31GetU", ConstantDescs.CD_int, ConstantDescs.CD_Object);
                push(ValType.I32);
            }
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                pop();
                ValType t = reader.refType();
                boolean cast = op == Opcode.REF_CAST || op == Opcode.REF_CAST_NULL;
                refTest(t, cast);
                push(cast ? t : ValType.I32);
            }
            // GC structs and casts to concrete types
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET -> structInstruction(op, reader);
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast(op == Opcode.BR_ON_CAST_FAIL, reader.refType2(), frame(reader.index()));
            // the same object in both hierarchies (docs/rationale.md): only the static type changes
            case ANY_CONVERT_EXTERN -> push(ValType.ref(pop().isNullable(), HeapType.ANY));
            case EXTERN_CONVERT_ANY -> push(ValType.ref(pop().isNullable(), HeapType.EXTERN));
            case REF_FUNC -> {
                instanceAnd(reader.index());
                support("refFunc", ConstantDescs.CD_Object, JvmTypes.INSTANCE, ConstantDescs.CD_int);
                push(ValType.ref(false, model.functionTypeIndex(reader.index())));
            }
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET,
                            ARRAY_LEN, ARRAY_FILL, ARRAY_COPY, ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> arrayInstruction(op, reader);
            default -> {
                if (op.isVector()) {
                    vector(op, reader);
                } else if (op.isAtomic()) {
                    atomic(op, reader);
                } else if (op.isMemoryAccess()) {
                    memoryAccess(op, memoryOffset(reader));
                } else {
                    numeric(op);
                }
            }
        }
        switch (op) {
            case MEMORY_SIZE, MEMORY_GROW -> widenResult(memory64(reader.index()));
            case TABLE_SIZE, TABLE_GROW -> widenResult(table64(reader.index()));
            default -> {
            }
        }
    }

    private static String kindSuffix(ValType t) {
        return switch (JvmTypes.kind(t)) {
            case INT -> "I32";
            case LONG -> "I64";
            case FLOAT -> "F32";
            case DOUBLE -> "F64";
            default -> "Ref";
        };
    }

    /** Pushes the instance and the given immediates, the trailing arguments of a support method. */
    // ---- arrays (GC) ---------------------------------------------------------------------------

    private static final ClassDesc ARRAY_SUPPORT = JvmTypes.desc(ArraySupport.class);
    private static final ClassDesc I = ConstantDescs.CD_int;
    private static final ClassDesc OBJECT = ConstantDescs.CD_Object;
    private static final ClassDesc VOID = ConstantDescs.CD_void;
    private static final ValType BOXED = ValType.ref(true, HeapType.ANY);

    /**
     * An array instruction (GC): a call of {@link ArraySupport} with the element kind
     * ({@link ArrayElements#code}), the type index, the segment and whether it holds data as
     * constants; {@code i8}, {@code i16} and {@code i32} elements as {@code int}s, the others boxed
     * around the call. {@code array.new_fixed} keeps its values in scratch locals, allocates, and
     * stores them one by one.
     */
    private void arrayInstruction(Opcode op, CodeReader reader) {
        int x = op == Opcode.ARRAY_LEN ? -1 : reader.index();
        ArrayType type = x < 0 ? null : (ArrayType) model.types().get(x).composite();
        ValType element = type == null ? null : type.element().unpacked();
        boolean unboxed = element == ValType.I32;
        int kind = type == null ? -1 : ArrayElements.code(module.definedType(x).element());
        switch (op) {
            case ARRAY_NEW -> {
                boxOperand(2, 0);
                pop(2);
                instanceAnd(x);
                arraySupport("arrayNew", OBJECT, OBJECT, I, JvmTypes.INSTANCE, I);
            }
            case ARRAY_NEW_DEFAULT -> {
                pop();
                instanceAnd(x);
                arraySupport("arrayNewDefault", OBJECT, I, JvmTypes.INSTANCE, I);
            }
            case ARRAY_NEW_FIXED -> newFixed(x, reader.index2(), element, unboxed, kind);
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                pop(2);
                instanceAnd(x, reader.index2());
                code.loadConstant(op == Opcode.ARRAY_NEW_DATA ? 1 : 0);
                arraySupport("arrayNewSegment", OBJECT, I, I, JvmTypes.INSTANCE, I, I, ConstantDescs.CD_boolean);
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                pop(2);
                code.loadConstant(kind);
                if (unboxed) {
                    code.loadConstant(op == Opcode.ARRAY_GET_S ? 1 : 0);
                    arraySupport("arrayGetI32", I, OBJECT, I, I, ConstantDescs.CD_boolean);
                } else {
                    arraySupport("arrayGetBoxed", OBJECT, OBJECT, I, I);
                    JvmTypes.unbox(code, element);
                }
                push(element);
            }
            case ARRAY_SET -> {
                boxOperand(3, unboxed ? -1 : 2);
                pop(3);
                code.loadConstant(kind);
                arraySupport(unboxed ? "arraySet" : "arraySetBoxed", VOID, OBJECT, I, unboxed ? I : OBJECT, I);
            }
            case ARRAY_LEN -> {
                pop();
                arraySupport("arrayLen", I, OBJECT);
                push(ValType.I32);
            }
            case ARRAY_FILL -> {
                boxOperand(4, 2);
                pop(4);
                code.loadConstant(kind);
                arraySupport("arrayFill", VOID, OBJECT, I, OBJECT, I, I);
            }
            case ARRAY_COPY -> {
                pop(5);
                arraySupport("arrayCopy", VOID, OBJECT, I, OBJECT, I, I);
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                pop(4);
                instanceAnd(reader.index2());
                code.loadConstant(op == Opcode.ARRAY_INIT_DATA ? 1 : 0);
                code.loadConstant(kind);
                arraySupport("arrayInit", VOID, OBJECT, I, I, I, JvmTypes.INSTANCE, I, ConstantDescs.CD_boolean, I);
            }
            default -> throw new IllegalStateException(op.toString());
        }
        if (op.name().startsWith("ARRAY_NEW")) {
            push(ValType.ref(false, x));
        }
    }

    /** Boxes operand {@code index} (0 the deepest) of the top {@code count}; none when {@code index} is negative. */
    private void boxOperand(int count, int index) {
        if (index >= 0) {
            ValType t = peek(count - 1 - index);
            convertOperands(count, 1 << index, BOXED, () -> JvmTypes.box(code, t));
        }
    }

    /** {@code array.new_fixed x n}: the {@code n} values to scratch locals, the allocation, then {@code arraySet} of each. */
    private void newFixed(int typeIndex, int count, ValType element, boolean unboxed, int kind) {
        TypeKind valueKind = JvmTypes.kind(element);
        for (int i = count - 1; i >= 0; i--) {
            pop();
            code.storeLocal(valueKind, scratch(valueKind, i));
        }
        code.loadConstant(count);
        instanceAnd(typeIndex);
        arraySupport("arrayNewDefault", OBJECT, I, JvmTypes.INSTANCE, I);
        for (int i = 0; i < count; i++) {
            code.dup();
            code.loadConstant(i);
            code.loadLocal(valueKind, scratch(valueKind, i));
            if (!unboxed) {
                JvmTypes.box(code, element);
            }
            code.loadConstant(kind);
            arraySupport(unboxed ? "arraySet" : "arraySetBoxed", VOID, OBJECT, I, unboxed ? I : OBJECT, I);
        }
    }

    private void arraySupport(String name, ClassDesc result, ClassDesc... params) {
        code.invokestatic(ARRAY_SUPPORT, name, MethodTypeDesc.of(result, params));
    }

    private void instanceAnd(int... immediates) {
        code.aload(instanceSlot);
        for (int i : immediates) {
            code.loadConstant(i);
        }
    }

    private void support(String name, ClassDesc result, ClassDesc... params) {
        code.invokestatic(JvmTypes.SUPPORT, name, MethodTypeDesc.of(result, params));
    }

    /** {@code I64_LOAD8_U} -> {@code i64Load8U}, the support method of a memory instruction. */
    static String supportName(Opcode op) {
        String[] words = op.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }

    /**
     * The memory a load or store addresses (multi-memory), set before the instruction is
     * translated: 0 uses the array in {@link #memorySlot}, any other index reads that memory's
     * array at the access ({@link BaselineSupport#memoryBytes}).
     */
    private int accessedMemory;

    /** Pushes the bytes of {@link #accessedMemory}. */
    private void loadMemoryBytes() {
        if (accessedMemory == 0) {
            code.aload(memorySlot);
        } else {
            instanceAnd(accessedMemory);
            support("memoryBytes", ConstantDescs.CD_byte.arrayType(), JvmTypes.INSTANCE, ConstantDescs.CD_int);
        }
    }

    // ---- memory64 and table64 ---------------------------------------------------------------------

    /** Whether memory {@code index} is 64-bit (memory64). */
    private boolean memory64(int index) {
        return model.memoryType(index).addressType().is64();
    }

    /**
     * Whether memory {@code index} is chunked ({@link dev.twasm.runtime.WasmMemory}): 64-bit, or
     * shared (threads). Its loads, stores and bulk instructions take the {@code *64} support
     * methods; a shared 32-bit memory's {@code i32} operands are zero-extended first
     * ({@link #narrowAddresses}).
     */
    private boolean chunked(int index) {
        return memory64(index) || model.memoryType(index).shared();
    }

    private boolean table64(int tableIndex) {
        return model.tableType(tableIndex).addressType().is64();
    }

    /** The memarg offset of a load or store: below 2^32 for a 32-bit memory. */
    private long memoryOffset(CodeReader reader) {
        return reader.memoryOffset();
    }

    /**
     * memory64 and table64 in translated code. A 64-bit memory is chunked ({@link dev.twasm.runtime.WasmMemory}), so
     * its loads and stores ({@link #memoryAccess64}) and bulk instructions call support methods
     * that take {@code long} addresses and sizes: before {@code memory.copy} between a 32-bit and
     * a 64-bit memory, and {@code memory.init} of a 64-bit one, the {@code i32} operands are
     * zero-extended to {@code long}s ({@link #widen}). Before an instruction on a 64-bit table,
     * and before {@code memory.grow} of a 64-bit memory, the {@code i64} index, size and delta
     * operands are narrowed to the {@code i32}s the 32-bit code paths (and their support methods)
     * take: a value below 2^31 unchanged, any other to 2^32 - 1, which as the unsigned number
     * those paths read is out of bounds of every table (all smaller than 2^31 elements) and too
     * large a {@code grow} delta (a 64-bit memory has fewer than 2^31 pages). Results that are
     * sizes ({@code memory.size}, {@code memory.grow}, {@code table.size}, {@code table.grow}) are
     * widened again by {@link #widenResult}. Functions on 32-bit memories and tables get none of
     * this.
     */
    private void narrowAddresses(Opcode op, CodeReader reader) {
        switch (op) {
            case MEMORY_GROW -> narrow(1, memory64(reader.index()) ? 0b1 : 0);
            case MEMORY_FILL -> widen(3, chunked(reader.index()) && !memory64(reader.index()) ? 0b101 : 0);
            case MEMORY_COPY -> {
                boolean destination = memory64(reader.index());
                boolean source = memory64(reader.index2());
                if (chunked(reader.index()) || chunked(reader.index2())) {
                    widen(3, (destination ? 0 : 0b001) | (source ? 0 : 0b010) | (destination && source ? 0 : 0b100));
                }
            }
            case MEMORY_INIT -> widen(3, chunked(reader.index2()) ? (memory64(reader.index2()) ? 0b110 : 0b111) : 0);
            case TABLE_GET -> narrow(1, table64(reader.index()) ? 0b1 : 0);
            case TABLE_SET -> narrow(2, table64(reader.index()) ? 0b01 : 0);
            case TABLE_GROW -> narrow(2, table64(reader.index()) ? 0b10 : 0);
            case TABLE_FILL -> narrow(3, table64(reader.index()) ? 0b101 : 0);
            case TABLE_COPY -> {
                boolean destination = table64(reader.index());
                boolean source = table64(reader.index2());
                narrow(3, (destination ? 0b001 : 0) | (source ? 0b010 : 0) | (destination && source ? 0b100 : 0));
            }
            case TABLE_INIT -> narrow(3, table64(reader.index2()) ? 0b001 : 0);
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> narrow(1, table64(reader.index2()) ? 0b1 : 0);
            default -> {
                if (op.isAtomic() && op.hasFixedSignature()) {
                    // Atomics: every i32 operand as a long (AtomicSupport).
                    if (constantPending) {
                        materializeConstant();
                    }
                    // The table's address operand is an i32; a 64-bit memory's is already an i64.
                    int marked = memory64(reader.index()) ? 0 : 1;
                    for (int i = 1; i < op.params().length; i++) {
                        marked |= op.params()[i] == ValType.I32 ? 1 << i : 0;
                    }
                    widen(op.params().length, marked);
                } else if (op.isMemoryAccess() && !memory64(reader.index()) && chunked(reader.index())) {
                    // A shared 32-bit memory's load or store: the address as a long (load64, store64).
                    if (constantPending) {
                        materializeConstant();
                    }
                    widen(op.params().length, 0b1);
                }
            }
        }
    }

    /** Narrows the {@code i64} operands among the top {@code count} whose bit is set in {@code marked} (bit 0 the deepest) to {@code i32}. */
    private void narrow(int count, int marked) {
        convertOperands(count, marked, ValType.I32, () -> support("narrowAddress", ConstantDescs.CD_int, ConstantDescs.CD_long));
    }

    /** Zero-extends the {@code i32} operands among the top {@code count} whose bit is set in {@code marked} to {@code i64}. */
    private void widen(int count, int marked) {
        convertOperands(count, marked, ValType.I64,
                        () -> code.invokestatic(ConstantDescs.CD_Integer, "toUnsignedLong", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_int)));
    }

    /**
     * Converts the operands of the top {@code count} whose bit is set in {@code marked} (bit 0 the
     * deepest) to type {@code to} with the code {@code conversion} emits: stores the operands in
     * scratch locals, reloads them in order and converts the marked ones.
     */
    private void convertOperands(int count, int marked, ValType to, Runnable conversion) {
        if (marked == 0) {
            return;
        }
        ValType[] types = new ValType[count];
        for (int i = count - 1; i >= 0; i--) {
            types[i] = pop();
            TypeKind kind = JvmTypes.kind(types[i]);
            code.storeLocal(kind, scratch(kind, i + 1));
        }
        for (int i = 0; i < count; i++) {
            TypeKind kind = JvmTypes.kind(types[i]);
            code.loadLocal(kind, scratch(kind, i + 1));
            if ((marked & (1 << i)) != 0) {
                conversion.run();
                push(to);
            } else {
                push(types[i]);
            }
        }
    }

    /**
     * A load or store of a 64-bit memory: a call of the support method of its width
     * ({@link BaselineSupport#load64}, {@link BaselineSupport#store64}, and the {@code v128}
     * ones) with the {@code i64} address, the offset, the instance and the memory index; scalar
     * values travel as their raw bits in a {@code long}.
     */
    private void memoryAccess64(Opcode op, long offset) {
        if (constantPending) {
            materializeConstant();
        }
        int width = 1 << op.naturalAlignmentLog2();
        ClassDesc[] tail = {ConstantDescs.CD_long, JvmTypes.INSTANCE, ConstantDescs.CD_int};
        if (op.results().length == 1) {
            pop();
            ValType t = op.results()[0];
            code.loadConstant(offset);
            instanceAnd(accessedMemory);
            if (t == ValType.V128) {
                support("v128Load64", ConstantDescs.CD_Object, ConstantDescs.CD_long, tail[0], tail[1], tail[2]);
            } else {
                code.loadConstant(width);
                code.loadConstant(op.mnemonic().endsWith("_s") ? 64 - 8 * width : 0);
                support("load64", ConstantDescs.CD_long, ConstantDescs.CD_long, tail[0], tail[1], tail[2], ConstantDescs.CD_int, ConstantDescs.CD_int);
                fromBits(t);
            }
            push(t);
        } else {
            ValType value = pop();
            pop();
            if (value == ValType.V128) {
                code.loadConstant(offset);
                instanceAnd(accessedMemory);
                support("v128Store64", ConstantDescs.CD_void, ConstantDescs.CD_long, ConstantDescs.CD_Object, tail[0], tail[1], tail[2]);
            } else {
                toBits(value);
                code.loadConstant(offset);
                instanceAnd(accessedMemory, width);
                support("store64", ConstantDescs.CD_void, ConstantDescs.CD_long, ConstantDescs.CD_long, tail[0], tail[1], tail[2], ConstantDescs.CD_int);
            }
        }
    }

    /** After a size-returning instruction on a 64-bit memory or table: its {@code i32} result as the {@code i64} the function expects. */
    private void widenResult(boolean is64) {
        if (is64) {
            pop();
            code.i2l();
            push(ValType.I64);
        }
    }

    private void memoryAccess(Opcode op, long memoryOffset) {
        if (chunked(accessedMemory)) {
            memoryAccess64(op, memoryOffset);
            return;
        }
        ClassDesc bytes = ConstantDescs.CD_byte.arrayType();
        int offset = (int) memoryOffset; // unsigned 32-bit; the support method widens it
        if (op.results().length == 1) {
            pop();
            ValType t = op.results()[0];
            long absolute = Integer.toUnsignedLong(pendingConstant) + memoryOffset;
            if (constantPending && absolute <= Integer.MAX_VALUE) {
                // A constant address: one constant instead of address and offset.
                constantPending = false;
                code.loadConstant((int) absolute);
                loadMemoryBytes();
                support(supportName(op) + "At", JvmTypes.desc(t), ConstantDescs.CD_int, bytes);
            } else {
                if (constantPending) {
                    materializeConstant();
                }
                loadMemoryBytes();
                code.loadConstant(offset);
                support(supportName(op), JvmTypes.desc(t), ConstantDescs.CD_int, bytes, ConstantDescs.CD_int);
            }
            push(t);
        } else {
            ValType value = pop();
            pop();
            loadMemoryBytes();
            code.loadConstant(offset);
            support(supportName(op), ConstantDescs.CD_void, ConstantDescs.CD_int, JvmTypes.desc(value), bytes, ConstantDescs.CD_int);
        }
    }

    private static final ClassDesc ATOMIC_SUPPORT = JvmTypes.desc(AtomicSupport.class);
    private static final ClassDesc J = ConstantDescs.CD_long;

    /**
     * An atomic instruction (threads): a call of the {@link AtomicSupport} method of its
     * {@link AtomicOperation} with its operands (all {@code long}s, {@link #narrowAddresses}), the
     * offset, the instance, the memory index and the width (and a read-modify-write's operation)
     * as constants; an {@code i32} result is narrowed after it.
     */
    private void atomic(Opcode op, CodeReader reader) {
        AtomicOperation operation = AtomicOperation.of(op);
        if (operation == AtomicOperation.FENCE) {
            code.invokestatic(ATOMIC_SUPPORT, "fence", MethodTypeDesc.of(ConstantDescs.CD_void));
            return;
        }
        int width = 1 << op.naturalAlignmentLog2();
        pop(op.params().length);
        code.loadConstant(reader.memoryOffset());
        code.aload(instanceSlot);
        code.loadConstant(accessedMemory);
        ClassDesc tail = JvmTypes.INSTANCE;
        switch (operation) {
            case LOAD -> atomicCall("load", J, width, J, J, tail, I, I);
            case STORE -> atomicCall("store", ConstantDescs.CD_void, width, J, J, J, tail, I, I);
            case CMPXCHG -> atomicCall("compareExchange", J, width, J, J, J, J, tail, I, I);
            case WAIT -> atomicCall("await", I, width, J, J, J, J, tail, I, I);
            case NOTIFY -> atomicCall("notify", I, -1, J, J, J, tail, I);
            default -> {
                code.loadConstant(width);
                code.loadConstant(operation.ordinal());
                code.invokestatic(ATOMIC_SUPPORT, "readModifyWrite", MethodTypeDesc.of(J, J, J, J, tail, I, I, I));
            }
        }
        if (op.results().length == 1) {
            ValType t = op.results()[0];
            if (t == ValType.I32 && (operation != AtomicOperation.WAIT && operation != AtomicOperation.NOTIFY)) {
                code.l2i();
            }
            push(t);
        }
    }

    /** Pushes {@code width} (unless it is -1) and calls {@link AtomicSupport}{@code .name} of the given descriptor. */
    private void atomicCall(String name, ClassDesc result, int width, ClassDesc... params) {
        if (width >= 0) {
            code.loadConstant(width);
        }
        code.invokestatic(ATOMIC_SUPPORT, name, MethodTypeDesc.of(result, params));
    }

    private void numeric(Opcode op) {
        if (op == Opcode.I32_EQZ && pending != null) {
            pendingNegated = !pendingNegated;
            return;
        }
        pop(op.params().length);
        if (isComparison(op)) {
            pending = op;
            pendingNegated = false;
            push(ValType.I32);
            return;
        }
        java.lang.classfile.Opcode jvm = DIRECT.get(op);
        if (jvm != null) {
            if (jvm.kind() == java.lang.classfile.Opcode.Kind.CONVERT) {
                code.with(java.lang.classfile.instruction.ConvertInstruction.of(jvm));
            } else {
                code.with(java.lang.classfile.instruction.OperatorInstruction.of(jvm));
            }
        } else {
            switch (op) {
                case I64_SHL, I64_SHR_S, I64_SHR_U -> {
                    // The JVM takes an int count and masks it to 6 bits, as Wasm masks the i64 count.
                    code.l2i();
                    switch (op) {
                        case I64_SHL -> code.lshl();
                        case I64_SHR_S -> code.lshr();
                        default -> code.lushr();
                    }
                }
                default -> numericCall(op);
            }
        }
        push(op.results()[0]);
    }

    /** Calls the {@link NumericOps} method of {@code op} on the operands on the stack. */
    private void numericCall(Opcode op) {
        ValType[] params = op.params();
        boolean traps = NumericOps.mayTrap(op);
        ClassDesc[] descs = new ClassDesc[params.length + (traps ? 1 : 0)];
        for (int i = 0; i < params.length; i++) {
            descs[i] = JvmTypes.desc(params[i]);
        }
        if (traps) {
            descs[params.length] = NODE;
            code.aconst_null();
        }
        code.invokestatic(NUMERIC_OPS, NumericOps.methodName(op), MethodTypeDesc.of(JvmTypes.desc(op.results()[0]), descs));
    }

    // ---- vector instructions (spec §4.4.3, §4.4.7) ----------------------------------------------------

    /** The functional interface of each family of vector functions ({@code SimdOps.unary(op)} and its siblings). */
    private static final Map<SimdFamily, ClassDesc> VECTOR_FUNCTIONS = new EnumMap<>(Map.of(
                    SimdFamily.UNARY, JvmTypes.desc(V128Unary.class),
                    SimdFamily.BINARY, JvmTypes.desc(V128Binary.class),
                    SimdFamily.TERNARY, JvmTypes.desc(V128Ternary.class),
                    SimdFamily.SHIFT, JvmTypes.desc(V128Shift.class),
                    SimdFamily.REDUCE, JvmTypes.desc(V128Reduce.class)));
    private static final ClassDesc BYTES = ConstantDescs.CD_byte.arrayType();
    private static final DirectMethodHandleDesc VECTOR_FUNCTION = ConstantDescs.ofConstantBootstrap(JvmTypes.SUPPORT, "vectorFunction",
                    ConstantDescs.CD_Object);
    private static final DirectMethodHandleDesc V128_CONST = ConstantDescs.ofConstantBootstrap(JvmTypes.SUPPORT, "v128Const", ConstantDescs.CD_Object,
                    ConstantDescs.CD_long, ConstantDescs.CD_long);
    private static final DirectMethodHandleDesc SHUFFLE_LANES = ConstantDescs.ofConstantBootstrap(JvmTypes.SUPPORT, "shuffleLanes", BYTES,
                    ConstantDescs.CD_long, ConstantDescs.CD_long);
    /** By lane width ({@code laneLog2}): the scalar load that zero-extends such a lane into an i64. */
    private static final Opcode[] LANE_LOADS = {Opcode.I64_LOAD8_U, Opcode.I64_LOAD16_U, Opcode.I64_LOAD32_U, Opcode.I64_LOAD};
    /** By lane width: the scalar store of the low bits of an i64. */
    private static final Opcode[] LANE_STORES = {Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32, Opcode.I64_STORE};

    /**
     * A vector instruction, one translation per {@link SimdFamily}. The pure vector functions
     * are the {@code apply} of a function object loaded with {@code ldc} of a dynamic constant
     * ({@link BaselineSupport#vectorFunction}), which HotSpot treats as a constant, so C1 and C2
     * inline the function's body (intrinsified Vector API operations with {@code VectorSimdOps}).
     * Lanes, splats, shuffles and whole-vector memory accesses call {@link BaselineSupport} with
     * the lane width and lane as constants; the other loads and stores are compositions
     * ({@link SimdFamily}) whose scalar part is the scalar access of the same width, with the same
     * bounds check and trap. The memarg's alignment is only a hint and is ignored.
     */
    private void vector(Opcode op, CodeReader reader) {
        SimdFamily family = SimdFamily.of(op);
        switch (family) {
            case UNARY, BINARY, TERNARY, SHIFT, REDUCE -> applyVectorFunction(op, family);
            case CONST -> {
                v128Const(reader.v128Lo(), reader.v128Hi());
                push(ValType.V128);
            }
            case SHUFFLE -> {
                pop(2);
                byte[] lanes = reader.shuffleLanes();
                long lo = 0;
                long hi = 0;
                for (int i = 7; i >= 0; i--) {
                    lo = lo << 8 | (lanes[i] & 0xFF);
                    hi = hi << 8 | (lanes[i + 8] & 0xFF);
                }
                code.ldc(DynamicConstantDesc.ofNamed(SHUFFLE_LANES, ConstantDescs.DEFAULT_NAME, BYTES, lo, hi));
                support("v128Shuffle", ConstantDescs.CD_Object, ConstantDescs.CD_Object, ConstantDescs.CD_Object, BYTES);
                push(ValType.V128);
            }
            case SPLAT -> {
                toBits(pop());
                splat(SimdFamily.laneLog2(op));
            }
            case EXTRACT_LANE -> {
                pop();
                int laneLog2 = SimdFamily.laneLog2(op);
                extractLane(laneLog2, reader.lane());
                ValType t = op.results()[0];
                fromBits(t);
                if (SimdFamily.signExtends(op)) {
                    if (laneLog2 == 0) {
                        code.i2b();
                    } else {
                        code.i2s();
                    }
                }
                push(t);
            }
            case REPLACE_LANE -> {
                toBits(pop());
                pop();
                replaceLane(SimdFamily.laneLog2(op), reader.lane());
            }
            case LOAD, STORE -> memoryAccess(op, memoryOffset(reader));
            case LOAD_EXTEND -> {
                memoryAccess(Opcode.I64_LOAD, memoryOffset(reader));
                lowHalf();
                applyVectorFunction(SimdFamily.extendOf(op), SimdFamily.UNARY);
            }
            case LOAD_SPLAT -> {
                int laneLog2 = SimdFamily.laneLog2(op);
                memoryAccess(LANE_LOADS[laneLog2], memoryOffset(reader));
                pop();
                splat(laneLog2);
            }
            case LOAD_ZERO -> {
                memoryAccess(LANE_LOADS[SimdFamily.laneLog2(op)], memoryOffset(reader));
                lowHalf();
            }
            case LOAD_LANE -> {
                // [address vector]: the vector waits in a local while the scalar load runs.
                int vector = scratch(TypeKind.REFERENCE, 0);
                pop();
                code.astore(vector);
                int laneLog2 = SimdFamily.laneLog2(op);
                memoryAccess(LANE_LOADS[laneLog2], memoryOffset(reader));
                pop();
                code.aload(vector);
                code.dup_x2();
                code.pop();
                replaceLane(laneLog2, reader.lane());
            }
            case STORE_LANE -> {
                pop();
                int laneLog2 = SimdFamily.laneLog2(op);
                extractLane(laneLog2, reader.lane());
                push(ValType.I64);
                memoryAccess(LANE_STORES[laneLog2], memoryOffset(reader));
            }
        }
    }

    /**
     * Applies the function of vector instruction {@code op} of a function family to the
     * operands on the stack: the function object goes below them ({@code swap}, or
     * {@code dup_x2; pop} for two; a third waits in a local), then {@code invokeinterface apply}.
     */
    private void applyVectorFunction(Opcode op, SimdFamily family) {
        ValType[] params = op.params();
        pop(params.length);
        for (int i = params.length - 1; i >= 2; i--) {
            TypeKind kind = JvmTypes.kind(params[i]);
            code.storeLocal(kind, scratch(kind, i));
        }
        ClassDesc function = VECTOR_FUNCTIONS.get(family);
        code.ldc(DynamicConstantDesc.ofNamed(VECTOR_FUNCTION, op.name(), function));
        if (params.length == 1) {
            code.swap();
        } else {
            code.dup_x2();
            code.pop();
        }
        ClassDesc[] descs = new ClassDesc[params.length];
        for (int i = 0; i < params.length; i++) {
            descs[i] = JvmTypes.desc(params[i]);
            if (i >= 2) {
                TypeKind kind = JvmTypes.kind(params[i]);
                code.loadLocal(kind, scratch(kind, i));
            }
        }
        ValType result = op.results()[0];
        code.invokeinterface(function, "apply", MethodTypeDesc.of(JvmTypes.desc(result), descs));
        push(result);
    }

    /** Pushes the {@code v128} of bytes 0-7 {@code lo} and 8-15 {@code hi}, a constant ({@link BaselineSupport#v128Const}). */
    private void v128Const(long lo, long hi) {
        code.ldc(DynamicConstantDesc.ofNamed(V128_CONST, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_Object, lo, hi));
    }

    /** The i64 on top of the stack as the low half of a vector whose high half is zero ({@code load_zero}, the extending loads). */
    private void lowHalf() {
        pop();
        code.lconst_0();
        support("v128FromLongs", ConstantDescs.CD_Object, ConstantDescs.CD_long, ConstantDescs.CD_long);
        push(ValType.V128);
    }

    /** The raw bits (a {@code long}, off the model stack) on top of the stack splatted to lanes of {@code 8 << laneLog2} bits. */
    private void splat(int laneLog2) {
        code.loadConstant(laneLog2);
        support("v128Splat", ConstantDescs.CD_Object, ConstantDescs.CD_long, ConstantDescs.CD_int);
        push(ValType.V128);
    }

    /** The vector (off the model stack) on top of the stack to the raw bits of its lane {@code lane}, a {@code long}. */
    private void extractLane(int laneLog2, int lane) {
        code.loadConstant(laneLog2);
        code.loadConstant(lane);
        support("v128ExtractLane", ConstantDescs.CD_long, ConstantDescs.CD_Object, ConstantDescs.CD_int, ConstantDescs.CD_int);
    }

    /** [vector, bits] (off the model stack) to the vector with lane {@code lane} replaced by the bits. */
    private void replaceLane(int laneLog2, int lane) {
        code.loadConstant(laneLog2);
        code.loadConstant(lane);
        support("v128ReplaceLane", ConstantDescs.CD_Object, ConstantDescs.CD_Object, ConstantDescs.CD_long, ConstantDescs.CD_int, ConstantDescs.CD_int);
        push(ValType.V128);
    }

    // ---- loops and calls ---------------------------------------------------------------------------

    /** At a loop header: counts the iteration for tiering and polls Truffle's safepoint ({@link ModuleClass#LOOP}). */
    private void countBackEdge() {
        code.loadConstant(functionIndex);
        code.invokestatic(linkage.classDesc(), ModuleClass.LOOP, ModuleClass.LOOP_TYPE);
    }

    private void call(int calleeIndex) {
        FuncType callee = model.functionType(calleeIndex);
        if (!JvmTypes.representable(callee)) {
            throw new UnsupportedFunctionException("call of a function of type " + callee);
        }
        pop(callee.paramCount());
        code.aload(instanceSlot);
        if (linkage.hasMethod(calleeIndex)) {
            fuelBeforeCall();
            code.invokestatic(linkage.classDesc(), ModuleClass.methodName(calleeIndex), JvmTypes.function(callee));
        } else {
            code.loadConstant(calleeIndex);
            fuelBeforeCall();
            code.invokestatic(linkage.classDesc(), linkage.callFunctionStub(callee), ModuleClass.callFunctionStubType(callee));
        }
        fuelAfterCall();
        callResults(callee);
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        FuncType callee = model.funcType(typeIndex);
        if (!JvmTypes.representable(callee)) {
            throw new UnsupportedFunctionException("call_indirect of type " + callee);
        }
        pop(callee.paramCount() + 1);
        code.aload(instanceSlot);
        code.loadConstant(tableIndex);
        code.loadConstant(module.typeId(typeIndex));
        fuelBeforeCall();
        code.invokestatic(linkage.classDesc(), linkage.callIndirectStub(callee), ModuleClass.callIndirectStubType(callee));
        fuelAfterCall();
        callResults(callee);
    }

    /** Where a tail call's callee comes from: an index, a table element, a function reference. */
    private enum TailCallee {
        DIRECT,
        TABLE,
        REFERENCE
    }

    /**
     * {@code call_ref x}: the arguments and the reference are the parameters of a call stub of the
     * callee's type, which traps on null ({@code BaselineSupport.referencedFunction}) and calls.
     */
    private void callRef(int typeIndex) {
        FuncType callee = model.funcType(typeIndex);
        if (!JvmTypes.representable(callee)) {
            throw new UnsupportedFunctionException("call_ref of type " + callee);
        }
        pop(callee.paramCount() + 1);
        fuelBeforeCall();
        code.invokestatic(linkage.classDesc(), linkage.callRefStub(callee), ModuleClass.callRefStubType(callee));
        fuelAfterCall();
        callResults(callee);
    }

    /**
     * {@code br_on_null l} and {@code br_on_non_null l}: compares the reference on top with the
     * null singleton; {@code br_on_null} drops it and branches when null, {@code br_on_non_null}
     * branches with it when not null and drops it otherwise.
     */
    /**
     * Replaces the reference on top of the JVM stack by the result of {@code ref.test t} (an int)
     * or {@code ref.cast t} (the reference): abstract heap types through {@link BaselineSupport},
     * concrete ones through {@link StructSupport} with the instance and type index.
     */
    private void refTest(ValType t, boolean cast) {
        ClassDesc result = cast ? ConstantDescs.CD_Object : ConstantDescs.CD_int;
        if (t.isConcrete()) {
            instanceAnd(t.typeIndex());
            code.loadConstant(t.isNullable() ? 1 : 0);
            code.invokestatic(STRUCT_SUPPORT, cast ? "refCastType" : "refTestType",
                            MethodTypeDesc.of(result, ConstantDescs.CD_Object, JvmTypes.INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_boolean));
            return;
        }
        ClassDesc heapType = JvmTypes.desc(HeapType.class);
        code.getstatic(heapType, t.heapType().name(), heapType);
        code.loadConstant(t.isNullable() ? 1 : 0);
        support(cast ? "refCast" : "refTest", result, ConstantDescs.CD_Object, heapType, ConstantDescs.CD_boolean);
    }

    /**
     * {@code br_on_cast l rt1 rt2} and {@code br_on_cast_fail l rt1 rt2}: as {@code br_on_non_null},
     * a test of a copy of the reference and a branch that keeps it on the stack, typed as the label
     * takes it; the fall-through keeps it too, with the other type.
     */
    private void brOnCast(boolean onFail, ValType target, Frame label) {
        Label stay = code.newLabel();
        code.dup();
        refTest(target, false);
        if (onFail) {
            code.ifne(stay);
        } else {
            code.ifeq(stay);
        }
        ValType reference = pop();
        ValType difference = reference.withNullable(reference.isNullable() && !target.isNullable());
        push(onFail ? difference : target);
        branch(label);
        code.labelBinding(stay);
        pop();
        push(onFail ? target : difference);
    }

    private static final ClassDesc STRUCT_SUPPORT = JvmTypes.desc(StructSupport.class);

    /**
     * {@code struct.new(_default)}, {@code struct.get(_s|_u)} and {@code struct.set}: calls of
     * {@link StructSupport}. {@code struct.new} first moves its field values into scratch locals
     * (the JVM cannot reach below the new struct), then stores them one by one.
     */
    private void structInstruction(Opcode op, CodeReader reader) {
        int typeIndex = reader.index();
        java.util.List<dev.twasm.model.FieldType> fields = ((dev.twasm.model.StructType) model.types().get(typeIndex).composite()).fields();
        switch (op) {
            case STRUCT_NEW -> {
                for (int i = fields.size() - 1; i >= 0; i--) {
                    TypeKind kind = JvmTypes.kind(pop());
                    code.storeLocal(kind, scratch(kind, i));
                }
                instanceAnd(typeIndex);
                code.invokestatic(STRUCT_SUPPORT, "structNew", MethodTypeDesc.of(ConstantDescs.CD_Object, JvmTypes.INSTANCE, ConstantDescs.CD_int));
                for (int i = 0; i < fields.size(); i++) {
                    ValType t = fields.get(i).unpacked();
                    code.dup();
                    code.loadLocal(JvmTypes.kind(t), scratch(JvmTypes.kind(t), i));
                    structSet(fields.get(i), i);
                }
            }
            case STRUCT_NEW_DEFAULT -> {
                instanceAnd(typeIndex);
                code.invokestatic(STRUCT_SUPPORT, "structNewDefault", MethodTypeDesc.of(ConstantDescs.CD_Object, JvmTypes.INSTANCE, ConstantDescs.CD_int));
            }
            case STRUCT_SET -> {
                pop(2);
                structSet(fields.get(reader.index2()), reader.index2());
            }
            default -> {
                pop();
                dev.twasm.model.FieldType field = fields.get(reader.index2());
                String packing = field.packed() == null ? "" : op == Opcode.STRUCT_GET_S ? "S" : "U";
                code.loadConstant(reader.index2());
                code.invokestatic(STRUCT_SUPPORT, "structGet" + StructSupport.suffix(dev.twasm.gc.StorageKind.of(field)) + packing,
                                MethodTypeDesc.of(JvmTypes.desc(field.unpacked()), ConstantDescs.CD_Object, ConstantDescs.CD_int));
                push(field.unpacked());
                return;
            }
        }
        if (op != Opcode.STRUCT_SET) {
            push(ValType.ref(false, typeIndex));
        }
    }

    /** Stores the value on top of the JVM stack into field {@code index} of the struct below it. */
    private void structSet(dev.twasm.model.FieldType field, int index) {
        code.loadConstant(index);
        code.invokestatic(STRUCT_SUPPORT, "structSet" + StructSupport.suffix(dev.twasm.gc.StorageKind.of(field)),
                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Object, JvmTypes.desc(field.unpacked()), ConstantDescs.CD_int));
    }

    private void brOnNull(boolean onNonNull, Frame target) {
        Label stay = code.newLabel();
        code.dup();
        code.getstatic(JvmTypes.SUPPORT, "NULL", ConstantDescs.CD_Object);
        if (onNonNull) {
            code.if_acmpeq(stay);
            branch(target);
            code.labelBinding(stay);
            code.pop();
            pop();
        } else {
            code.if_acmpne(stay);
            code.pop();
            ValType reference = pop();
            branch(target);
            code.labelBinding(stay);
            push(reference.withNullable(false));
        }
    }

    /** After a call: the memory may have grown; several results arrive as an {@code Object[]}. */
    private void callResults(FuncType callee) {
        ValType[] results = callee.results();
        if (results.length > 1) {
            int array = scratch(TypeKind.REFERENCE, 0);
            code.astore(array);
            for (int i = 0; i < results.length; i++) {
                code.aload(array);
                code.loadConstant(i);
                code.aaload();
                JvmTypes.unbox(code, results[i]);
            }
        }
        reloadMemory();
        pushAll(results);
    }
}
