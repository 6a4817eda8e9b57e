package dev.twasm.validation;

import static dev.twasm.validation.OperandStack.UNKNOWN;
import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.AddressType;
import dev.twasm.model.BlockType;
import dev.twasm.model.FieldType;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.GlobalType;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Opcode;
import dev.twasm.model.TableType;
import dev.twasm.model.HeapType;
import dev.twasm.model.ValType;
import java.util.Arrays;

/**
 * Validates function bodies (spec §3.3 "Instructions", §3.4.1 "Functions") with the algorithm of
 * the spec's validation appendix (§A.3 "Validation Algorithm"): one streaming pass over the
 * instructions, an {@link OperandStack} of value types with {@code Unknown} for the polymorphic
 * stack, and a {@link ControlStack} of {@link ControlFrame}s. Time is linear in the body size
 * (times the arity of the types involved); no recursion, so nesting depth is not limited by the
 * Java stack.
 *
 * <p>Instructions with a fixed signature (numeric, conversion, load, store, and the atomic
 * instructions of the threads proposal but {@code atomic.fence}) are checked from
 * {@link Opcode#params()} and {@link Opcode#results()}; only the instructions whose typing depends
 * on immediates or on the stack have a case of their own.
 *
 * <p>Operands match by subtyping (Wasm 3.0 typed function references, {@link ValidationContext#matches}); a
 * reference popped from the polymorphic stack is {@link ValType#BOTTOM_REF}. Locals of
 * non-defaultable types (non-nullable references) must be set before they are read, and a
 * {@code local.set} inside a block counts only until its end (the appendix's {@code inits}).
 *
 * <p>Errors use the reference interpreter's wording. As there, immediates (indices, block types)
 * are checked before operands. A body whose {@code block}/{@code if}/{@code else}/{@code end}
 * structure does not nest is malformed rather than invalid (the binary format defines instructions
 * as properly nested), reported as the reference decoder does: "END opcode expected".
 *
 * <p>One instance validates any number of functions of one module, one after the other.
 */
final class FunctionValidator {

    private final ValidationContext context;
    private final OperandStack operands = new OperandStack();
    private final ControlStack controls = new ControlStack();
    private final ArrayInstructionValidator arrays;

    private CodeReader reader;
    private ValType[] locals;
    private ValType[] results;
    /**
     * Locals of non-defaultable types (non-nullable references) that are set (spec 3.0 §3.3.7
     * "Local instructions", the appendix's {@code inits}); the others are always set.
     */
    private boolean[] initialized;
    /** The locals set since the innermost control frame was entered, to be reset at its end. */
    private int[] initStack = new int[8];
    private int initHeight;
    /** Whether the body contains a tail call ({@link FunctionFacts#tailCalls}). */
    private boolean tailCalls;
    /** Whether the body contains an exception handling instruction ({@link FunctionFacts#exceptionHandling}). */
    private boolean exceptionHandling;
    /** Whether the body contains a {@code loop} ({@link FunctionFacts#loops}). */
    private boolean loops;

    FunctionValidator(ValidationContext context) {
        this.context = context;
        this.arrays = new ArrayInstructionValidator(context, this);
    }

    /**
     * Validates the body of the function with index {@code funcIndex} in the function index space.
     *
     * @throws InvalidModuleException with the function index and instruction offset as location
     * @throws MalformedModuleException when the body cannot be decoded
     */
    FunctionFacts validate(int funcIndex, Function function) {
        reader = new CodeReader(function.body());
        try {
            FuncType type = context.type(function.typeIndex());
            locals = localTypes(type, function.locals());
            results = type.results();
            initialized = new boolean[locals.length];
            for (int i = 0; i < locals.length; i++) {
                initialized[i] = i < type.paramCount() || context.checkValType(locals[i]).isDefaultable();
            }
            initHeight = 0;
            operands.reset();
            controls.reset();
            tailCalls = false;
            exceptionHandling = false;
            loops = false;
            pushControl(Opcode.BLOCK, new FuncType(new ValType[0], results));
            while (!controls.isEmpty()) {
                if (!reader.hasNext()) {
                    throw new MalformedModuleException("END opcode expected", reader.offset());
                }
                instruction(reader.next());
            }
            if (reader.hasNext()) {
                throw new MalformedModuleException("section size mismatch", reader.offset());
            }
        } catch (InvalidModuleException e) {
            throw e.location() != null ? e : new InvalidModuleException(e.reason(), location(funcIndex));
        }
        return new FunctionFacts(operands.maxHeight(), controls.maxDepth(), operands.pushedV128() || Arrays.asList(locals).contains(ValType.V128),
                        tailCalls, exceptionHandling, loops);
    }

