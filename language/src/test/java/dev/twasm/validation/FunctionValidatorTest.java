package dev.twasm.validation;

import static dev.twasm.model.Opcode.*;
import static dev.twasm.model.ValType.*;
import static dev.twasm.validation.Code.VOID;
import static dev.twasm.validation.TestModule.NONE;
import static dev.twasm.validation.TestModule.module;
import static dev.twasm.validation.TestModule.returns;
import static dev.twasm.validation.TestModule.sig;
import static dev.twasm.validation.TestModule.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.FuncType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Function bodies (spec §3.3, §A.3). Most cases are ported from the official test scripts
 * (unreached-invalid.wast, unreached-valid.wast, block.wast, loop.wast, if.wast, br_table.wast,
 * select.wast, call_indirect.wast, memory_*.wast, table_*.wast, ref_func.wast, ...), named after
 * the functions there.
 */
class FunctionValidatorTest {
    private static final FuncType VOID_TYPE = returns();

    /** A module with one memory, one funcref table and the function (type index 0) under test. */
    private static TestModule fn(FuncType type, Object... code) {
        return module().memory(1).table(FUNCREF, 1).func(type, code);
    }

    private static void valid(FuncType type, Object... code) {
        fn(type, code).assertValid();
    }

    private static void invalid(String message, FuncType type, Object... code) {
        fn(type, code).assertInvalid(message);
    }

    /** Instructions that push one value of type {@code t}. */
    private static Object[] constant(ValType t) {
        return switch (t.kind()) {
            case I32 -> new Object[]{I32_CONST, 0};
            case I64 -> new Object[]{I64_CONST, 0L};
            case F32 -> new Object[]{F32_CONST, 0f};
            case F64 -> new Object[]{F64_CONST, 0d};
            case REF -> new Object[]{REF_NULL, t};
            case V128 -> new Object[]{V128_CONST, new byte[16]};
        };
    }

    private static ValType otherThan(ValType t) {
        return t == I32 ? I64 : I32;
    }

    // ---- fixed-signature instructions, all of them -------------------------------------------------

    @Test
    void everyFixedSignatureInstructionIsTypedByItsSignature() {
        int checked = 0;
        for (Opcode op : Opcode.values()) {
            if (!op.hasFixedSignature()) {
                continue;
            }
            List<Object> ok = new ArrayList<>();
            for (ValType p : op.params()) {
                ok.addAll(List.of(constant(p)));
            }
            ok.add(op);
            ok.addAll(validImmediates(op));
            FuncType type = returns(op.results());
            fn(type, concat(ok, END)).assertValid();

            if (op.params().length > 0) {
                // wrong type for the first operand
                List<Object> wrong = new ArrayList<>();
                for (int i = 0; i < op.params().length; i++) {
                    wrong.addAll(List.of(constant(i == 0 ? otherThan(op.params()[0]) : op.params()[i])));
                }
                wrong.addAll(ok.subList(ok.indexOf(op), ok.size()));
                fn(type, concat(wrong, END)).assertInvalid("type mismatch");

                // missing operand
                List<Object> missing = new ArrayList<>(ok.subList(ok.indexOf(op), ok.size()));
                fn(type, concat(missing, END)).assertInvalid("type mismatch");
            }

            // result of the wrong type
            if (op.results().length == 1) {
                fn(returns(otherThan(op.results()[0])), concat(ok, END)).assertInvalid("type mismatch");
            }
            checked++;
        }
        assertTrue(checked > 150, "only " + checked + " instructions have fixed signatures");
    }

    /** Immediates that make {@code op} valid: a natural memarg, lane 0, 16 zero bytes. */
    private static List<Object> validImmediates(Opcode op) {
        return switch (op.immediates()) {
            case MEMARG -> List.of(op.naturalAlignmentLog2(), 0);
            case MEMARG_LANE -> List.of(op.naturalAlignmentLog2(), 0, 0);
            case LANE -> List.of(0);
            case V128, SHUFFLE -> List.of(new byte[16]);
            default -> List.of();
        };
    }

    private static Object[] concat(List<Object> parts, Object... more) {
        List<Object> all = new ArrayList<>(parts);
        all.addAll(List.of(more));
        return all.toArray();
    }

    @Test
    void constantsPushTheirType() {
        valid(returns(I32), I32_CONST, -1, END);
        valid(returns(I64), I64_CONST, Long.MIN_VALUE, END);
        valid(returns(F32), F32_CONST, 1.5f, END);
        valid(returns(F64), F64_CONST, 2.5d, END);
        invalid("type mismatch", returns(I32), I64_CONST, 0L, END);
        invalid("type mismatch", returns(F64), F32_CONST, 0f, END);
    }

    @Test
    void nopAndDrop() {
        valid(VOID_TYPE, NOP, I32_CONST, 1, DROP, END);
        valid(VOID_TYPE, REF_NULL, EXTERNREF, DROP, END);
        invalid("type mismatch", VOID_TYPE, DROP, END);
        // block.wast $type-value-empty-vs-num via drop of nothing in a block
        invalid("type mismatch", VOID_TYPE, I32_CONST, 1, BLOCK, VOID, DROP, END, DROP, END);
    }

    // ---- memory access ------------------------------------------------------------------------

    @Test
    void alignmentMustNotBeLargerThanNatural() {
        for (Opcode op : Opcode.values()) {
            // an atomic access's alignment must be exactly natural: ThreadsValidationTest
            if (!op.isMemoryAccess() || op.isAtomic()) {
                continue;
            }
            List<Object> body = new ArrayList<>();
            for (ValType p : op.params()) {
                body.addAll(List.of(constant(p)));
            }
            body.add(op);
            body.add(op.naturalAlignmentLog2() + 1);
            body.add(0);
            if (op.immediates() == Opcode.Immediates.MEMARG_LANE) {
                body.add(0);
            }
            for (int i = 0; i < op.results().length; i++) {
                body.add(DROP);
            }
            body.add(END);
            invalid("alignment must not be larger than natural", VOID_TYPE, body.toArray());
            // smaller alignment is fine
            body.set(body.indexOf(op) + 1, 0);
            valid(VOID_TYPE, body.toArray());
        }
        // align.wast: i64.load with align 2^4 (exponent 4) and a large offset is fine once align is natural
        valid(VOID_TYPE, I32_CONST, 0, I64_LOAD, 3, 0xFFFF_FFFFL, DROP, END);
    }

