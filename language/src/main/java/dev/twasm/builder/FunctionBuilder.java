package dev.twasm.builder;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import dev.twasm.WasmLanguage;
import dev.twasm.binary.CodeReader;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Module;
import dev.twasm.model.HeapType;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Opcode;
import dev.twasm.model.StructType;
import dev.twasm.gc.DefinedType;
import dev.twasm.nodes.aggregate.StructGetNode;
import dev.twasm.nodes.aggregate.StructNewNode;
import dev.twasm.nodes.aggregate.StructSetNode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.table.NarrowIndexNode;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.ValueKind;
import dev.twasm.nodes.calls.AbstractCallNode;
import dev.twasm.nodes.calls.CallImportNode;
import dev.twasm.nodes.calls.CallIndirectNode;
import dev.twasm.nodes.calls.CallRefNode;
import dev.twasm.nodes.calls.CallNode;
import dev.twasm.nodes.calls.MultiResultNode;
import dev.twasm.nodes.calls.ReturnCallNode;
import dev.twasm.nodes.control.BlockNode;
import dev.twasm.nodes.control.BrIfNode;
import dev.twasm.nodes.control.BrNode;
import dev.twasm.nodes.control.BrTableNode;
import dev.twasm.nodes.control.CompiledExits;
import dev.twasm.nodes.control.DelegatedThrow;
import dev.twasm.nodes.control.DropNode;
import dev.twasm.nodes.control.IfNode;
import dev.twasm.nodes.control.SwitchNode;
import dev.twasm.nodes.control.ThrowNode;
import dev.twasm.nodes.control.ThrowRefNode;
import dev.twasm.nodes.control.TryNode;
import dev.twasm.nodes.control.UnreachableNode;
import dev.twasm.nodes.control.WasmLoopNode;
import dev.twasm.nodes.control.FuelChargeNode;
import dev.twasm.nodes.calls.AbstractCallNode;
import dev.twasm.nodes.memory.AtomicNode;
import dev.twasm.nodes.memory.AtomicStoreNode;
import dev.twasm.nodes.memory.DataDropNode;
import dev.twasm.nodes.memory.LoadNode;
import dev.twasm.nodes.memory.MemoryCopyNode;
import dev.twasm.nodes.memory.MemoryFillNode;
import dev.twasm.nodes.memory.MemoryGrowNode;
import dev.twasm.nodes.memory.MemoryInitNode;
import dev.twasm.nodes.memory.MemorySizeNode;
import dev.twasm.nodes.memory.StoreNode;
import dev.twasm.nodes.memory.V128LoadNode;
import dev.twasm.nodes.memory.V128StoreNode;
import dev.twasm.nodes.numeric.ConstNode;
import dev.twasm.nodes.numeric.FloatBinaryNode;
import dev.twasm.nodes.numeric.I32BinaryNode;
import dev.twasm.nodes.numeric.I64BinaryNode;
import dev.twasm.nodes.numeric.SelectNode;
import dev.twasm.nodes.numeric.UnaryNode;
import dev.twasm.nodes.reference.I31GetNode;
import dev.twasm.nodes.reference.RefAsNonNullNode;
import dev.twasm.nodes.reference.RefEqNode;
import dev.twasm.nodes.reference.RefI31Node;
import dev.twasm.nodes.reference.RefTestNode;
import dev.twasm.nodes.reference.RefFuncNode;
import dev.twasm.nodes.reference.RefIsNullNode;
import dev.twasm.nodes.table.ElemDropNode;
import dev.twasm.nodes.table.TableCopyNode;
import dev.twasm.nodes.table.TableFillNode;
import dev.twasm.nodes.table.TableGetNode;
import dev.twasm.nodes.table.TableGrowNode;
import dev.twasm.nodes.table.TableInitNode;
import dev.twasm.nodes.table.TableSetNode;
import dev.twasm.nodes.table.TableSizeNode;
import dev.twasm.nodes.vector.LaneNode;
import dev.twasm.nodes.vector.ShuffleNode;
import dev.twasm.nodes.vector.VectorOperationNode;
import dev.twasm.nodes.variables.GlobalGetNode;
import dev.twasm.nodes.variables.GlobalSetNode;
import dev.twasm.nodes.variables.LocalGetNode;
import dev.twasm.nodes.variables.LocalSetNode;
import dev.twasm.nodes.variables.LocalTeeNode;
import dev.twasm.runtime.WasmModule;
import dev.twasm.runtime.WasmNull;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;
import dev.twasm.validation.FunctionFacts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node tree of one validated function in a single pass over its instructions
 * (architecture guide §2): an abstract interpretation of the operand stack in which each entry is
 * a pending expression tree rather than a type.
 *
 * <ul>
 * <li>Instructions that produce a value push an expression; instructions that consume values pop
 * their operands' trees and become their parent. Statements (stores, sets, branches, calls
 * without results, nested blocks) are appended to the current control frame's statement list.</li>
 * <li>Before a statement is appended, pending operands that could observe it, or that it could
 * observe, are <em>spilled</em>: stored into the hidden slot of their stack height and replaced by
 * a read of it, so Wasm's left-to-right order is kept ({@link Effects}).</li>
 * <li>Block results, branch values and loop parameters live in the slots of the stack heights
 * they occupy; branches store them there and return the target's depth as a signal.</li>
 * <li>Blocks and loops that no branch targets are flattened into their parent.</li>
 * <li>Each emitted statement gets the module offset of its first instruction (the earliest
 * {@code Operand.start} of the operands it consumes, else its own instruction;
 * {@link StmtNode#at}), and each call that is an operand or a dropped result its call
 * instruction's: the keys of their source sections when an instrument is attached. Statements
 * nested in others (a {@code br_if}'s branch) keep -1 and are not instrumentable.</li>
 * </ul>
 *
 * <p>The function was validated, so this code trusts types and indices and does not re-check them.
 */
final class FunctionBuilder {
    private final WasmModule module;
    private final Module model;
    private final int functionIndex;
    private final ArrayInstructions arrays;
    private final FuncType type;
    private final ValType[] localTypes;
    private final int localCount;

    private final List<Operand> stack = new ArrayList<>();
    private final List<ControlFrame> control = new ArrayList<>();
    private int maxHeight;
    private final int maxOperandHeight;
    /** Whether a local or an operand is a {@code v128}: loops then run without OSR (see {@link WasmLoopNode}). */
    private final boolean usesVectors;
    private final FunctionFacts facts;
    /** The fuel costs of this function ({@code wasm.Fuel}); null in code built without fuel. */
    private final FuelCosts fuelCosts;
    /** The fuel costs of the loops being built, innermost on top. */
    private final ArrayDeque<Long> loopFuel = new ArrayDeque<>();
    /** Where {@code return_call} leaves the pending tail call ({@link #tailCallSlot}); -1 without tail calls. */
    private final int tailCallSlot;
    /** The slot of the exception caught by the legacy handler at label depth 0; the others follow. */
    private final int exceptionSlots;
    /** The deepest tree among the operands popped since the last push (see {@link #push}). */
    private int poppedDepth;
    /** The earliest {@link Operand#start} among the operands popped since the last push or statement. */
    private int poppedStart = Operand.NO_START;
    /** The module offset of the instruction being built. */
    private int instructionOffset;

    /**
     * The deepest expression tree the builder leaves pending. Straight-line code such as
     * {@code call f1; i32.add; call f2; i32.add; ...} would otherwise become a tree thousands of
     * levels deep, which node adoption, the interpreter and partial evaluation all walk
     * recursively. Deeper operands are spilled to their slot, as for any other statement.
     */
    static final int MAX_EXPRESSION_DEPTH = 64;
    private int unreachableNesting;

    FunctionBuilder(WasmModule module, int functionIndex, FunctionFacts facts) {
        this.facts = facts;
        this.maxOperandHeight = facts.maxOperandHeight();
        this.usesVectors = facts.usesVectors();
        this.fuelCosts = WasmLanguage.fuelMetered(module.language()) ? FuelCosts.of(module.model().definedFunction(functionIndex).body()) : null;
        this.module = module;
        this.model = module.model();
        this.arrays = new ArrayInstructions(module);
        this.functionIndex = functionIndex;
        this.type = model.functionType(functionIndex);
        Function function = model.definedFunction(functionIndex);
        this.localTypes = new ValType[type.paramCount() + function.locals().length];
        System.arraycopy(type.params(), 0, localTypes, 0, type.paramCount());
        System.arraycopy(function.locals(), 0, localTypes, type.paramCount(), function.locals().length);
        this.localCount = localTypes.length;
        this.tailCallSlot = tailCallSlot(localCount, facts);
        this.exceptionSlots = exceptionSlots(localCount, facts);
    }

    /**
     * Builds the function body (the block at depth 0). The frame was sized from the validator's
     * maximum operand height before the body existed, so the builder must stay within it.
     */
    BlockNode build() {
        Function function = model.definedFunction(functionIndex);
        control.add(new ControlFrame(ControlFrame.Kind.FUNCTION, 0, type, 0, null, Effects.NONE));
        CodeReader reader = new CodeReader(function.body());
        int bodyStart = reader.offset();
        while (reader.hasNext()) {
            Opcode op = reader.next();
            instructionOffset = reader.instructionOffset();
            if (current().unreachable && skipUnreachable(op)) {
                continue;
            }
            if (op == Opcode.END && control.size() == 1) {
                break;
            }
            instruction(op, reader);
        }
        if (maxHeight > maxOperandHeight) {
            throw new IllegalStateException("operand height " + maxHeight + " exceeds the validated " + maxOperandHeight + " in "
                            + model.functionDisplayName(functionIndex));
        }
        BlockNode body = new BlockNode(finishFrame().toArray(StmtNode[]::new), 0);
        body.at(bodyStart);
        CompiledExits.mark(body);
        return body;
    }

    /**
     * The frame of a function: its locals, the exit-signal slot, one slot per operand height. In a
     * function with {@code v128} values the slots start as the zero vector rather than null: Graal
     * expands Vector API operations only when every value that reaches them is a vector, and on a
     * path through which a slot has not been written yet (a block result slot, say) its initial
     * value flows into a merge with the vectors of the other paths. A function with tail calls has
     * one slot more, after the operands, for the pending tail call ({@link #tailCallSlot}), and a
     * function with exception handling one per label depth for caught exceptions ({@link #exceptionSlots}).
     */
    static FrameDescriptor frameDescriptor(int localCount, FunctionFacts facts) {
        return frameDescriptor(localCount, facts, false);
    }

    /** The frame, with one more slot at {@link #fuelSlot} in code built with fuel ({@code wasm.Fuel}). */
    static FrameDescriptor frameDescriptor(int localCount, FunctionFacts facts, boolean fuel) {
        FrameDescriptor.Builder frame = facts.usesVectors() ? FrameDescriptor.newBuilder().defaultValue(SimdOps.INSTANCE.zero())
                        : FrameDescriptor.newBuilder();
        frame.addSlots(fuelSlot(localCount, facts) + (fuel ? 1 : 0), FrameSlotKind.Static);
        return frame.build();
    }

    /**
     * In code built with fuel, the slot where an innermost loop without calls keeps the fuel left
     * while it runs (see {@link WasmLoopNode}); after every other slot. Such loops never nest, so
     * one slot serves them all.
     */
    private static int fuelSlot(int localCount, FunctionFacts facts) {
        return exceptionSlots(localCount, facts) + (facts.exceptionHandling() ? facts.maxControlDepth() : 0);
    }

    /** Whether {@code body} has a node that calls (other code may charge the context's fuel) or a loop or charge of its own. */
    private static boolean chargesElsewhere(StmtNode[] body) {
        String calls = AbstractCallNode.class.getPackageName();
        boolean[] found = {false};
        for (StmtNode statement : body) {
            statement.accept(node -> {
                if (node instanceof WasmLoopNode || node instanceof FuelChargeNode || node.getClass().getPackageName().equals(calls)) {
                    found[0] = true;
                }
                return !found[0];
            });
        }
        return found[0];
    }

    /**
     * The first of the slots where legacy handlers keep their caught exception for
     * {@code rethrow}, one per label depth, after the operands and the tail-call slot; only in
     * functions with exception handling.
     */
    private static int exceptionSlots(int localCount, FunctionFacts facts) {
        return localCount + 1 + facts.maxOperandHeight() + (facts.tailCalls() ? 1 : 0);
    }

    /** The slot of operand height 0, where a function's results are left. */
    static int resultSlot(int localCount) {
        return localCount + 1;
    }

    /** The slot where {@code return_call} leaves the pending tail call for the root; -1 in a function without tail calls. */
    static int tailCallSlot(int localCount, FunctionFacts facts) {
        return facts.tailCalls() ? localCount + 1 + facts.maxOperandHeight() : -1;
    }

    /**
     * In unreachable code only the structure matters: nested blocks are counted, and only the
     * {@code else} or {@code end} of the current frame is processed. Returns true to skip.
     */
    private boolean skipUnreachable(Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> {
                unreachableNesting++;
                return true;
            }
            case ELSE, CATCH, CATCH_ALL -> {
                return unreachableNesting > 0;
            }
            case END, DELEGATE -> {
                if (unreachableNesting > 0) {
                    unreachableNesting--;
                    return true;
                }
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private ControlFrame current() {
        return control.get(control.size() - 1);
    }

    // ---- the operand stack -----------------------------------------------------------------

    /** The static int slot through which a loop passes the signal it ends with (see WasmLoopNode). */
    private int exitSignalSlot() {
        return localCount;
    }

    /** The hidden slot of operand-stack height {@code height}. */
    private int slotOf(int height) {
        return resultSlot(localCount) + height;
    }

    /** Pushes the tree of an instruction whose operands were just popped; its depth is one more than theirs. */
    private void push(ExprNode node, ValType valType, Effects effects) {
        int depth = poppedDepth + 1;
        poppedDepth = 0;
        stack.add(new Operand(node, valType, effects, depth, false, takeStart()));
        maxHeight = Math.max(maxHeight, stack.size());
        if (depth > MAX_EXPRESSION_DEPTH) {
            Operand top = stack.remove(stack.size() - 1);
            spillBefore(top.effects());
            stack.add(top);
            spill(stack.size() - 1);
        }
    }

    /** Pushes a read of the hidden slot of the next stack height. */
    private void pushSlotRead(ValType valType) {
        int height = stack.size();
        poppedDepth = 0;
        poppedStart = Operand.NO_START;
        stack.add(Operand.slotRead(new LocalGetNode(slotOf(height)), valType));
        maxHeight = Math.max(maxHeight, stack.size());
    }

    private Operand pop() {
        Operand operand = stack.remove(stack.size() - 1);
        poppedDepth = Math.max(poppedDepth, operand.depth());
        poppedStart = Math.min(poppedStart, operand.start());
        return operand;
    }

    /**
     * The offset of the first instruction of what is being built now: the earliest start of the
     * operands just popped, else the current instruction; resets it for the next node.
     */
    private int takeStart() {
        int start = Math.min(poppedStart, instructionOffset);
        poppedStart = Operand.NO_START;
        return start;
    }

    /** {@code start}, or the current instruction when the operand has none. */
    private int startOf(Operand operand) {
        return Math.min(operand.start(), instructionOffset);
    }

    /** Pops the top {@code n} operands, returned bottom first. */
    private Operand[] pop(int n) {
        Operand[] operands = new Operand[n];
        for (int i = n - 1; i >= 0; i--) {
            operands[i] = pop();
        }
        return operands;
    }

    private static Effects effectsOf(Operand... operands) {
        Effects e = Effects.NONE;
        for (Operand o : operands) {
            e = e.union(o.effects());
        }
        return e;
    }

    private static ExprNode[] nodesOf(Operand[] operands) {
        ExprNode[] nodes = new ExprNode[operands.length];
        for (int i = 0; i < operands.length; i++) {
            nodes[i] = operands[i].node();
        }
        return nodes;
    }

    // ---- statements and spilling ------------------------------------------------------------

    /** Appends a statement to the current frame after spilling what must be evaluated before it. */
    private void emit(StmtNode statement, Effects effects) {
        poppedDepth = 0;
        int start = takeStart();
        if (statement.moduleOffset() < 0) {
            statement.at(start);
        }
        spillBefore(effects);
        ControlFrame frame = current();
        frame.statements.add(statement);
        frame.effects = frame.effects.union(effects);
    }

    /**
     * Spills the pending operands of the current frame that may not be evaluated after a statement
     * with {@code effects}: the highest such operand and every non-trivial operand below it, bottom
     * first, so the spilled ones keep their order.
     */
    private void spillBefore(Effects effects) {
        int base = current().base;
        int highest = -1;
        for (int i = stack.size() - 1; i >= base; i--) {
            if (!stack.get(i).effects().commutesWith(effects)) {
                highest = i;
                break;
            }
        }
        for (int i = base; i <= highest; i++) {
            if (!stack.get(i).effects().isNone()) {
                spill(i);
            }
        }
    }

    /** Spills every operand of the current frame that is not a constant-like or slot read. */
    private void spillAll() {
        for (int i = current().base; i < stack.size(); i++) {
            if (!stack.get(i).effects().isNone()) {
                spill(i);
            }
        }
    }

    /** Stores operand {@code height} into its slot (whatever it is) and replaces it by a slot read. */
    private void spill(int height) {
        Operand operand = stack.get(height);
        if (operand.inOwnSlot()) {
            return;
        }
        ControlFrame frame = current();
        frame.statements.add(new LocalSetNode(slotOf(height), ValueKind.of(operand.type()), operand.node()).at(startOf(operand)));
        frame.effects = frame.effects.union(operand.effects());
        stack.set(height, Operand.slotRead(new LocalGetNode(slotOf(height)), operand.type()));
    }

    /** Stores operands into the slots starting at stack height {@code targetBase}, skipping no-ops. */
    private List<StmtNode> transfers(Operand[] values, int targetBase, int valuesBase) {
        List<StmtNode> stores = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i].inOwnSlot() && valuesBase + i == targetBase + i) {
                continue;
            }
            stores.add(new LocalSetNode(slotOf(targetBase + i), ValueKind.of(values[i].type()), values[i].node()));
        }
        return stores;
    }

    // ---- structured control ----------------------------------------------------------------

    private void enterFrame(ControlFrame.Kind kind, FuncType blockType, ExprNode condition, Effects conditionEffects) {
        poppedDepth = 0;
        int params = blockType.paramCount();
        if (params > 0) {
            // A loop reads its parameters again on each iteration and an if in each branch, so
            // parameters live in slots; spilling everything below them first keeps the order.
            spillAll();
            for (int i = stack.size() - params; i < stack.size(); i++) {
                spill(i);
            }
        }
        ControlFrame frame = new ControlFrame(kind, control.size(), blockType, stack.size() - params, condition, conditionEffects);
        frame.start = takeStart();
        control.add(frame);
    }

    /** Ends the current frame's (current branch's) statements: stores the results, resets the stack. */
    private List<StmtNode> finishFrame() {
        ControlFrame frame = current();
        int results = frame.type.resultCount();
        if (!frame.unreachable) {
            Operand[] values = pop(results);
            int start = takeStart();
            for (StmtNode store : transfers(values, frame.base, frame.base)) {
                frame.statements.add(store.at(start));
            }
            frame.effects = frame.effects.union(effectsOf(values));
        }
        while (stack.size() > frame.base) {
            pop();
        }
        List<StmtNode> statements = frame.statements;
        frame.statements = new ArrayList<>();
        return statements;
    }

    private void elseBranch() {
        ControlFrame frame = current();
        frame.thenStatements = finishFrame();
        frame.unreachable = false;
        for (int i = 0; i < frame.type.paramCount(); i++) {
            pushSlotRead(frame.type.param(i));
        }
    }

    private void endFrame() {
        ControlFrame frame = current();
        List<StmtNode> statements = finishFrame();
        control.remove(control.size() - 1);
        unreachableNesting = 0;
        StmtNode[] body = statements.toArray(StmtNode[]::new);
        Effects effects = frame.effects;
        switch (frame.kind) {
            case BLOCK -> {
                if (frame.targeted) {
                    emit(blockOrSwitch(frame, statements).at(frame.start), effects.withImpure());
                } else {
                    emitAll(statements, effects);
                }
            }
            case LOOP -> {
                long fuel = fuelCosts == null ? 0 : loopFuel.pop();
                if (frame.targeted) {
                    // An innermost loop without calls counts its fuel in a frame slot (a register in compiled code).
                    int slot = fuel != 0 && !chargesElsewhere(body) ? fuelSlot(localCount, facts) : -1;
                    emit(new WasmLoopNode(body, frame.depth, exitSignalSlot(), usesVectors, fuel, slot).at(frame.start), effects.withImpure());
                } else {
                    if (fuel != 0) {
                        // Its body runs once where it stands: charged as the loop's one iteration.
                        statements.add(0, new FuelChargeNode(fuel));
                    }
                    emitAll(statements, effects);
                }
            }
            case IF -> {
                StmtNode[] thenBody;
                StmtNode[] elseBody;
                if (frame.thenStatements == null) {
                    thenBody = body;
                    elseBody = new StmtNode[0];
                } else {
                    thenBody = frame.thenStatements.toArray(StmtNode[]::new);
                    elseBody = body;
                }
                emit(new IfNode(frame.condition, thenBody, elseBody, frame.depth).at(frame.start), frame.targeted ? effects.withImpure() : effects);
            }
            case TRY_TABLE -> emitTry(frame, statements, effects, TryNode.NO_DELEGATION);
            case TRY -> {
                if (frame.inHandler) {
                    frame.clauses.add(legacyClause(frame, statements));
                    emitTry(frame, frame.tryBody, effects, TryNode.NO_DELEGATION);
                } else {
                    emitTry(frame, statements, effects, TryNode.NO_DELEGATION);
                }
            }
            default -> throw new IllegalStateException("function frame ends in build()");
        }
        pushResults(frame);
    }

    private void pushResults(ControlFrame frame) {
        for (int i = 0; i < frame.type.resultCount(); i++) {
            pushSlotRead(frame.type.result(i));
        }
    }

    // ---- exception handling ----------------------------------------------------------------

    /**
     * The node of a {@code try_table} or legacy {@code try} whose code is complete: a
     * {@link TryNode}, or when it has no handlers and delegates nowhere, what a {@code block}
     * would be.
     */
    private void emitTry(ControlFrame frame, List<StmtNode> body, Effects effects, int delegateTo) {
        if (frame.clauses.isEmpty() && !frame.delegationTarget && delegateTo == TryNode.NO_DELEGATION) {
            if (frame.targeted) {
                emit(new BlockNode(body.toArray(StmtNode[]::new), frame.depth).at(frame.start), effects.withImpure());
            } else {
                emitAll(body, effects);
            }
            return;
        }
        TryNode node = new TryNode(body.toArray(StmtNode[]::new), frame.depth, frame.clauses.toArray(TryNode.CatchClause[]::new), delegateTo);
        if (frame.delegationTarget) {
            node.handleDelegations();
        }
        emit(node.at(frame.start), effects.withImpure());
    }

    /** The parameters of tag {@code tagIndex}: the values its exceptions carry. */
    private ValType[] tagValues(int tagIndex) {
        return model.funcType(model.tagTypeIndex(tagIndex)).params();
    }

    /**
     * {@code try_table}: its clauses branch to labels of the enclosing context, resolved before
     * the frame opens; each writes the values (and for the {@code _ref} forms the exception)
     * into its target's slots and then branches there like {@code br}.
     */
    private void tryTable(CodeReader reader) {
        FuncType blockType = reader.blockType().funcType(model);
        Opcode.CatchKind[] kinds = reader.catchKinds();
        int[] tags = reader.catchTags();
        int[] labels = reader.labels();
        TryNode.CatchClause[] clauses = new TryNode.CatchClause[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            ControlFrame target = target(labels[i]);
            ValType[] values = kinds[i].hasTag() ? tagValues(tags[i]) : new ValType[0];
            int referenceSlot = kinds[i].passesReference() ? slotOf(target.base + values.length) : -1;
            clauses[i] = new TryNode.CatchClause(tags[i], slotOf(target.base), ValueKind.of(values), referenceSlot,
                            new StmtNode[] {new BrNode(new StmtNode[0], target.depth)});
        }
        enterFrame(ControlFrame.Kind.TRY_TABLE, blockType, null, Effects.NONE);
        current().clauses.addAll(List.of(clauses));
    }

    /**
     * A legacy {@code catch x} or ({@code tagIndex} -1) {@code catch_all}: ends the try's body
     * or the previous handler; the handler starts with the tag's values in the slots of the
     * try's base, and keeps the exception in its label depth's exception slot for {@code rethrow}.
     */
    private void legacyCatch(int tagIndex) {
        ControlFrame frame = current();
        List<StmtNode> finished = finishFrame();
        if (frame.inHandler) {
            frame.clauses.add(legacyClause(frame, finished));
        } else {
            frame.tryBody = finished;
            frame.inHandler = true;
        }
        frame.unreachable = false;
        frame.handlerTag = tagIndex;
        for (ValType value : tagIndex >= 0 ? tagValues(tagIndex) : new ValType[0]) {
            pushSlotRead(value);
        }
    }

    private TryNode.CatchClause legacyClause(ControlFrame frame, List<StmtNode> handler) {
        ValType[] values = frame.handlerTag >= 0 ? tagValues(frame.handlerTag) : new ValType[0];
        return new TryNode.CatchClause(frame.handlerTag, slotOf(frame.base), ValueKind.of(values), exceptionSlots + frame.depth,
                        handler.toArray(StmtNode[]::new));
    }

    /**
     * {@code delegate l}: ends a legacy {@code try} whose exceptions go on to the handlers of
     * label {@code l}, which are those of the innermost frame around that label still protecting
     * its code ({@link ControlFrame#protectsCode}), or the caller's when there is none; the
     * handlers in between do not see them ({@link DelegatedThrow}).
     */
    private void delegate(int label) {
        ControlFrame frame = current();
        List<StmtNode> body = finishFrame();
        control.remove(control.size() - 1);
        unreachableNesting = 0;
        int labelDepth = control.get(control.size() - 1 - label).depth;
        int handlerDepth = DelegatedThrow.TO_CALLER;
        for (int i = control.size() - 1; i >= 0; i--) {
            ControlFrame around = control.get(i);
            if (around.depth <= labelDepth && around.protectsCode()) {
                around.delegationTarget = true;
                handlerDepth = around.depth;
                break;
            }
        }
        emitTry(frame, body, frame.effects, handlerDepth);
        pushResults(frame);
    }

    /** {@code throw x}: the tag's values, evaluated in order, thrown as a new exception. */
    private void throwInstruction(int tagIndex) {
        ValType[] values = tagValues(tagIndex);
        Operand[] operands = pop(values.length);
        emit(new ThrowNode(tagIndex, nodesOf(operands), ValueKind.of(values)), effectsOf(operands).withImpure());
        current().unreachable = true;
    }

    /** {@code throw_ref}, and {@code rethrow l} as a {@code throw_ref} of the exception label {@code l}'s handler caught. */
    private void throwReference(ExprNode reference, Effects effects) {
        emit(new ThrowRefNode(reference), effects.withImpure());
        current().unreachable = true;
    }

    /**
     * The node of a targeted block: a {@link SwitchNode} when the block is part of the nest of
     * blocks that compilers lower a {@code switch} to (its last statement a {@code br_table}
     * without values, or its first statement the switch of the block directly inside it), else a
     * {@link BlockNode}.
     */
    private StmtNode blockOrSwitch(ControlFrame frame, List<StmtNode> statements) {
        boolean plain = frame.type.paramCount() == 0 && frame.type.resultCount() == 0;
        if (plain && !statements.isEmpty()) {
            StmtNode last = statements.get(statements.size() - 1);
            if (last instanceof BrTableNode table && table.carriesNoValues()) {
                StmtNode[] prefix = statements.subList(0, statements.size() - 1).toArray(StmtNode[]::new);
                return SwitchNode.create(prefix, table.index(), table.caseTargets(), frame.depth);
            }
            if (statements.get(0) instanceof SwitchNode inner && inner.outermostDepth() == frame.depth + 1) {
                return inner.enclosedBy(frame.depth, statements.subList(1, statements.size()).toArray(StmtNode[]::new));
            }
        }
        return new BlockNode(statements.toArray(StmtNode[]::new), frame.depth);
    }

    private void emitAll(List<StmtNode> statements, Effects effects) {
        spillBefore(effects);
        ControlFrame frame = current();
        frame.statements.addAll(statements);
        frame.effects = frame.effects.union(effects);
    }

    private ControlFrame target(int labelIndex) {
        ControlFrame frame = control.get(control.size() - 1 - labelIndex);
        frame.targeted = true;
        return frame;
    }

    /** {@code br}/{@code return}: stores the top operands into the target's slots and branches. */
    private void branch(ControlFrame target) {
        int arity = target.branchArity();
        int valuesBase = stack.size() - arity;
        Operand[] values = pop(arity);
        List<StmtNode> stores = transfers(values, target.base, valuesBase);
        emit(new BrNode(stores.toArray(StmtNode[]::new), target.depth), effectsOf(values).withImpure());
        current().unreachable = true;
    }

    /** A branch whose values already sit in the slots of the top {@code arity} stack heights. */
    private BrNode branchFromSlots(ControlFrame target) {
        int arity = target.branchArity();
        int valuesBase = stack.size() - arity;
        List<StmtNode> stores = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            if (valuesBase + i != target.base + i) {
                int kind = ValueKind.of(target.branchType(i));
                stores.add(new LocalSetNode(slotOf(target.base + i), kind, new LocalGetNode(slotOf(valuesBase + i))));
            }
        }
        return new BrNode(stores.toArray(StmtNode[]::new), target.depth);
    }

    /** Makes the top {@code n} operands slot reads (and everything pending below them). */
    private void spillTop(int n) {
        if (n > 0) {
            spillAll();
            for (int i = stack.size() - n; i < stack.size(); i++) {
                spill(i);
            }
        }
    }

    // ---- instructions ---------------------------------------------------------------------

    private void instruction(Opcode op, CodeReader reader) {
        switch (op) {
            case UNREACHABLE -> {
                emit(new UnreachableNode(), Effects.IMPURE);
                current().unreachable = true;
            }
            case NOP -> {
            }
            case BLOCK -> enterFrame(ControlFrame.Kind.BLOCK, reader.blockType().funcType(model), null, Effects.NONE);
            case LOOP -> {
                if (fuelCosts != null) {
                    loopFuel.push(fuelCosts.loop(reader.instructionOffset()));
                }
                enterFrame(ControlFrame.Kind.LOOP, reader.blockType().funcType(model), null, Effects.NONE);
            }
            case IF -> {
                Operand condition = pop();
                enterFrame(ControlFrame.Kind.IF, reader.blockType().funcType(model), condition.node(), condition.effects());
            }
            case ELSE -> elseBranch();
            case TRY_TABLE -> tryTable(reader);
            case TRY -> enterFrame(ControlFrame.Kind.TRY, reader.blockType().funcType(model), null, Effects.NONE);
            case CATCH -> legacyCatch(reader.index());
            case CATCH_ALL -> legacyCatch(-1);
            case DELEGATE -> delegate(reader.index());
            case THROW -> throwInstruction(reader.index());
            case THROW_REF -> {
                Operand reference = pop();
                throwReference(reference.node(), reference.effects());
            }
            case RETHROW -> throwReference(new LocalGetNode(exceptionSlots + control.get(control.size() - 1 - reader.index()).depth), Effects.NONE);
            case END -> endFrame();
            case BR -> branch(target(reader.index()));
            case BR_IF -> {
                Operand condition = pop();
                ControlFrame target = target(reader.index());
                spillTop(target.branchArity());
                emit(new BrIfNode(condition.node(), branchFromSlots(target)), condition.effects().withImpure());
            }
            case BR_TABLE -> brTable(reader.labels(), reader.defaultLabel());
            case RETURN -> branch(target(control.size() - 1));
            case CALL -> callResults(call(reader.index()));
            case CALL_INDIRECT -> callResults(callIndirect(reader.index(), reader.index2()));
            case RETURN_CALL -> returnCall(call(reader.index()));
            case RETURN_CALL_INDIRECT -> returnCall(callIndirect(reader.index(), reader.index2()));
            case CALL_REF -> callResults(callRef(reader.index()));
            case RETURN_CALL_REF -> returnCall(callRef(reader.index()));
            case BR_ON_NULL, BR_ON_NON_NULL -> brOnNull(op == Opcode.BR_ON_NON_NULL, target(reader.index()));
            case REF_AS_NON_NULL -> {
                Operand reference = pop();
                push(new RefAsNonNullNode(reference.node()), reference.type().withNullable(false), reference.effects().withImpure());
            }
            case DROP -> {
                Operand value = pop();
                if (!value.effects().isNone() && !value.inOwnSlot()) {
                    emit(new DropNode(value.node(), ValueKind.of(value.type())), value.effects());
                }
            }
            case SELECT, SELECT_T -> {
                Operand condition = pop();
                Operand second = pop();
                Operand first = pop();
                push(new SelectNode(first.node(), second.node(), condition.node()), first.type(), effectsOf(first, second, condition));
            }
            case LOCAL_GET -> {
                int index = reader.index();
                push(new LocalGetNode(index), localTypes[index], Effects.readsLocal(index));
            }
            case LOCAL_SET -> {
                int index = reader.index();
                Operand value = pop();
                emit(new LocalSetNode(index, ValueKind.of(localTypes[index]), value.node()), value.effects().union(Effects.writesLocal(index)));
            }
            case LOCAL_TEE -> {
                int index = reader.index();
                Operand value = pop();
                push(new LocalTeeNode(index, value.node()), localTypes[index], value.effects().union(Effects.writesLocal(index)).withImpure());
            }
            case GLOBAL_GET -> {
                int index = reader.index();
                boolean mutable = model.globalType(index).mutable();
                push(new GlobalGetNode(index), model.globalType(index).valType(), mutable ? Effects.IMPURE : Effects.NONE);
            }
            case GLOBAL_SET -> {
                int index = reader.index();
                Operand value = pop();
                emit(new GlobalSetNode(index, ValueKind.of(model.globalType(index).valType()), value.node()), value.effects().withImpure());
            }
            case TABLE_GET -> {
                Operand index = pop();
                push(new TableGetNode(reader.index(), table64(reader.index()), index.node()), model.tableType(reader.index()).elemType(),
                                index.effects().withImpure());
            }
            case TABLE_SET -> {
                Operand[] operands = pop(2);
                emit(new TableSetNode(reader.index(), table64(reader.index()), operands[0].node(), operands[1].node()), effectsOf(operands).withImpure());
            }
            case TABLE_SIZE -> push(new TableSizeNode(reader.index()), tableAddress(reader.index()), Effects.IMPURE);
            case TABLE_GROW -> {
                Operand[] operands = pop(2);
                push(new TableGrowNode(reader.index(), table64(reader.index()), operands[0].node(), operands[1].node()), tableAddress(reader.index()),
                                effectsOf(operands).withImpure());
            }
            case TABLE_FILL -> {
                Operand[] o = pop(3);
                emit(new TableFillNode(reader.index(), table64(reader.index()), o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case TABLE_COPY -> {
                Operand[] o = pop(3);
                int wide = BulkOperationNode.wide(table64(reader.index()), table64(reader.index2()),
                                table64(reader.index()) && table64(reader.index2()));
                emit(new TableCopyNode(reader.index(), reader.index2(), wide, o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case TABLE_INIT -> {
                Operand[] o = pop(3);
                emit(new TableInitNode(reader.index(), reader.index2(), table64(reader.index2()), o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case ELEM_DROP -> emit(new ElemDropNode(reader.index()), Effects.IMPURE);
            case MEMORY_SIZE -> push(new MemorySizeNode(reader.index()), memoryAddress(reader.index()), Effects.IMPURE);
            case MEMORY_GROW -> {
                Operand delta = pop();
                push(new MemoryGrowNode(reader.index(), memory64(reader.index()), delta.node()), memoryAddress(reader.index()),
                                delta.effects().withImpure());
            }
            case MEMORY_FILL -> {
                Operand[] o = pop(3);
                emit(new MemoryFillNode(reader.index(), memory64(reader.index()), chunked(reader.index()), o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case MEMORY_COPY -> {
                Operand[] o = pop(3);
                int wide = BulkOperationNode.wide(memory64(reader.index()), memory64(reader.index2()),
                                memory64(reader.index()) && memory64(reader.index2()));
                emit(new MemoryCopyNode(reader.index(), reader.index2(), wide, chunked(reader.index()) || chunked(reader.index2()), o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case MEMORY_INIT -> {
                Operand[] o = pop(3);
                emit(new MemoryInitNode(reader.index(), reader.index2(), memory64(reader.index2()), chunked(reader.index2()), o[0].node(), o[1].node(), o[2].node()), effectsOf(o).withImpure());
            }
            case DATA_DROP -> emit(new DataDropNode(reader.index()), Effects.IMPURE);
            case I32_CONST -> push(ConstNode.ofBits(reader.i32()), ValType.I32, Effects.NONE);
            case I64_CONST -> push(ConstNode.ofBits(reader.i64()), ValType.I64, Effects.NONE);
            case F32_CONST -> push(ConstNode.ofBits(reader.f32Bits()), ValType.F32, Effects.NONE);
            case F64_CONST -> push(ConstNode.ofBits(reader.f64Bits()), ValType.F64, Effects.NONE);
            case REF_NULL -> push(ConstNode.ofReference(WasmNull.INSTANCE), reader.refType(), Effects.NONE);
            case REF_IS_NULL -> {
                Operand reference = pop();
                push(new RefIsNullNode(reference.node()), ValType.I32, reference.effects());
            }
            case REF_EQ -> {
                Operand[] o = pop(2);
                push(new RefEqNode(o[0].node(), o[1].node()), ValType.I32, effectsOf(o));
            }
            case REF_I31 -> {
                Operand value = pop();
                push(new RefI31Node(value.node()), ValType.ref(false, HeapType.I31), value.effects());
            }
            case I31_GET_S, I31_GET_U -> {
                Operand reference = pop();
                push(new I31GetNode(reference.node(), op == Opcode.I31_GET_S), ValType.I32, reference.effects().withImpure());
            }
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                Operand reference = pop();
                ValType t = reader.refType();
                boolean cast = op == Opcode.REF_CAST || op == Opcode.REF_CAST_NULL;
                push(refTest(reference.node(), t, cast), cast ? t : ValType.I32, cast ? reference.effects().withImpure() : reference.effects());
            }
            // GC structs and casts to concrete types
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET -> structInstruction(op, reader);
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast(op == Opcode.BR_ON_CAST_FAIL, reader.refType2(), target(reader.index()));
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {
                // the same object in both hierarchies (docs/rationale.md): only the static type changes
                Operand o = stack.remove(stack.size() - 1);
                HeapType to = op == Opcode.ANY_CONVERT_EXTERN ? HeapType.ANY : HeapType.EXTERN;
                stack.add(new Operand(o.node(), ValType.ref(o.type().isNullable(), to), o.effects(), o.depth(), o.inOwnSlot(), o.start()));
            }
            case REF_FUNC -> push(new RefFuncNode(reader.index()), ValType.ref(false, model.functionTypeIndex(reader.index())), Effects.NONE);
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET,
                            ARRAY_LEN, ARRAY_FILL, ARRAY_COPY, ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> arrayInstruction(op, reader);
            default -> {
                if (op.isVector()) {
                    vector(op, reader);
                } else if (op.isAtomic()) {
                    atomic(op, reader);
                } else if (op.isMemoryAccess()) {
                    memoryAccess(op, reader);
                } else {
                    numeric(op);
                }
            }
        }
    }

    /** Whether memory {@code index} is 64-bit (memory64): its addresses and sizes are {@code i64}s. */
    /**
     * An array instruction (GC): its operands become the children of the node
     * {@link ArrayInstructions} makes. Each may trap or reads or writes the heap (or allocates, whose
     * identity {@code ref.eq} sees), so each is impure.
     */
    private void arrayInstruction(Opcode op, CodeReader reader) {
        Operand[] o = pop(ArrayInstructions.operandCount(op, reader));
        ArrayInstructions.Built built = arrays.build(op, reader, nodesOf(o));
        Effects effects = effectsOf(o).withImpure();
        if (built.statement() != null) {
            emit(built.statement(), effects);
        } else {
            push(built.expression(), built.type(), effects);
        }
    }

    private boolean memory64(int index) {
        return model.memoryType(index).addressType().is64();
    }

    /**
     * Whether memory {@code index} is chunked ({@code WasmMemory}): 64-bit or shared (threads),
     * so its nodes take the chunked path; a 32-bit unshared memory's nodes never do.
     */
    private boolean chunked(int index) {
        MemoryType type = model.memoryType(index);
        return type.addressType().is64() || type.shared();
    }

    /**
     * An atomic instruction (threads): {@link AtomicNode} when it has a result, else
     * {@link AtomicStoreNode} (a store, or {@code atomic.fence} without operands). Each may trap or
     * reads or writes memory, so each is impure.
     */
    private void atomic(Opcode op, CodeReader reader) {
        if (op == Opcode.ATOMIC_FENCE) {
            emit(new AtomicStoreNode(op, 0, 0, false, null, null), Effects.IMPURE);
            return;
        }
        Operand[] o = pop(op.params().length);
        long offset = reader.memoryOffset();
        int memory = reader.index();
        boolean is64 = memory64(memory);
        Effects effects = effectsOf(o).withImpure();
        if (op.results().length == 0) {
            emit(new AtomicStoreNode(op, offset, memory, is64, o[0].node(), o[1].node()), effects);
        } else {
            ExprNode second = o.length > 2 ? o[2].node() : null;
            push(new AtomicNode(op, offset, memory, is64, o[0].node(), o.length > 1 ? o[1].node() : null, second), op.results()[0], effects);
        }
    }

    private ValType memoryAddress(int index) {
        return model.memoryType(index).addressType().valType();
    }

    /** Whether table {@code index} is 64-bit (table64). */
    private boolean table64(int index) {
        return model.tableType(index).addressType().is64();
    }

    private ValType tableAddress(int index) {
        return model.tableType(index).addressType().valType();
    }

    private void memoryAccess(Opcode op, CodeReader reader) {
        if (op.results().length == 1) {
            Operand address = pop();
            push(new LoadNode(op, reader.memoryOffset(), reader.index(), memory64(reader.index()), chunked(reader.index()), address.node()), op.results()[0],
                            address.effects().withImpure());
        } else {
            Operand[] o = pop(2);
            emit(new StoreNode(op, reader.memoryOffset(), reader.index(), memory64(reader.index()), chunked(reader.index()), o[0].node(), o[1].node()),
                            effectsOf(o).withImpure());
        }
    }

    /** A vector instruction, by its {@link SimdFamily}: pure functions and lane operations are expressions, loads impure expressions, stores statements. */
    private void vector(Opcode op, CodeReader reader) {
        switch (SimdFamily.of(op)) {
            case CONST -> push(ConstNode.ofV128(SimdOps.INSTANCE.fromLongs(reader.v128Lo(), reader.v128Hi())), ValType.V128, Effects.NONE);
            case UNARY, BINARY, TERNARY, SHIFT, REDUCE -> {
                Operand[] o = pop(op.params().length);
                push(new VectorOperationNode(op, nodesOf(o)), op.results()[0], effectsOf(o));
            }
            case SPLAT -> {
                Operand scalar = pop();
                push(LaneNode.splat(op, scalar.node()), ValType.V128, scalar.effects());
            }
            case EXTRACT_LANE -> {
                Operand v = pop();
                push(LaneNode.extractLane(op, reader.lane(), v.node()), op.results()[0], v.effects());
            }
            case REPLACE_LANE -> {
                Operand[] o = pop(2);
                push(LaneNode.replaceLane(op, reader.lane(), o[0].node(), o[1].node()), ValType.V128, effectsOf(o));
            }
            case SHUFFLE -> {
                Operand[] o = pop(2);
                push(new ShuffleNode(reader.shuffleLanes(), o[0].node(), o[1].node()), ValType.V128, effectsOf(o));
            }
            case LOAD, LOAD_EXTEND, LOAD_SPLAT, LOAD_ZERO -> {
                Operand address = pop();
                push(new V128LoadNode(op, reader.memoryOffset(), reader.index(), memory64(reader.index()), chunked(reader.index()), 0, address.node(), null), ValType.V128,
                                address.effects().withImpure());
            }
            case LOAD_LANE -> {
                Operand[] o = pop(2);
                push(new V128LoadNode(op, reader.memoryOffset(), reader.index(), memory64(reader.index()), chunked(reader.index()), reader.lane(), o[0].node(), o[1].node()), ValType.V128,
                                effectsOf(o).withImpure());
            }
            case STORE, STORE_LANE -> {
                Operand[] o = pop(2);
                int lane = op.immediates() == Opcode.Immediates.MEMARG_LANE ? reader.lane() : 0;
                emit(new V128StoreNode(op, reader.memoryOffset(), reader.index(), memory64(reader.index()), chunked(reader.index()), lane, o[0].node(), o[1].node()), effectsOf(o).withImpure());
            }
        }
    }

    private void numeric(Opcode op) {
        ValType[] params = op.params();
        Operand[] operands = pop(params.length);
        Effects effects = effectsOf(operands);
        if (mayTrap(op)) {
            effects = effects.withImpure();
        }
        ExprNode node;
        if (params.length == 1) {
            node = new UnaryNode(op, operands[0].node());
        } else {
            ExprNode left = operands[0].node();
            ExprNode right = operands[1].node();
            node = switch (params[0].kind()) {
                case I32 -> new I32BinaryNode(op, left, right);
                case I64 -> new I64BinaryNode(op, left, right);
                default -> new FloatBinaryNode(op, left, right);
            };
        }
        push(node, op.results()[0], effects);
    }

    /** Numeric instructions that can trap (spec §4.3.2, §4.3.4): integer division and truncation. */
    private static boolean mayTrap(Opcode op) {
        return switch (op) {
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U,
                            I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_TRUNC_F64_S, I32_TRUNC_F64_U,
                            I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_F64_S, I64_TRUNC_F64_U -> true;
            default -> false;
        };
    }

    private void brTable(int[] labels, int defaultLabel) {
        Operand index = pop();
        ControlFrame defaultTarget = target(defaultLabel);
        spillTop(defaultTarget.branchArity());
        List<Integer> distinctDepths = new ArrayList<>();
        List<BrNode> branches = new ArrayList<>();
        int[] caseBranches = new int[labels.length + 1];
        for (int i = 0; i <= labels.length; i++) {
            ControlFrame target = target(i < labels.length ? labels[i] : defaultLabel);
            int b = distinctDepths.indexOf(target.depth);
            if (b < 0) {
                b = distinctDepths.size();
                distinctDepths.add(target.depth);
                branches.add(branchFromSlots(target));
            }
            caseBranches[i] = b;
        }
        pop(defaultTarget.branchArity());
        emit(new BrTableNode(index.node(), caseBranches, branches.toArray(BrNode[]::new)), index.effects().withImpure());
        current().unreachable = true;
    }

    /** A call node, its callee's type and the effects of evaluating its operands and calling. */
    private record Call(AbstractCallNode node, FuncType calleeType, Effects effects) {
    }

    private Call call(int calleeIndex) {
        FuncType calleeType = model.functionType(calleeIndex);
        Operand[] arguments = pop(calleeType.paramCount());
        ExprNode[] nodes = nodesOf(arguments);
        int[] kinds = ValueKind.of(calleeType.params());
        AbstractCallNode callNode = calleeIndex < model.importedFunctionCount()
                        ? new CallImportNode(calleeIndex, nodes, kinds)
                        : new CallNode(module, calleeIndex, nodes, kinds);
        return new Call(callNode, calleeType, effectsOf(arguments).withImpure());
    }

    private Call callIndirect(int typeIndex, int tableIndex) {
        FuncType calleeType = model.funcType(typeIndex);
        Operand elementIndex = pop();
        Operand[] arguments = pop(calleeType.paramCount());
        ExprNode index = table64(tableIndex) ? new NarrowIndexNode(elementIndex.node()) : elementIndex.node();
        AbstractCallNode callNode = new CallIndirectNode(tableIndex, module.typeId(typeIndex), nodesOf(arguments),
                        ValueKind.of(calleeType.params()), index);
        return new Call(callNode, calleeType, effectsOf(arguments).union(elementIndex.effects()).withImpure());
    }

    /** {@code call_ref x}: the arguments, then the function reference on top. */
    private Call callRef(int typeIndex) {
        FuncType calleeType = model.funcType(typeIndex);
        Operand reference = pop();
        Operand[] arguments = pop(calleeType.paramCount());
        AbstractCallNode callNode = new CallRefNode(nodesOf(arguments), ValueKind.of(calleeType.params()), reference.node());
        return new Call(callNode, calleeType, effectsOf(arguments).union(reference.effects()).withImpure());
    }

    /**
     * {@code br_on_null l} and {@code br_on_non_null l}: a {@code br_if} whose condition tests the
     * reference on top, after it and the label's values went to their slots. {@code br_on_null}
     * branches with the values below the reference and keeps the reference; {@code br_on_non_null}
     * branches with the reference as the label's last value and drops it otherwise.
     */
    private void brOnNull(boolean onNonNull, ControlFrame target) {
        int arity = target.branchArity();
        spillTop(onNonNull ? arity : arity + 1);
        Operand reference = pop();
        ExprNode isNull = new RefIsNullNode(new LocalGetNode(slotOf(stack.size())));
        if (onNonNull) {
            pushSlotRead(reference.type());
            emit(new BrIfNode(new UnaryNode(Opcode.I32_EQZ, isNull), branchFromSlots(target)), Effects.IMPURE);
            pop();
        } else {
            emit(new BrIfNode(isNull, branchFromSlots(target)), Effects.IMPURE);
            pushSlotRead(reference.type().withNullable(false));
        }
    }

    /** The test of {@code ref.test}, {@code ref.cast} and {@code br_on_cast} against {@code t}, abstract or concrete. */
    private RefTestNode refTest(ExprNode reference, ValType t, boolean cast) {
        if (t.isConcrete()) {
            return new RefTestNode(reference, module.definedType(t.typeIndex()), module.engine().types(), t.isNullable(), cast);
        }
        return new RefTestNode(reference, t.heapType(), t.isNullable(), cast);
    }

    /**
     * {@code br_on_cast l rt1 rt2} and {@code br_on_cast_fail l rt1 rt2}: as {@code br_on_non_null},
     * a {@code br_if} on the reference once it and the label's other values are in their slots,
     * whose condition is the test of {@code target} (negated for {@code br_on_cast_fail}); the
     * reference stays on the stack either way, typed as the validator says.
     */
    private void brOnCast(boolean onFail, ValType target, ControlFrame label) {
        spillTop(label.branchArity());
        Operand reference = pop();
        ValType difference = reference.type().withNullable(reference.type().isNullable() && !target.isNullable());
        ExprNode test = refTest(new LocalGetNode(slotOf(stack.size())), target, false);
        pushSlotRead(reference.type());
        emit(new BrIfNode(onFail ? new UnaryNode(Opcode.I32_EQZ, test) : test, branchFromSlots(label)), Effects.IMPURE);
        pop();
        pushSlotRead(onFail ? target : difference);
    }

    /**
     * {@code struct.new(_default)}, {@code struct.get(_s|_u)} and {@code struct.set}: nodes of
     * {@code dev.twasm.nodes.aggregate} on the type's {@link dev.twasm.gc.StructLayout}. A read
     * is impure (a later {@code struct.set} or call may change the field, and it may trap on
     * null); a new struct is only as impure as its operands.
     */
    private void structInstruction(Opcode op, CodeReader reader) {
        int typeIndex = reader.index();
        DefinedType type = module.definedType(typeIndex);
        StructType struct = (StructType) type.composite();
        switch (op) {
            case STRUCT_NEW -> {
                Operand[] values = pop(struct.fields().size());
                push(new StructNewNode(type, nodesOf(values)), ValType.ref(false, typeIndex), effectsOf(values));
            }
            case STRUCT_NEW_DEFAULT -> push(new StructNewNode(type, null), ValType.ref(false, typeIndex), Effects.NONE);
            case STRUCT_SET -> {
                Operand[] o = pop(2);
                int valueKind = ValueKind.of(struct.fields().get(reader.index2()).unpacked());
                emit(new StructSetNode(o[0].node(), o[1].node(), type.layout(), reader.index2(), valueKind), effectsOf(o).withImpure());
            }
            default -> {
                Operand reference = pop();
                push(new StructGetNode(reference.node(), type.layout(), reader.index2(), op == Opcode.STRUCT_GET_S),
                                struct.fields().get(reader.index2()).unpacked(), reference.effects().withImpure());
            }
        }
    }

    private void callResults(Call call) {
        int results = call.calleeType.resultCount();
        if (results == 0) {
            emit(new DropNode(call.node.at(instructionOffset), ValueKind.REF), call.effects);
        } else if (results == 1) {
            push(call.node.at(instructionOffset), call.calleeType.result(0), call.effects);
        } else {
            emit(new MultiResultNode(call.node, slotOf(stack.size()), ValueKind.of(call.calleeType.results())), call.effects);
            for (ValType result : call.calleeType.results()) {
                pushSlotRead(result);
            }
        }
    }

    /** {@code return_call}, {@code return_call_indirect}: the call's node finds the callee; the root makes no call, its caller does. */
    private void returnCall(Call call) {
        target(control.size() - 1);
        emit(new ReturnCallNode(call.node, tailCallSlot), call.effects);
        current().unreachable = true;
    }
}