    private String location(int funcIndex) {
        String name = context.module().names().functionName(funcIndex);
        int offset = reader.instructionOffset();
        return "in function " + funcIndex + (name != null ? " ($" + name + ")" : "") + " at byte offset " + offset + " (0x"
                        + Integer.toHexString(offset) + ")";
    }

    private static ValType[] localTypes(FuncType type, ValType[] declared) {
        ValType[] all = Arrays.copyOf(type.params(), type.paramCount() + declared.length);
        System.arraycopy(declared, 0, all, type.paramCount(), declared.length);
        return all;
    }

    // ---- the instructions (spec §3.3) ---------------------------------------------------------

    private void instruction(Opcode op) {
        switch (op) {
            case UNREACHABLE -> markUnreachable();
            case NOP -> {
            }
            case BLOCK, LOOP -> {
                FuncType type = blockType();
                popOperands(type.params());
                pushControl(op, type);
                loops |= op == Opcode.LOOP;
            }
            case IF -> {
                FuncType type = blockType();
                popOperand(ValType.I32);
                popOperands(type.params());
                pushControl(op, type);
            }
            case ELSE -> elseInstruction();
            case TRY, CATCH, CATCH_ALL, DELEGATE, THROW, THROW_REF, RETHROW, TRY_TABLE -> exceptionHandling(op);
            case END -> endInstruction();
            case BR -> {
                ValType[] label = labelTypes(reader.index());
                popOperands(label);
                markUnreachable();
            }
            case BR_IF -> {
                ValType[] label = labelTypes(reader.index());
                popOperand(ValType.I32);
                popOperands(label);
                pushOperands(label);
            }
            case BR_TABLE -> brTable();
            case RETURN -> {
                popOperands(results);
                markUnreachable();
            }
            case CALL -> call(context.functionType(reader.index()));
            case CALL_REF -> {
                int typeIndex = reader.index();
                FuncType type = context.type(typeIndex);
                popOperand(ValType.ref(true, typeIndex));
                call(type);
            }
            case RETURN_CALL_REF -> {
                int typeIndex = reader.index();
                FuncType type = context.type(typeIndex);
                popOperand(ValType.ref(true, typeIndex));
                returnCall(op, type);
            }
            case REF_AS_NON_NULL -> pushOperand(popReference().withNullable(false));
            case BR_ON_NULL -> {
                ValType[] label = labelTypes(reader.index());
                ValType t = popReference();
                popOperands(label);
                pushOperands(label);
                pushOperand(t.withNullable(false));
            }
            case BR_ON_NON_NULL -> brOnNonNull();
            case CALL_INDIRECT -> {
                FuncType type = indirectCallee(op);
                popOperand(context.table(reader.index2()).addressType().valType());
                call(type);
            }
            case RETURN_CALL -> returnCall(op, context.functionType(reader.index()));
            case RETURN_CALL_INDIRECT -> {
                FuncType type = indirectCallee(op);
                popOperand(context.table(reader.index2()).addressType().valType());
                returnCall(op, type);
            }
            case DROP -> popOperand();
            case SELECT -> select();
            case SELECT_T -> typedSelect();
            case LOCAL_GET -> {
                ValType t = local(reader.index());
                if (!initialized[reader.index()]) {
                    throw invalid("uninitialized local " + reader.index());
                }
                pushOperand(t);
            }
            case LOCAL_SET -> {
                popOperand(local(reader.index()));
                setLocal(reader.index());
            }
            case LOCAL_TEE -> {
                ValType t = local(reader.index());
                popOperand(t);
                setLocal(reader.index());
                pushOperand(t);
            }
            case GLOBAL_GET -> pushOperand(context.global(reader.index()).valType());
            case GLOBAL_SET -> {
                int globalIndex = reader.index();
                GlobalType global = context.global(globalIndex);
                if (!global.mutable()) {
                    throw invalid("global is immutable: global.set of immutable global " + globalIndex);
                }
                popOperand(global.valType());
            }
            case TABLE_GET -> {
                TableType table = context.table(reader.index());
                popOperand(address(table));
                pushOperand(table.elemType());
            }
            case TABLE_SET -> {
                TableType table = context.table(reader.index());
                popOperand(table.elemType());
                popOperand(address(table));
            }
            case TABLE_SIZE -> pushOperand(address(context.table(reader.index())));
            case TABLE_GROW -> {
                TableType table = context.table(reader.index());
                popOperand(address(table));
                popOperand(table.elemType());
                pushOperand(address(table));
            }
            case TABLE_FILL -> {
                TableType table = context.table(reader.index());
                popOperand(address(table));
                popOperand(table.elemType());
                popOperand(address(table));
            }
            case TABLE_COPY -> {
                TableType destination = context.table(reader.index());
                TableType source = context.table(reader.index2());
                if (!context.matches(source.elemType(), destination.elemType())) {
                    throw invalid("type mismatch: table.copy source element type " + source.elemType()
                                    + " does not match destination element type " + destination.elemType());
                }
                popOperand(AddressType.min(destination.addressType(), source.addressType()).valType());
                popOperand(address(source));
                popOperand(address(destination));
            }
            case TABLE_INIT -> {
                TableType table = context.table(reader.index2());
                ValType segmentType = context.elem(reader.index());
                if (!context.matches(segmentType, table.elemType())) {
                    throw invalid("type mismatch: element segment's type " + segmentType + " does not match table's element type "
                                    + table.elemType());
                }
                popOperand(ValType.I32);
                popOperand(ValType.I32);
                popOperand(address(table));
            }
            case ELEM_DROP -> context.elem(reader.index());
            case MEMORY_SIZE -> pushOperand(address(context.memory(reader.index())));
            case MEMORY_GROW -> {
                ValType address = address(context.memory(reader.index()));
                popOperand(address);
                pushOperand(address);
            }
            case MEMORY_FILL -> {
                ValType address = address(context.memory(reader.index()));
                popOperand(address);
                popOperand(ValType.I32);
                popOperand(address);
            }
            case MEMORY_COPY -> {
                MemoryType destination = context.memory(reader.index());
                MemoryType source = context.memory(reader.index2());
                popOperand(AddressType.min(destination.addressType(), source.addressType()).valType());
                popOperand(address(source));
                popOperand(address(destination));
            }
            case MEMORY_INIT -> {
                MemoryType memory = context.memory(reader.index2());
                context.data(reader.index());
                popOperand(ValType.I32);
                popOperand(ValType.I32);
                popOperand(address(memory));
            }
            case DATA_DROP -> context.data(reader.index());
            case I32_CONST -> pushOperand(ValType.I32);
            case I64_CONST -> pushOperand(ValType.I64);
            case F32_CONST -> pushOperand(ValType.F32);
            case F64_CONST -> pushOperand(ValType.F64);
            case REF_NULL -> pushOperand(context.checkValType(reader.refType()));
            case REF_IS_NULL -> {
                ValType t = popOperand();
                if (t != UNKNOWN && !t.isReference()) {
                    throw invalid("type mismatch: ref.is_null requires a reference type but stack has " + t);
                }
                pushOperand(ValType.I32);
            }
            case REF_FUNC -> {
                context.functionType(reader.index());
                context.requireDeclaredReference(reader.index());
                pushOperand(ValType.ref(false, context.module().functionTypeIndex(reader.index())));
            }
            case REF_EQ -> {
                popOperand(EQREF);
                popOperand(EQREF);
                pushOperand(ValType.I32);
            }
            case REF_I31 -> {
                popOperand(ValType.I32);
                pushOperand(ValType.ref(false, HeapType.I31));
            }
            case I31_GET_S, I31_GET_U -> {
                popOperand(ValType.ref(true, HeapType.I31));
                pushOperand(ValType.I32);
            }
            case REF_TEST, REF_TEST_NULL -> {
                castOperand();
                pushOperand(ValType.I32);
            }
            case REF_CAST, REF_CAST_NULL -> pushOperand(castOperand());
            case ANY_CONVERT_EXTERN -> convertReference(HeapType.EXTERN, HeapType.ANY);
            case EXTERN_CONVERT_ANY -> convertReference(HeapType.ANY, HeapType.EXTERN);
            // GC structs and casts to concrete types
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET -> structInstruction(op);
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast(op == Opcode.BR_ON_CAST_FAIL);
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET,
                            ARRAY_LEN, ARRAY_FILL, ARRAY_COPY, ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> arrays.instruction(op, reader);
            // threads: atomic.fence is [] -> [] (the other atomic instructions have fixed signatures)
            case ATOMIC_FENCE -> {
            }
            default -> fixedSignature(op);
        }
    }