    @Test
    void memoryInstructionsNeedMemoryZero() {
        FuncType t = VOID_TYPE;
        module().func(t, I32_CONST, 0, I32_LOAD, 2, 0, DROP, END).assertInvalid("unknown memory 0");
        module().func(t, I32_CONST, 0, I32_CONST, 0, I32_STORE8, 0, 0, END).assertInvalid("unknown memory");
        module().func(t, MEMORY_SIZE, 0, DROP, END).assertInvalid("unknown memory");
        module().func(t, I32_CONST, 1, MEMORY_GROW, 0, DROP, END).assertInvalid("unknown memory");
        module().func(t, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_FILL, 0, END).assertInvalid("unknown memory 0");
        module().func(t, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_COPY, 0, 0, END).assertInvalid("unknown memory 0");
        module().passiveData().func(t, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_INIT, 0, 0, END)
                        .assertInvalid("unknown memory 0");
        // an imported memory is memory 0 too
        module().importMemory(1, 2).func(returns(I32), MEMORY_SIZE, 0, END).assertValid();
    }

    @Test
    void bulkMemoryInstructions() {
        valid(returns(I32), MEMORY_SIZE, 0, END);
        valid(returns(I32), I32_CONST, 1, MEMORY_GROW, 0, END);
        invalid("type mismatch", returns(I32), I64_CONST, 1L, MEMORY_GROW, 0, END);
        valid(VOID_TYPE, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_FILL, 0, END);
        // memory_fill.wast: each operand in turn of the wrong type
        invalid("type mismatch", VOID_TYPE, I32_CONST, 0, I32_CONST, 0, F32_CONST, 0f, MEMORY_FILL, 0, END);
        invalid("type mismatch", VOID_TYPE, I32_CONST, 0, I64_CONST, 0L, I32_CONST, 0, MEMORY_FILL, 0, END);
        invalid("type mismatch", VOID_TYPE, F64_CONST, 0d, I32_CONST, 0, I32_CONST, 0, MEMORY_FILL, 0, END);
        invalid("type mismatch", VOID_TYPE, I32_CONST, 0, I32_CONST, 0, MEMORY_COPY, 0, 0, END);
        valid(VOID_TYPE, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_COPY, 0, 0, END);
    }

    @Test
    void memoryInitAndDataDropNeedTheDataSegment() {
        Object[] init = {I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, MEMORY_INIT, 1, 0, END};
        module().memory(1).passiveData().func(VOID_TYPE, init).assertInvalid("unknown data segment 1");
        module().memory(1).passiveData().passiveData().func(VOID_TYPE, init).assertValid();
        module().memory(1).func(VOID_TYPE, DATA_DROP, 0, END).assertInvalid("unknown data segment 0");
        module().memory(1).passiveData().func(VOID_TYPE, DATA_DROP, 0, END).assertValid();
        // the data count section, when present, is what counts
        module().memory(1).dataCount(2).passiveData().passiveData().func(VOID_TYPE, DATA_DROP, 1, END).assertValid();
        module().memory(1).dataCount(0).func(VOID_TYPE, DATA_DROP, 0, END).assertInvalid("unknown data segment");
        // memory_init.wast: operand of the wrong type
        module().memory(1).passiveData().func(VOID_TYPE, I32_CONST, 0, I32_CONST, 0, F32_CONST, 0f, MEMORY_INIT, 0, 0, END)
                        .assertInvalid("type mismatch");
    }

    // ---- variables ----------------------------------------------------------------------------

    @Test
    void locals() {
        FuncType t = sig(types(I32, I64), I64);
        module().funcWithLocals(t, types(F32), LOCAL_GET, 1, END).assertValid();
        module().funcWithLocals(t, types(F32), F32_CONST, 1f, LOCAL_SET, 2, LOCAL_GET, 1, END).assertValid();
        module().funcWithLocals(t, types(F32), F32_CONST, 1f, LOCAL_TEE, 2, DROP, LOCAL_GET, 1, END).assertValid();
        module().funcWithLocals(t, types(F32), LOCAL_GET, 3, END).assertInvalid("unknown local 3");
        module().funcWithLocals(t, types(F32), I64_CONST, 0L, LOCAL_SET, 3, LOCAL_GET, 1, END).assertInvalid("unknown local");
        module().funcWithLocals(t, types(F32), I64_CONST, 0L, LOCAL_SET, 2, LOCAL_GET, 1, END).assertInvalid("type mismatch");
        module().funcWithLocals(t, types(F32), LOCAL_GET, 0, END).assertInvalid("type mismatch");
        module().funcWithLocals(t, types(F32), I32_CONST, 0, LOCAL_TEE, 2, DROP, LOCAL_GET, 1, END).assertInvalid("type mismatch");
        // local_tee.wast $type-mixed-arg-num-vs-num: tee returns the local's type
        module().funcWithLocals(t, types(F32), F32_CONST, 0f, LOCAL_TEE, 2, LOCAL_SET, 0, LOCAL_GET, 1, END)
                        .assertInvalid("type mismatch");
        // local_set.wast $type-arg-empty-vs-num
        module().funcWithLocals(VOID_TYPE, types(I32), LOCAL_SET, 0, END).assertInvalid("type mismatch");
        // unreached-invalid.wast $local-index
        module().func(VOID_TYPE, UNREACHABLE, LOCAL_GET, 0, DROP, END).assertInvalid("unknown local");
        // an index beyond int range is clamped by the reader and still unknown
        module().func(VOID_TYPE, LOCAL_GET, 0xFFFF_FFFFL, DROP, END).assertInvalid("unknown local");
    }

    @Test
    void globals() {
        TestModule m = module().importGlobal(I32, false).global(F64, true, F64_CONST, 0d, END);
        m.func(returns(I32), GLOBAL_GET, 0, END).assertValid();
        module().importGlobal(I32, false).global(F64, true, F64_CONST, 0d, END)
                        .func(VOID_TYPE, F64_CONST, 1d, GLOBAL_SET, 1, END).assertValid();
        module().importGlobal(I32, false).func(VOID_TYPE, I32_CONST, 1, GLOBAL_SET, 0, END).assertInvalid("global is immutable");
        module().global(I32, false, I32_CONST, 0, END).func(VOID_TYPE, I32_CONST, 1, GLOBAL_SET, 0, END)
                        .assertInvalid("global is immutable");
        module().global(F64, true, F64_CONST, 0d, END).func(VOID_TYPE, I32_CONST, 1, GLOBAL_SET, 0, END).assertInvalid("type mismatch");
        module().global(F64, true, F64_CONST, 0d, END).func(returns(I32), GLOBAL_GET, 0, END).assertInvalid("type mismatch");
        module().func(returns(I32), GLOBAL_GET, 0, END).assertInvalid("unknown global 0");
        module().importGlobal(I32, true).func(VOID_TYPE, I32_CONST, 0, GLOBAL_SET, 1, END).assertInvalid("unknown global 1");
        // unreached-invalid.wast $global-index
        module().func(VOID_TYPE, UNREACHABLE, GLOBAL_GET, 0, DROP, END).assertInvalid("unknown global");
    }

    // ---- blocks, loops, if ----------------------------------------------------------------------