    private static final ValType EQREF = ValType.ref(true, HeapType.EQ);

    /**
     * {@code ref.test rt} and {@code ref.cast rt} (spec 3.0 §3.4.2): pops a reference of
     * {@code rt}'s hierarchy (for a concrete type, the hierarchy of its kind), returns {@code rt}.
     */
    private ValType castOperand() {
        ValType t = context.checkValType(reader.refType());
        popOperand(ValType.ref(true, context.topHeapType(t)));
        return t;
    }

    /**
     * {@code struct.new}, {@code struct.new_default}, {@code struct.get(_s|_u)} and
     * {@code struct.set} (spec 3.0 §3.4.2 "Aggregate Instructions"), typed by
     * {@link StructTyping}: a new struct is a {@code (ref x)}; the others take a
     * {@code (ref null x)}, a field's value travels unpacked ({@code i32} for packed fields).
     */
    private void structInstruction(Opcode op) {
        int typeIndex = reader.index();
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DEFAULT -> {
                popOperands(StructTyping.newOperands(context, op, typeIndex));
                pushOperand(ValType.ref(false, typeIndex));
            }
            case STRUCT_SET -> {
                FieldType field = StructTyping.field(context, op, typeIndex, reader.index2());
                popOperand(field.unpacked());
                popOperand(ValType.ref(true, typeIndex));
            }
            default -> {
                FieldType field = StructTyping.field(context, op, typeIndex, reader.index2());
                popOperand(ValType.ref(true, typeIndex));
                pushOperand(field.unpacked());
            }
        }
    }

    /**
     * {@code br_on_cast l rt1 rt2} and {@code br_on_cast_fail l rt1 rt2} (spec 3.0 §3.4.8): the
     * target {@code rt2} must be a subtype of the source {@code rt1}; the operand, of {@code rt1},
     * goes to label {@code l} (which takes {@code [t* rt']}) as {@code rt2} when the cast succeeds
     * ({@code br_on_cast}) or as {@code rt1 \ rt2} when it fails ({@code br_on_cast_fail}, where
     * {@code \} drops null when {@code rt2} includes it), and otherwise stays as the other type.
     */
    private void brOnCast(boolean onFail) {
        ValType[] label = labelTypes(reader.index());
        ValType source = context.checkValType(reader.refType());
        ValType target = context.checkValType(reader.refType2());
        String mnemonic = reader.opcode().mnemonic();
        if (!context.matches(target, source)) {
            throw invalid("type mismatch: " + mnemonic + " to " + target + " is no subtype of its source type " + source);
        }
        ValType difference = source.withNullable(source.isNullable() && !target.isNullable());
        ValType branched = onFail ? difference : target;
        if (label.length == 0 || !context.matches(branched, label[label.length - 1])) {
            throw invalid("type mismatch: " + mnemonic + " passes " + branched + " but label " + reader.index() + " takes "
                            + FuncType.render(label));
        }
        popOperand(source);
        ValType[] below = Arrays.copyOf(label, label.length - 1);
        popOperands(below);
        pushOperands(below);
        pushOperand(onFail ? target : difference);
    }

    /**
     * {@code any.convert_extern} and {@code extern.convert_any} (spec 3.0 §3.4.2): from
     * {@code (ref null? from)} to {@code (ref null? to)}, keeping whether null is included (from
     * the polymorphic stack of unreachable code, non-null).
     */
    private void convertReference(HeapType from, HeapType to) {
        ValType t = popOperand(ValType.ref(true, from));
        pushOperand(ValType.ref(t != UNKNOWN && t.isNullable(), to));
    }

    /** Numeric, conversion, load and store instructions: their type is in the opcode table. */
    private void fixedSignature(Opcode op) {
        if (!op.hasFixedSignature()) {
            if (op.prefix() == Opcode.PREFIX_GC) {
                // decoded, but not implemented yet: rejected as the concrete casts are
                throw invalid(op.mnemonic() + " is not supported yet");
            }
            throw new IllegalStateException("no validation rule for " + op);
        }
        ValType[] params = op.params();
        if (op.isMemoryAccess()) {
            MemoryType memory = context.memory(reader.index());
            checkAlignment(op);
            if (Long.compareUnsigned(reader.memoryOffset(), memory.addressType().maxUnsigned()) > 0) {
                throw invalid("offset out of range");
            }
            if (memory.addressType().is64()) {
                // the address, the first operand of every load and store, has the memory's address type
                params = params.clone();
                params[0] = ValType.I64;
            }
        }
        switch (op.immediates()) {
            case LANE, MEMARG_LANE -> {
                if (reader.lane() >= op.laneCount()) {
                    throw invalid("invalid lane index " + reader.lane() + " (" + op.mnemonic() + " has " + op.laneCount() + " lanes)");
                }
            }
            case SHUFFLE -> {
                for (byte lane : reader.shuffleLanes()) {
                    if ((lane & 0xFF) >= 32) {
                        throw invalid("invalid lane index " + (lane & 0xFF) + " (i8x16.shuffle selects from 32 lanes)");
                    }
                }
            }
            default -> {
            }
        }
        popOperands(params);
        pushOperands(op.results());
    }

    /**
     * A memarg's alignment (spec §3.3.7 "Memory Instructions"): at most the access's natural
     * alignment, and for an atomic instruction exactly that (threads proposal: "atomic alignment
     * must be natural", as its reference interpreter says).
     */
    private void checkAlignment(Opcode op) {
        if (op.isAtomic() && reader.alignLog2() != op.naturalAlignmentLog2()) {
            throw invalid("atomic alignment must be natural");
        }
        if (reader.alignLog2() > op.naturalAlignmentLog2()) {
            throw invalid("alignment must not be larger than natural");
        }
    }

    /** The type of addresses and sizes of a memory ({@code i32} or, for memory64, {@code i64}). */
    private static ValType address(MemoryType memory) {
        return memory.addressType().valType();
    }

    /** The type of indices and sizes of a table ({@code i32} or, for table64, {@code i64}). */
    private static ValType address(TableType table) {
        return table.addressType().valType();
    }

    private FuncType blockType() {
        BlockType blockType = reader.blockType();
        if (blockType instanceof BlockType.TypeIndex index) {
            return context.type(index.index());
        }
        if (blockType instanceof BlockType.Value value) {
            context.checkValType(value.result());
        }
        return blockType.funcType(context.module());
    }

    private ValType local(int localIndex) {
        if (localIndex < 0 || localIndex >= locals.length) {
            throw invalid("unknown local " + Integer.toUnsignedString(localIndex));
        }
        return locals[localIndex];
    }

    private ValType[] labelTypes(int labelIndex) {
        if (!controls.hasLabel(labelIndex)) {
            throw invalid("unknown label " + Integer.toUnsignedString(labelIndex));
        }
        return controls.label(labelIndex).labelTypes();
    }

    private void call(FuncType type) {
        popOperands(type.params());
        pushOperands(type.results());
    }

    /** The type of {@code call_indirect}'s or {@code return_call_indirect}'s callee; its table must hold functions. */
    private FuncType indirectCallee(Opcode op) {
        TableType table = context.table(reader.index2());
        FuncType type = context.type(reader.index());
        if (!context.matches(table.elemType(), ValType.FUNCREF)) {
            throw invalid("type mismatch: " + op.mnemonic() + " requires a table of funcref but table " + reader.index2() + " has "
                            + table.elemType());
        }
        return type;
    }

    /**
     * {@code return_call} and {@code return_call_indirect} (Wasm 3.0, spec §3.3.8): the callee's
     * results become the function's own, so they must be the caller's results; like
     * {@code return}, the rest of the block is unreachable, its stack polymorphic.
     */
    private void returnCall(Opcode op, FuncType callee) {
        if (!context.matches(callee.results(), results)) {
            throw invalid("type mismatch: " + op.mnemonic() + " of a function returning " + FuncType.render(callee.results())
                            + " in a function returning " + FuncType.render(results));
        }
        popOperands(callee.params());
        tailCalls = true;
        markUnreachable();
    }

    // ---- exception handling (Wasm 3.0 §3.3.8, and the legacy instructions of its appendix) ------

    private void exceptionHandling(Opcode op) {
        exceptionHandling = true;
        switch (op) {
            case THROW -> {
                popOperands(context.tag(reader.index()).params());
                markUnreachable();
            }
            case THROW_REF -> {
                popOperand(ValType.EXNREF);
                markUnreachable();
            }
            case TRY_TABLE -> {
                FuncType type = blockType();
                checkCatchClauses();
                popOperands(type.params());
                pushControl(op, type);
            }
            case TRY -> {
                FuncType type = blockType();
                popOperands(type.params());
                pushControl(op, type);
            }
            case CATCH -> {
                FuncType tag = context.tag(reader.index());
                ControlFrame frame = legacyHandlerOpens(true);
                controls.push(new ControlFrame(Opcode.CATCH, frame.type, operands.height(), initHeight));
                pushOperands(tag.params());
            }
            case CATCH_ALL -> {
                ControlFrame frame = legacyHandlerOpens(true);
                controls.push(new ControlFrame(Opcode.CATCH_ALL, frame.type, operands.height(), initHeight));
            }
            case DELEGATE -> {
                // ends the try; its label is of the enclosing blocks (0: the innermost block around the try)
                ControlFrame frame = legacyHandlerOpens(false);
                labelTypes(reader.index());
                pushOperands(frame.endTypes());
            }
            case RETHROW -> {
                int label = reader.index();
                labelTypes(label);
                Opcode target = controls.label(label).opcode;
                if (target != Opcode.CATCH && target != Opcode.CATCH_ALL) {
                    throw invalid("invalid rethrow label " + Integer.toUnsignedString(label) + ": rethrow must name a catch or catch_all");
                }
                markUnreachable();
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    /**
     * The catch clauses of {@code try_table} are checked in the context outside it: each clause's
     * label must take what the clause passes, the tag's values and, for the {@code _ref} forms,
     * a {@code (ref exn)}.
     */
    private void checkCatchClauses() {
        Opcode.CatchKind[] kinds = reader.catchKinds();
        int[] tags = reader.catchTags();
        int[] labels = reader.labels();
        for (int i = 0; i < kinds.length; i++) {
            ValType[] values = kinds[i].hasTag() ? context.tag(tags[i]).params() : new ValType[0];
            if (kinds[i].passesReference()) {
                values = Arrays.copyOf(values, values.length + 1);
                values[values.length - 1] = ValType.ref(false, HeapType.EXN); // a caught exception is never null
            }
            ValType[] label = labelTypes(labels[i]);
            if (!context.matches(values, label)) {
                throw invalid("type mismatch: " + kinds[i].keyword() + " clause passes " + FuncType.render(values) + " but label "
                                + Integer.toUnsignedString(labels[i]) + " takes " + FuncType.render(label));
            }
        }
    }

    /**
     * Closes the innermost legacy {@code try} or handler for a following {@code catch} or
     * {@code catch_all} ({@code fromHandler}: after a {@code catch} too), or for {@code delegate},
     * checking its results; returns the closed frame. Anything else there does not nest, and is
     * malformed like a misplaced {@code else}.
     */
    private ControlFrame legacyHandlerOpens(boolean fromHandler) {
        Opcode open = controls.top().opcode;
        if (open != Opcode.TRY && !(fromHandler && open == Opcode.CATCH)) {
            throw new MalformedModuleException("END opcode expected", reader.instructionOffset());
        }
        return popControl();
    }

    private void elseInstruction() {
        ControlFrame frame = controls.top();
        if (frame.opcode != Opcode.IF) {
            throw new MalformedModuleException("END opcode expected", reader.instructionOffset());
        }
        popControl();
        pushControl(Opcode.ELSE, frame.type);
    }

    private void endInstruction() {
        ControlFrame frame = popControl();
        if (frame.opcode == Opcode.IF && !context.matches(frame.startTypes(), frame.endTypes())) {
            // An if without else behaves as if its else branch were empty: it must pass its parameters through.
            throw invalid("type mismatch: if without else requires " + FuncType.render(frame.endTypes()) + " but its parameters are "
                            + FuncType.render(frame.startTypes()));
        }
        if (!controls.isEmpty()) {
            pushOperands(frame.endTypes());
        }
    }

    /**
     * {@code br_table}: every target must take the same number of values, each type-compatible with
     * the operands (spec §3.3.8; the appendix's algorithm, checking each target against the operand
     * types so that after {@code unreachable} targets with different types are allowed).
     */
    private void brTable() {
        int[] labels = reader.labels();
        ValType[] defaultTypes = labelTypes(reader.defaultLabel());
        for (int label : labels) {
            labelTypes(label);
        }
        popOperand(ValType.I32);
        int arity = defaultTypes.length;
        for (int label : labels) {
            ValType[] types = labelTypes(label);
            if (types.length != arity) {
                throw invalid("type mismatch: br_table targets carry " + FuncType.render(types) + " and " + FuncType.render(defaultTypes));
            }
            for (int i = 0; i < arity; i++) {
                ValType actual = peekOperand(arity - 1 - i, types[i]);
                if (actual != UNKNOWN && !context.matches(actual, types[i])) {
                    throw mismatch(types[i], actual);
                }
            }
        }
        popOperands(defaultTypes);
        markUnreachable();
    }

    /** Untyped {@code select}: both operands of one numeric (or vector) type. */
    private void select() {
        popOperand(ValType.I32);
        ValType t1 = popOperand();
        ValType t2 = popOperand();
        boolean numeric = isNumericOrUnknown(t1) && isNumericOrUnknown(t2);
        boolean vector = isVectorOrUnknown(t1) && isVectorOrUnknown(t2);
        if (!numeric && !vector) {
            throw invalid("type mismatch: select without type annotation requires numeric operands but stack has "
                            + (t1 != UNKNOWN && !t1.isNumeric() ? t1 : t2));
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
            throw mismatch(t1, t2);
        }
        pushOperand(t1 == UNKNOWN ? t2 : t1);
    }

    private static boolean isNumericOrUnknown(ValType t) {
        return t == UNKNOWN || t.isNumeric();
    }

    private static boolean isVectorOrUnknown(ValType t) {
        return t == UNKNOWN || t == ValType.V128;
    }

    private void typedSelect() {
        ValType[] types = reader.selectTypes();
        if (types.length != 1) {
            throw invalid("invalid result arity");
        }
        ValType t = context.checkValType(types[0]);
        popOperand(ValType.I32);
        popOperand(t);
        popOperand(t);
        pushOperand(t);
    }

    // ---- the operand and control stacks (spec §A.3) ----------------------------------------------

    void pushOperand(ValType type) {
        operands.push(type);
    }

    private void pushOperands(ValType[] types) {
        for (ValType t : types) {
            operands.push(t);
        }
    }

    /** {@code pop_val()}: the top operand, or Unknown from the polymorphic stack of unreachable code. */
    private ValType popOperand() {
        ControlFrame frame = controls.top();
        if (operands.height() == frame.height) {
            if (frame.unreachable) {
                return UNKNOWN;
            }
            throw invalid("type mismatch: instruction requires an operand but stack has []");
        }
        return operands.pop();
    }

    /** {@code pop_val(expect)}: pops an operand of type {@code expected} (or Unknown). */
    ValType popOperand(ValType expected) {
        ControlFrame frame = controls.top();
        if (operands.height() == frame.height) {
            if (frame.unreachable) {
                return UNKNOWN;
            }
            throw invalid("type mismatch: instruction requires [" + expected + "] but stack has []");
        }
        ValType actual = operands.pop();
        if (actual != expected && actual != UNKNOWN && !context.matches(actual, expected)) {
            throw mismatch(expected, actual);
        }
        return actual;
    }

    /** {@code pop_ref()}: a reference operand; from the polymorphic stack {@code (ref bot)}. */
    private ValType popReference() {
        ValType t = popOperand();
        if (t == UNKNOWN) {
            return ValType.BOTTOM_REF;
        }
        if (!t.isReference()) {
            throw invalid("type mismatch: instruction requires a reference but stack has [" + t + "]");
        }
        return t;
    }

    /**
     * {@code br_on_non_null l}: the label takes {@code [t* rt]} with a reference type {@code rt};
     * the operand {@code (ref null ht)} goes to it as {@code (ref ht)} when not null, else is dropped.
     */
    private void brOnNonNull() {
        ValType[] label = labelTypes(reader.index());
        if (label.length == 0 || !label[label.length - 1].isReference()) {
            throw invalid("type mismatch: br_on_non_null requires a label whose last value is a reference, but label "
                            + reader.index() + " takes " + FuncType.render(label));
        }
        ValType t = popReference();
        pushOperand(t.withNullable(false));
        popOperands(label);
        pushOperands(Arrays.copyOf(label, label.length - 1));
    }

    /** {@code local.set} and {@code local.tee} initialise a non-defaultable local until the end of the innermost block. */
    private void setLocal(int localIndex) {
        if (!initialized[localIndex]) {
            initialized[localIndex] = true;
            if (initHeight == initStack.length) {
                initStack = Arrays.copyOf(initStack, initHeight * 2);
            }
            initStack[initHeight++] = localIndex;
        }
    }

    /** Pops operands of the given types, the last type first. */
    private void popOperands(ValType[] expected) {
        for (int i = expected.length - 1; i >= 0; i--) {
            popOperand(expected[i]);
        }
    }

    /** The operand {@code depth} below the top without popping; Unknown below a polymorphic frame. */
    private ValType peekOperand(int depth, ValType expected) {
        ControlFrame frame = controls.top();
        if (operands.height() - depth > frame.height) {
            return operands.peek(depth);
        }
        if (frame.unreachable) {
            return UNKNOWN;
        }
        throw invalid("type mismatch: instruction requires [" + expected + "] but stack has []");
    }

    private static InvalidModuleException mismatch(ValType expected, ValType actual) {
        return invalid("type mismatch: instruction requires [" + expected + "] but stack has [" + actual + "]");
    }

    /** {@code push_ctrl}: enters a structured instruction whose parameters were already popped. */
    private void pushControl(Opcode opcode, FuncType type) {
        for (ValType t : type.params()) {
            context.checkValType(t);
        }
        for (ValType t : type.results()) {
            context.checkValType(t);
        }
        controls.push(new ControlFrame(opcode, type, operands.height(), initHeight));
        pushOperands(type.params());
    }

    /** {@code pop_ctrl}: leaves a structured instruction, checking its results are exactly on the stack. */
    private ControlFrame popControl() {
        ControlFrame frame = controls.top();
        ValType[] endTypes = frame.endTypes();
        int expectedHeight = frame.height + endTypes.length;
        if (operands.height() > expectedHeight || (operands.height() < expectedHeight && !frame.unreachable)) {
            // the reference interpreter's words: too many values are the block's fault, too few the end's
            throw invalid("type mismatch: " + (operands.height() > expectedHeight ? "block" : "instruction") + " requires "
                            + FuncType.render(endTypes) + " but stack has " + operands.describe(frame.height));
        }
        popOperands(endTypes);
        controls.pop();
        while (initHeight > frame.initHeight) {
            initialized[initStack[--initHeight]] = false;
        }
        return frame;
    }

    /** {@code unreachable()}: the rest of the current frame has a polymorphic stack. */
    private void markUnreachable() {
        ControlFrame frame = controls.top();
        operands.truncate(frame.height);
        frame.unreachable = true;
    }
}