    @Test
    void blocks() {
        valid(VOID_TYPE, BLOCK, VOID, END, END);
        valid(returns(I32), BLOCK, I32, I32_CONST, 7, END, END);
        // block.wast $type-value-num-vs-void
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, I32_CONST, 1, END, END);
        // block.wast $type-value-empty-vs-num
        invalid("type mismatch", returns(I32), BLOCK, I32, END, END);
        // block.wast $type-value-num-vs-num
        invalid("type mismatch", returns(I32), BLOCK, I32, F32_CONST, 0f, END, END);
        // block.wast $type-value-nums-vs-num (two values for one result)
        invalid("type mismatch", returns(I32), BLOCK, I32, I32_CONST, 1, I32_CONST, 2, END, END);
        // a block cannot reach the operands outside it
        invalid("type mismatch", VOID_TYPE, I32_CONST, 1, BLOCK, VOID, DROP, END, END);
        // the outer operands are still there after the block
        valid(returns(I32), I32_CONST, 1, BLOCK, VOID, END, END);
    }

    @Test
    void multiValueBlocksWithParams() {
        FuncType binary = sig(types(I32, I32), I32);
        FuncType pair = sig(NONE, I32, I64);
        // type 0: [i32 i32] -> [i32], type 1: [] -> [i32 i64], function type 2
        module().type(binary).type(pair)
                        .func(returns(I32), I32_CONST, 1, I32_CONST, 2, BLOCK, 0, I32_ADD, END, END).assertValid();
        module().type(binary).type(pair)
                        .func(returns(I32), I32_CONST, 1, BLOCK, 0, I32_ADD, END, END).assertInvalid("type mismatch");
        module().type(binary).type(pair)
                        .func(returns(I32), I64_CONST, 1L, I32_CONST, 2, BLOCK, 0, I32_ADD, END, END).assertInvalid("type mismatch");
        module().type(binary).type(pair)
                        .func(returns(I64), BLOCK, 1, I32_CONST, 1, I64_CONST, 2L, END, I64_CONST, 3L, I64_ADD, LOCAL_SET, 0, DROP,
                                        I64_CONST, 0L, END)
                        .assertInvalid("unknown local");
        module().type(binary).type(pair)
                        .funcWithLocals(returns(I64), types(I64), BLOCK, 1, I32_CONST, 1, I64_CONST, 2L, END, LOCAL_SET, 0, DROP,
                                        LOCAL_GET, 0, END)
                        .assertValid();
        // results in the wrong order
        module().type(binary).type(pair)
                        .func(VOID_TYPE, BLOCK, 1, I64_CONST, 2L, I32_CONST, 1, END, DROP, DROP, END).assertInvalid("type mismatch");
        // a loop with parameters: br goes back with the parameters
        module().type(binary).type(sig(types(I32), I32))
                        .func(returns(I32), I32_CONST, 1, LOOP, 1, I32_CONST, 1, I32_ADD, I32_CONST, 0, BR_IF, 0, END, END).assertValid();
        module().type(sig(types(I32), I32))
                        .func(returns(I32), I32_CONST, 1, LOOP, 0, DROP, BR, 0, END, END).assertInvalid("type mismatch");
        // nested blocks with params pass values through
        module().type(sig(types(I32), I32))
                        .func(returns(I32), I32_CONST, 1, BLOCK, 0, BLOCK, 0, BLOCK, 0, END, END, END, END).assertValid();
        // block type index out of range
        invalid("unknown type", VOID_TYPE, BLOCK, 5, END, END);
        invalid("unknown type", VOID_TYPE, I32_CONST, 0, IF, 3, END, END);
        invalid("unknown type", VOID_TYPE, LOOP, 1, END, END);
    }

    @Test
    void loops() {
        valid(VOID_TYPE, LOOP, VOID, END, END);
        valid(returns(I32), LOOP, I32, I32_CONST, 1, END, END);
        // a branch to a loop carries the loop's parameters (none), not its results
        valid(returns(I32), LOOP, I32, BR, 0, END, END);
        valid(returns(I32), LOOP, I32, I32_CONST, 1, BR, 0, I32_CONST, 1, END, END);
        invalid("type mismatch", returns(I32), LOOP, I32, I32_CONST, 1, BR, 0, I64_CONST, 1L, END, END);
        valid(returns(I32), BLOCK, I32, LOOP, I32, I32_CONST, 1, BR, 1, END, END, END);
        // loop.wast $type-value-num-vs-num
        invalid("type mismatch", returns(I32), LOOP, I32, F32_CONST, 0f, END, END);
    }

    @Test
    void ifThenElse() {
        valid(VOID_TYPE, I32_CONST, 1, IF, VOID, END, END);
        valid(returns(I32), I32_CONST, 1, IF, I32, I32_CONST, 1, ELSE, I32_CONST, 2, END, END);
        // if.wast $type-condition-empty
        invalid("type mismatch", VOID_TYPE, IF, VOID, END, END);
        // if.wast $type-condition-num-vs-num
        invalid("type mismatch", VOID_TYPE, I64_CONST, 1L, IF, VOID, END, END);
        // if.wast $type-then-value-empty-vs-num (without else the result cannot come from anywhere)
        invalid("type mismatch", returns(I32), I32_CONST, 1, IF, I32, I32_CONST, 1, END, END);
        // if.wast $type-else-value-empty-vs-num
        invalid("type mismatch", returns(I32), I32_CONST, 1, IF, I32, I32_CONST, 1, ELSE, END, END);
        // if.wast $type-else-value-num-vs-num
        invalid("type mismatch", returns(I32), I32_CONST, 1, IF, I32, I32_CONST, 1, ELSE, I64_CONST, 1L, END, END);
        // if.wast $type-then-value-num-vs-void
        invalid("type mismatch", VOID_TYPE, I32_CONST, 1, IF, VOID, I32_CONST, 1, END, END);
        // if.wast $type-else-value-unreached-select
        valid(returns(I32), I32_CONST, 1, IF, I32, UNREACHABLE, ELSE, I32_CONST, 2, END, END);
    }

    @Test
    void ifWithoutElseMustPassItsParametersThrough() {
        FuncType same = sig(types(I32), I32);
        FuncType differ = sig(types(I32), I64);
        module().type(same).func(returns(I32), I32_CONST, 5, I32_CONST, 1, IF, 0, I32_CONST, 1, I32_ADD, END, END).assertValid();
        module().type(same).func(returns(I32), I32_CONST, 5, I32_CONST, 1, IF, 0, END, END).assertValid();
        module().type(differ).func(returns(I64), I32_CONST, 5, I32_CONST, 1, IF, 0, I64_EXTEND_I32_U, END, END)
                        .assertInvalid("type mismatch");
        module().type(differ)
                        .func(returns(I64), I32_CONST, 5, I32_CONST, 1, IF, 0, I64_EXTEND_I32_U, ELSE, I64_EXTEND_I32_S, END, END)
                        .assertValid();
        // the condition is popped before the parameters
        module().type(same).func(returns(I32), I32_CONST, 1, I32_CONST, 5, F32_CONST, 1f, IF, 0, END, END).assertInvalid("type mismatch");
    }

    @Test
    void elseAndEndMustNest() {
        assertThrows(MalformedModuleException.class, () -> Validator.validate(fn(VOID_TYPE, ELSE, END).build()));
        assertThrows(MalformedModuleException.class,
                        () -> Validator.validate(fn(VOID_TYPE, BLOCK, VOID, ELSE, END, END).build()));
        assertThrows(MalformedModuleException.class,
                        () -> Validator.validate(fn(VOID_TYPE, I32_CONST, 0, IF, VOID, ELSE, ELSE, END, END).build()));
        // missing end of the function body
        assertThrows(MalformedModuleException.class, () -> Validator.validate(fn(VOID_TYPE, BLOCK, VOID, END).build()));
        assertThrows(MalformedModuleException.class, () -> Validator.validate(fn(VOID_TYPE, NOP).build()));
        // code after the function's end
        assertThrows(MalformedModuleException.class, () -> Validator.validate(fn(VOID_TYPE, END, NOP).build()));
        // an opcode that does not exist
        assertThrows(MalformedModuleException.class, () -> Validator.validate(fn(VOID_TYPE, new byte[]{(byte) 0xFF}, END).build()));
    }

    // ---- branches -------------------------------------------------------------------------------

    @Test
    void branches() {
        valid(VOID_TYPE, BLOCK, VOID, BR, 0, END, END);
        valid(VOID_TYPE, BR, 0, END);
        valid(returns(I32), I32_CONST, 1, BR, 0, END);
        valid(returns(I32), BLOCK, I32, I32_CONST, 1, I32_CONST, 0, BR_IF, 0, END, END);
        // br.wast $type-arg-num-vs-num
        invalid("type mismatch", returns(I32), BLOCK, I32, I64_CONST, 1L, BR, 0, END, END);
        // br.wast $type-arg-empty-vs-num
        invalid("type mismatch", returns(I32), BLOCK, I32, BR, 0, I32_CONST, 1, END, END);
        // unknown labels: br.wast $unbound-label, $large-label
        invalid("unknown label 1", VOID_TYPE, BR, 1, END);
        invalid("unknown label", VOID_TYPE, BLOCK, VOID, BR, 2, END, END);
        invalid("unknown label", VOID_TYPE, BR, 0x1000_0001, END);
        invalid("unknown label", VOID_TYPE, I32_CONST, 0, BR_IF, 1, END);
        // br_if.wast $type-false-arg-void-vs-num: br_if leaves the label's values on the stack
        invalid("type mismatch", returns(I32), BLOCK, I32, I32_CONST, 0, BR_IF, 0, I32_CONST, 1, END, END);
        valid(returns(I32), BLOCK, I32, I32_CONST, 1, I32_CONST, 0, BR_IF, 0, END, END);
        // br_if.wast $type-cond-num-vs-num
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, F32_CONST, 0f, BR_IF, 0, END, END);
        // br_if pushes the label's types, not what it popped: unreached-invalid.wast $type-br_if-after-unreachable
        invalid("type mismatch", returns(I64), UNREACHABLE, BR_IF, 0, I64_EXTEND_I32_U, END);
    }

    @Test
    void returnInstruction() {
        valid(returns(I32), I32_CONST, 1, RETURN, END);
        valid(returns(I32, I64), I32_CONST, 1, I64_CONST, 2L, RETURN, END);
        valid(returns(I32), BLOCK, VOID, I32_CONST, 1, RETURN, END, UNREACHABLE, END);
        // return.wast $type-value-empty-vs-num, $type-value-num-vs-num
        invalid("type mismatch", returns(I32), RETURN, END);
        invalid("type mismatch", returns(I32), I64_CONST, 1L, RETURN, END);
        invalid("type mismatch", returns(I32, I64), I64_CONST, 2L, I32_CONST, 1, RETURN, END);
        // values below the returned ones are discarded
        valid(returns(I32), F32_CONST, 0f, I32_CONST, 1, RETURN, END);
    }

    @Test
    void brTable() {
        valid(VOID_TYPE, BLOCK, VOID, I32_CONST, 0, BR_TABLE, new int[]{0, 0}, 0, END, END);
        valid(returns(I32), BLOCK, I32, I32_CONST, 1, I32_CONST, 0, BR_TABLE, new int[]{0}, 1, END, END);
        // br_table.wast $type-arg-void-vs-num, $type-arg-num-vs-num
        invalid("type mismatch", returns(I32), BLOCK, I32, I32_CONST, 0, BR_TABLE, new int[0], 0, I32_CONST, 1, END, END);
        invalid("type mismatch", returns(I32), BLOCK, I32, I64_CONST, 1L, I32_CONST, 0, BR_TABLE, new int[0], 0, I32_CONST, 1, END, END);
        // br_table.wast $type-arg-index-num-vs-i32
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, I64_CONST, 0L, BR_TABLE, new int[]{0}, 0, END, END);
        // br_table.wast $type-index-empty-in-then
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BR_TABLE, new int[0], 0, END, END);
        // targets with different arities: br_table.wast $type-arg-void-vs-num (mixed labels)
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BLOCK, I32, I32_CONST, 0, I32_CONST, 0, BR_TABLE, new int[]{0}, 1, END, DROP,
                        END, END);
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BLOCK, I32, I32_CONST, 0, I32_CONST, 0, BR_TABLE, new int[]{1}, 0, END, DROP,
                        END, END);
        // same arity, different types
        invalid("type mismatch", returns(I32), BLOCK, I32, BLOCK, F32, I32_CONST, 1, I32_CONST, 0, BR_TABLE, new int[]{0}, 1, END,
                        DROP, I32_CONST, 0, END, END);
        // loop labels carry the loop's parameters (none) so they mix with empty blocks
        valid(VOID_TYPE, LOOP, VOID, BLOCK, VOID, I32_CONST, 0, BR_TABLE, new int[]{0, 1, 2}, 1, END, END, END);
        // unknown labels: br_table.wast $unbound-label, $unbound-label-default
        invalid("unknown label", VOID_TYPE, BLOCK, VOID, I32_CONST, 0, BR_TABLE, new int[]{2}, 1, END, END);
        invalid("unknown label", VOID_TYPE, BLOCK, VOID, I32_CONST, 0, BR_TABLE, new int[]{0}, 5, END, END);
        // large label vector
        valid(VOID_TYPE, BLOCK, VOID, I32_CONST, 0, BR_TABLE, new int[10_000], 0, END, END);
    }

    // ---- the polymorphic stack --------------------------------------------------------------------

    @Test
    void unreachableMakesTheStackPolymorphic() {
        valid(VOID_TYPE, UNREACHABLE, I32_ADD, DROP, END);
        valid(returns(I32), UNREACHABLE, END);
        valid(returns(I32, F64), UNREACHABLE, END);
        valid(returns(I32), UNREACHABLE, I32_ADD, END);
        valid(VOID_TYPE, UNREACHABLE, DROP, DROP, DROP, END);
        // unreached-invalid.wast $type-num-vs-num and friends
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I64_CONST, 0L, I32_ADD, END);
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_CONST, 0, I64_EQZ, DROP, END);
        // $type-unconsumed-const, $type-unconsumed-result, $type-unconsumed-result2
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_CONST, 0, END);
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_EQZ, END);
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_CONST, 0, I32_ADD, END);
        // the polymorphism ends with the frame: $type-unary-num-vs-void-after-break
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BR, 0, BLOCK, VOID, NOP, I32_EQZ, DROP, END, END, END);
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, UNREACHABLE, END, I32_EQZ, DROP, END);
        // $type-unary-num-vs-num-after-break
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BR, 0, F32_CONST, 1f, I32_EQZ, DROP, END, END);
        // $type-block-value-num-vs-num-after-break
        invalid("type mismatch", returns(I32), BLOCK, I32, I32_CONST, 1, BR, 0, F32_CONST, 0f, END, END);
        // after return and br_table too
        valid(returns(I32), I32_CONST, 0, RETURN, I32_ADD, END);
        valid(returns(I32), I32_CONST, 0, I32_CONST, 0, BR_TABLE, new int[0], 0, I64_ADD, DROP, I32_CONST, 0, END);
        // $type-br_if-cond-num-vs-num-after-unreachable
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, UNREACHABLE, F32_CONST, 0f, BR_IF, 0, END, END);
        // $type-br_if-num-vs-void-after-unreachable
        invalid("type mismatch", returns(I32), BLOCK, I32, BLOCK, VOID, UNREACHABLE, I32_CONST, 0, I32_CONST, 0, BR_IF, 1, END, END,
                        END);
        // $type-br_table-num-vs-num-after-unreachable
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, UNREACHABLE, F32_CONST, 1f, BR_TABLE, new int[0], 0, END, END);
        // $type-br_table-label-num-vs-num-after-unreachable
        invalid("type mismatch", returns(I32), BLOCK, I32, UNREACHABLE, F32_CONST, 0f, I32_CONST, 1, BR_TABLE, new int[0], 0, END, END);
        // $type-br_table-label-num-vs-label-void-after-unreachable
        invalid("type mismatch", VOID_TYPE, BLOCK, VOID, BLOCK, F32, UNREACHABLE, I32_CONST, 1, BR_TABLE, new int[]{0, 1}, 0, END, DROP,
                        END, END);
        // unreached-valid.wast $meet-bottom: targets of different types meet on Unknown
        valid(VOID_TYPE, BLOCK, F64, BLOCK, F32, UNREACHABLE, I32_CONST, 1, BR_TABLE, new int[]{0, 1}, 1, END, DROP, F64_CONST, 0d,
                        END, DROP, END);
        // unreached-invalid.wast: lookups are still checked in unreachable code
        invalid("unknown function", VOID_TYPE, UNREACHABLE, CALL, 1, END);
        invalid("unknown label", VOID_TYPE, UNREACHABLE, BR, 1, END);
    }

    @Test
    void select() {
        for (ValType t : new ValType[]{I32, I64, F32, F64}) {
            valid(returns(t), concat(List.of(constant(t)), constant(t)[0], constant(t)[1], I32_CONST, 1, SELECT, END));
            valid(returns(t), concat(List.of(constant(t)), constant(t)[0], constant(t)[1], I32_CONST, 1, SELECT_T, types(t), END));
        }
        // select.wast $type-num-vs-num
        invalid("type mismatch", returns(I32), I32_CONST, 1, I64_CONST, 1L, I32_CONST, 1, SELECT, END);
        invalid("type mismatch", returns(I32), I32_CONST, 1, I32_CONST, 1, I64_CONST, 1L, SELECT, END);
        invalid("type mismatch", returns(I32), I32_CONST, 1, I32_CONST, 1, I32_CONST, 1, SELECT_T, types(I64), END);
        // select.wast $type-1st-operand-empty etc.
        invalid("type mismatch", returns(I32), I32_CONST, 1, I32_CONST, 1, SELECT, END);
        invalid("type mismatch", returns(I32), SELECT, END);
        // untyped select is only for numeric operands: select.wast (ref.null func) operands
        invalid("type mismatch", returns(FUNCREF), REF_NULL, FUNCREF, REF_NULL, FUNCREF, I32_CONST, 1, SELECT, END);
        invalid("type mismatch", VOID_TYPE, REF_NULL, EXTERNREF, REF_NULL, EXTERNREF, I32_CONST, 1, SELECT, DROP, END);
        valid(returns(FUNCREF), REF_NULL, FUNCREF, REF_NULL, FUNCREF, I32_CONST, 1, SELECT_T, types(FUNCREF), END);
        valid(returns(EXTERNREF), REF_NULL, EXTERNREF, REF_NULL, EXTERNREF, I32_CONST, 1, SELECT_T, types(EXTERNREF), END);
        // select.wast $arity-0, $arity-2
        invalid("invalid result arity", VOID_TYPE, NOP, NOP, I32_CONST, 1, SELECT_T, NONE, END);
        invalid("invalid result arity", returns(I32, I32), I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, I32_CONST, 1, SELECT_T,
                        types(I32, I32), END);
        // unreached-valid.wast
        valid(VOID_TYPE, UNREACHABLE, SELECT, UNREACHABLE, I32_CONST, 0, SELECT, UNREACHABLE, I32_CONST, 0, I32_CONST, 0, SELECT,
                        UNREACHABLE, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, SELECT, UNREACHABLE, F32_CONST, 0f, I32_CONST, 0, SELECT,
                        UNREACHABLE, END);
        valid(returns(I32), UNREACHABLE, SELECT, I32_ADD, END);
        valid(returns(I64), UNREACHABLE, I64_CONST, 0L, I32_CONST, 0, SELECT, I64_ADD, END);
        valid(VOID_TYPE, UNREACHABLE, SELECT, I32_EQZ, DROP, END);
        valid(VOID_TYPE, UNREACHABLE, SELECT, REF_IS_NULL, DROP, END);
        // unreached-invalid.wast $type-poly-num-vs-num, $type-poly-transitive-num-vs-num
        invalid("type mismatch", returns(I32), UNREACHABLE, I64_CONST, 0L, I32_CONST, 0, SELECT, END);
        invalid("type mismatch", returns(I32), UNREACHABLE, I64_CONST, 0L, I32_CONST, 0, SELECT, I32_CONST, 0, I32_CONST, 0, SELECT, END);
        // $type-unconsumed-poly0..2
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, SELECT, END);
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_CONST, 0, SELECT, END);
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, I32_CONST, 0, I32_CONST, 0, SELECT, END);
        // a reference below the condition after unreachable is still not numeric
        invalid("type mismatch", VOID_TYPE, UNREACHABLE, REF_NULL, FUNCREF, I32_CONST, 0, SELECT, DROP, END);
    }

    // ---- calls ----------------------------------------------------------------------------------

    @Test
    void calls() {
        FuncType callee = sig(types(I32, F64), I64);
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), I32_CONST, 1, F64_CONST, 2d, CALL, 0, END).assertValid();
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), F64_CONST, 2d, I32_CONST, 1, CALL, 0, END)
                        .assertInvalid("type mismatch");
        module().func(callee, I64_CONST, 0L, END).func(returns(I32), I32_CONST, 1, F64_CONST, 2d, CALL, 0, END)
                        .assertInvalid("type mismatch");
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), F64_CONST, 2d, CALL, 0, END).assertInvalid("type mismatch");
        // imported functions come first in the function index space
        module().func(VOID_TYPE, CALL, 0, DROP, END).importFunc(returns(F32)).assertValid();
        module().func(VOID_TYPE, CALL, 2, END).assertInvalid("unknown function 2");
        // call.wast $unbound-func, $large-func
        module().func(VOID_TYPE, CALL, 1_012_321_300, END).assertInvalid("unknown function");
    }

    @Test
    void callIndirect() {
        FuncType target = sig(types(I32), I64);
        // type 0: target; function type 1
        module().type(target).table(FUNCREF, 1).func(returns(I64), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 0, END).assertValid();
        // call_indirect.wast $type-func-index-... : the index operand must be i32
        module().type(target).table(FUNCREF, 1).func(returns(I64), I32_CONST, 5, I64_CONST, 0L, CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
        module().type(target).table(FUNCREF, 1).func(returns(I64), F32_CONST, 5f, I32_CONST, 0, CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
        module().type(target).table(FUNCREF, 1).func(returns(I32), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
        // call_indirect.wast $unbound-type, $large-type
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, CALL_INDIRECT, 1, 0, END).assertInvalid("unknown type");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, CALL_INDIRECT, 1_012_321_300, 0, END).assertInvalid("unknown type");
        // no table, or another table than the one named: call_indirect.wast "unknown table"
        module().type(target).func(returns(I64), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 0, END).assertInvalid("unknown table");
        module().type(target).table(FUNCREF, 1).func(returns(I64), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 1, END)
                        .assertInvalid("unknown table 1");
        module().type(target).table(EXTERNREF, 1).table(FUNCREF, 1)
                        .func(returns(I64), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 1, END).assertValid();
        // the table must hold functions
        module().type(target).table(EXTERNREF, 1).func(returns(I64), I32_CONST, 5, I32_CONST, 0, CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
    }

    @Test
    void returnCall() {
        FuncType callee = sig(types(I32, F64), I64);
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), I32_CONST, 1, F64_CONST, 2d, RETURN_CALL, 0, END).assertValid();
        // return_call.wast $type-void-vs-num, $type-num-vs-num: the callee's results are the caller's
        module().func(callee, I64_CONST, 0L, END).func(returns(I32), I32_CONST, 1, F64_CONST, 2d, RETURN_CALL, 0, END)
                        .assertInvalid("type mismatch");
        module().func(callee, I64_CONST, 0L, END).func(VOID_TYPE, I32_CONST, 1, F64_CONST, 2d, RETURN_CALL, 0, END)
                        .assertInvalid("type mismatch");
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), F64_CONST, 2d, I32_CONST, 1, RETURN_CALL, 0, END)
                        .assertInvalid("type mismatch");
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), F64_CONST, 2d, RETURN_CALL, 0, END).assertInvalid("type mismatch");
        // like return, the rest of the block is unreachable: its stack is polymorphic
        module().func(callee, I64_CONST, 0L, END).func(returns(I64), I32_CONST, 1, F64_CONST, 2d, RETURN_CALL, 0, I32_ADD, DROP, END)
                        .assertValid();
        module().func(VOID_TYPE, RETURN_CALL, 2, END).assertInvalid("unknown function 2");
        // an imported callee
        module().func(returns(F32), RETURN_CALL, 0, END).importFunc(returns(F32)).assertValid();
    }

    @Test
    void returnCallIndirect() {
        FuncType target = sig(types(I32), I64);
        module().type(target).table(FUNCREF, 1).func(returns(I64), I32_CONST, 5, I32_CONST, 0, RETURN_CALL_INDIRECT, 0, 0, END)
                        .assertValid();
        module().type(target).table(FUNCREF, 1).func(returns(I32), I32_CONST, 5, I32_CONST, 0, RETURN_CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
        module().type(target).table(FUNCREF, 1).func(returns(I64), I32_CONST, 5, I64_CONST, 0L, RETURN_CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, RETURN_CALL_INDIRECT, 1, 0, END).assertInvalid("unknown type");
        module().type(target).func(returns(I64), I32_CONST, 5, I32_CONST, 0, RETURN_CALL_INDIRECT, 0, 0, END).assertInvalid("unknown table");
        module().type(target).table(EXTERNREF, 1).func(returns(I64), I32_CONST, 5, I32_CONST, 0, RETURN_CALL_INDIRECT, 0, 0, END)
                        .assertInvalid("type mismatch");
    }

    @Test
    void factsReportTailCalls() {
        ValidationResult r = module()
                        .func(returns(I32), I32_CONST, 1, END)
                        .func(returns(I32), BLOCK, VOID, RETURN_CALL, 0, END, I32_CONST, 2, END)
                        .assertValid();
        assertEquals(false, r.function(0).tailCalls());
        assertEquals(true, r.function(1).tailCalls());
    }

    // ---- tables ---------------------------------------------------------------------------------

    @Test
    void tableInstructions() {
        TestModule ext = module().table(EXTERNREF, 1).table(FUNCREF, 1);
        ext.func(returns(EXTERNREF), I32_CONST, 0, TABLE_GET, 0, END).assertValid();
        module().table(EXTERNREF, 1).func(returns(FUNCREF), I32_CONST, 0, TABLE_GET, 0, END).assertInvalid("type mismatch");
        module().table(EXTERNREF, 1).func(returns(EXTERNREF), I64_CONST, 0L, TABLE_GET, 0, END).assertInvalid("type mismatch");
        module().table(EXTERNREF, 1).func(returns(EXTERNREF), I32_CONST, 0, TABLE_GET, 1, END).assertInvalid("unknown table 1");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, REF_NULL, FUNCREF, TABLE_SET, 0, END).assertValid();
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, REF_NULL, EXTERNREF, TABLE_SET, 0, END).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(VOID_TYPE, REF_NULL, FUNCREF, I32_CONST, 0, TABLE_SET, 0, END).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(returns(I32), TABLE_SIZE, 0, END).assertValid();
        module().func(returns(I32), TABLE_SIZE, 0, END).assertInvalid("unknown table 0");
        module().table(EXTERNREF, 1).func(returns(I32), REF_NULL, EXTERNREF, I32_CONST, 1, TABLE_GROW, 0, END).assertValid();
        module().table(EXTERNREF, 1).func(returns(I32), I32_CONST, 1, REF_NULL, EXTERNREF, TABLE_GROW, 0, END)
                        .assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(returns(I32), REF_NULL, EXTERNREF, I32_CONST, 1, TABLE_GROW, 0, END).assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, REF_NULL, FUNCREF, I32_CONST, 1, TABLE_FILL, 0, END).assertValid();
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, REF_NULL, EXTERNREF, I32_CONST, 1, TABLE_FILL, 0, END)
                        .assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, REF_NULL, FUNCREF, TABLE_FILL, 0, END).assertInvalid("type mismatch");
    }

    @Test
    void tableCopyAndInit() {
        Object[] three = {I32_CONST, 0, I32_CONST, 0, I32_CONST, 0};
        module().table(FUNCREF, 1).table(FUNCREF, 1).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_COPY, 1, 0, END})).assertValid();
        module().table(FUNCREF, 1).table(EXTERNREF, 1).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_COPY, 1, 0, END}))
                        .assertInvalid("type mismatch");
        module().table(FUNCREF, 1).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_COPY, 0, 1, END})).assertInvalid("unknown table");
        module().table(FUNCREF, 1).func(VOID_TYPE, I32_CONST, 0, I32_CONST, 0, TABLE_COPY, 0, 0, END).assertInvalid("type mismatch");
        // table.init elemidx tableidx
        module().table(FUNCREF, 1).passiveElem(FUNCREF).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_INIT, 0, 0, END}))
                        .assertValid();
        module().table(EXTERNREF, 1).passiveElem(FUNCREF).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_INIT, 0, 0, END}))
                        .assertInvalid("type mismatch");
        module().table(FUNCREF, 1).passiveElem(FUNCREF).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_INIT, 4, 0, END}))
                        .assertInvalid("unknown elem segment 4");
        module().table(FUNCREF, 1).passiveElem(FUNCREF).func(VOID_TYPE, Code.concat(three, new Object[]{TABLE_INIT, 0, 1, END}))
                        .assertInvalid("unknown table 1");
        module().table(FUNCREF, 1).passiveElem(FUNCREF).func(VOID_TYPE, I32_CONST, 0, F32_CONST, 0f, I32_CONST, 0, TABLE_INIT, 0, 0, END)
                        .assertInvalid("type mismatch");
        module().passiveElem(FUNCREF).func(VOID_TYPE, ELEM_DROP, 0, END).assertValid();
        module().passiveElem(FUNCREF).func(VOID_TYPE, ELEM_DROP, 1, END).assertInvalid("unknown elem segment 1");
    }

    // ---- references -----------------------------------------------------------------------------

    @Test
    void referenceInstructions() {
        valid(returns(FUNCREF), REF_NULL, FUNCREF, END);
        valid(returns(EXTERNREF), REF_NULL, EXTERNREF, END);
        invalid("type mismatch", returns(FUNCREF), REF_NULL, EXTERNREF, END);
        valid(returns(I32), REF_NULL, EXTERNREF, REF_IS_NULL, END);
        // ref_is_null.wast $ref-vs-num, $ref-vs-empty
        invalid("type mismatch", returns(I32), I32_CONST, 1, REF_IS_NULL, END);
        invalid("type mismatch", returns(I32), REF_IS_NULL, END);
    }

    @Test
    void refFuncNeedsADeclaredFunction() {
        Object[] body = {REF_FUNC, 0, DROP, END};
        // ref_func.wast: a function referenced only from a function body is not declared
        module().func(VOID_TYPE, body).assertInvalid("undeclared function reference");
        module().func(VOID_TYPE, body).func(VOID_TYPE, REF_FUNC, 0, DROP, END).assertInvalid("undeclared function reference");
        // declared by an export, a declarative, passive or active element segment, or a global initializer
        module().func(VOID_TYPE, body).export("f", dev.twasm.model.ExternKind.FUNC, 0).assertValid();
        module().func(VOID_TYPE, body).declarativeElem(FUNCREF, Code.code(REF_FUNC, 0, END)).assertValid();
        module().func(VOID_TYPE, body).passiveElem(FUNCREF, Code.code(REF_FUNC, 0, END)).assertValid();
        module().table(FUNCREF, 1).func(VOID_TYPE, body).activeElem(0, Code.code(I32_CONST, 0, END), FUNCREF, Code.code(REF_FUNC, 0, END))
                        .assertValid();
        module().func(VOID_TYPE, body).global(FUNCREF, false, REF_FUNC, 0, END).assertValid();
        // declaring another function does not help
        module().func(VOID_TYPE, body).func(VOID_TYPE, END).declarativeElem(FUNCREF, Code.code(REF_FUNC, 1, END))
                        .assertInvalid("undeclared function reference");
        // an unknown function is reported as such
        module().func(VOID_TYPE, REF_FUNC, 7, DROP, END).assertInvalid("unknown function 7");
        // the start function does not declare a reference
        module().func(VOID_TYPE, body).start(0).assertInvalid("undeclared function reference");
    }

    // ---- declared value types -------------------------------------------------------------------

    @Test
    void v128IsAValueTypeEverywhere() {
        module().funcWithLocals(returns(V128), types(V128), LOCAL_GET, 0, END).assertValid();
        valid(returns(V128), BLOCK, V128, V128_CONST, new byte[16], END, END);
        valid(returns(V128), V128_CONST, new byte[16], V128_CONST, new byte[16], I32_CONST, 1, SELECT, END);
        valid(returns(V128), V128_CONST, new byte[16], V128_CONST, new byte[16], I32_CONST, 1, SELECT_T, types(V128), END);
        invalid("type mismatch", returns(V128), V128_CONST, new byte[16], I32_CONST, 0, I32_CONST, 1, SELECT, END);
    }

    @Test
    void laneIndicesAreBoundedByTheShape() {
        for (Opcode op : Opcode.values()) {
            if (op.immediates() != Opcode.Immediates.LANE && op.immediates() != Opcode.Immediates.MEMARG_LANE) {
                continue;
            }
            List<Object> body = new ArrayList<>();
            for (ValType p : op.params()) {
                body.addAll(List.of(constant(p)));
            }
            body.add(op);
            if (op.isMemoryAccess()) {
                body.add(0);
                body.add(0);
            }
            body.add(op.laneCount() - 1);
            FuncType type = returns(op.results());
            fn(type, concat(body, END)).assertValid();
            body.set(body.size() - 1, op.laneCount());
            fn(type, concat(body, END)).assertInvalid("invalid lane index");
        }
        byte[] lanes = new byte[16];
        lanes[15] = 31;
        valid(returns(V128), V128_CONST, new byte[16], V128_CONST, new byte[16], I8X16_SHUFFLE, lanes.clone(), END);
        lanes[3] = 32;
        invalid("invalid lane index", returns(V128), V128_CONST, new byte[16], V128_CONST, new byte[16], I8X16_SHUFFLE, lanes, END);
        // an unassigned vector opcode
        assertThrows(MalformedModuleException.class,
                        () -> Validator.validate(fn(VOID_TYPE, new byte[]{(byte) 0xFD, (byte) 0x9A, 0x01}, END).build()));
    }

    // ---- location and facts -------------------------------------------------------------------

    @Test
    void errorsNameTheFunctionAndTheInstructionOffset() {
        InvalidModuleException e = module().func(VOID_TYPE, END).func(VOID_TYPE, NOP, NOP, I32_ADD, END).assertInvalid("type mismatch");
        assertTrue(e.location().contains("function 1"), e.location());
        assertTrue(e.location().contains("byte offset 2"), e.location());
        assertTrue(e.getMessage().startsWith("invalid module: type mismatch"), e.getMessage());
    }

    @Test
    void factsReportOperandHeightAndNesting() {
        ValidationResult r = module()
                        .func(returns(I32), I32_CONST, 1, I32_CONST, 2, I32_CONST, 3, I32_ADD, I32_ADD, END)
                        .func(VOID_TYPE, BLOCK, VOID, LOOP, VOID, I32_CONST, 0, IF, VOID, END, END, END, END)
                        .assertValid();
        assertEquals(new FunctionFacts(3, 1, false, false, false, false), r.function(0));
        assertEquals(new FunctionFacts(1, 4, false, false, false, true), r.function(1));
        assertEquals(false, r.function(0).loops());
        assertEquals(2, r.functions().size());
    }
}
