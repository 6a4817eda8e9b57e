package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.text.WatParser;

import org.junit.jupiter.api.Test;

/**
 * Validation of the threads proposal: a shared memory must have a maximum; every atomic
 * instruction is typed by its signature, needs a memory, and its alignment must be exactly the
 * natural one; {@code atomic.fence} is {@code [] -> []}. Messages are those of the proposal's
 * reference interpreter and scripts.
 */
class ThreadsValidationTest {
    private static void valid(String text) {
        Validator.analyze(WatParser.parseModule(text));
    }

    private static void valid(String text, Features features) {
        Validator.analyze(WatParser.parseModule(text, features), features);
    }

    private static void invalid(String expected, String text) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(text), text);
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\" for " + text);
    }

    @Test
    void aSharedMemoryMustHaveAMaximum() {
        invalid("shared memory must have maximum", "(module (memory 1 shared))");
        invalid("shared memory must have maximum", "(module (import \"m\" \"n\" (memory 0 shared)))");
        // the limits are checked first, as by the reference interpreter
        invalid("memory size must be at most 65536 pages (4GiB)", "(module (memory 65537 shared))");
        valid("(module (memory 1 2 shared))");
        valid("(module (memory 0 0 shared))");
        valid("(module (import \"m\" \"n\" (memory 1 2 shared)))");
        valid("(module (memory 1))");
    }

    /** Each atomic instruction with operands of its signature, on a shared and on an unshared memory. */
    @Test
    void everyAtomicInstructionIsTypedByItsSignature() {
        for (Opcode op : Opcode.values()) {
            if (!op.isAtomic() || op == Opcode.ATOMIC_FENCE) {
                continue;
            }
            StringBuilder operands = new StringBuilder();
            for (ValType t : op.params()) {
                operands.append(" (").append(t).append(".const 0)");
            }
            String drops = " drop".repeat(op.results().length);
            for (String memory : new String[] {"(memory 1 1 shared)", "(memory 1)"}) {
                valid("(module " + memory + " (func" + operands + " " + op.mnemonic() + drops + "))");
            }
            // one operand short
            String fewer = operands.substring(0, operands.lastIndexOf(" ("));
            invalid("type mismatch", "(module (memory 1 1 shared) (func" + fewer + " " + op.mnemonic() + drops + "))");
            invalid("unknown memory", "(module (func" + operands + " " + op.mnemonic() + drops + "))");
        }
    }

    @Test
    void operandTypesFollowTheInstruction() {
        invalid("type mismatch", "(module (memory 1 1 shared) (func (result i64) (i64.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i64.const 0))))");
        invalid("type mismatch", "(module (memory 1 1 shared) (func (result i32) (i64.atomic.load (i32.const 0))))");
        invalid("type mismatch", "(module (memory 1 1 shared) (func (i32.atomic.store (i64.const 0) (i32.const 0))))");
        invalid("type mismatch",
                        "(module (memory 1 1 shared) (func (result i32) (memory.atomic.wait32 (i32.const 0) (i64.const 0) (i64.const 0))))");
        valid("(module (memory 1 1 shared) (func (result i32) (memory.atomic.wait64 (i32.const 0) (i64.const 0) (i64.const 0))))");
    }

    @Test
    void anAtomicAlignmentMustBeExactlyNatural() {
        invalid("atomic alignment must be natural", "(module (memory 1 1 shared) (func (drop (i32.atomic.load align=2 (i32.const 0)))))");
        invalid("atomic alignment must be natural", "(module (memory 1 1 shared) (func (drop (i64.atomic.load align=16 (i32.const 0)))))");
        invalid("atomic alignment must be natural",
                        "(module (memory 1 1 shared) (func (drop (i32.atomic.rmw16.add_u align=1 (i32.const 0) (i32.const 0)))))");
        invalid("atomic alignment must be natural",
                        "(module (memory 1 1 shared) (func (drop (memory.atomic.notify align=2 (i32.const 0) (i32.const 0)))))");
        valid("(module (memory 1 1 shared) (func (drop (i32.atomic.load align=4 (i32.const 0)))))");
        valid("(module (memory 1 1 shared) (func (drop (i32.atomic.load8_u align=1 (i32.const 0)))))");
        // a plain load may still be less aligned than natural
        valid("(module (memory 1 1 shared) (func (drop (i32.load align=2 (i32.const 0)))))");
        invalid("alignment must not be larger than natural", "(module (memory 1) (func (drop (i32.load align=8 (i32.const 0)))))");
    }

    @Test
    void atomicFenceNeedsNothing() {
        valid("(module (func atomic.fence))");
        valid("(module (func (result i32) (i32.const 1) atomic.fence))");
        invalid("type mismatch", "(module (func (result i32) atomic.fence))");
    }

    @Test
    void memory64AtomicsTakeAnI64Address() {
        Features features = Features.WASM_3_0;
        valid("(module (memory i64 1 1 shared) (func (result i64) (i64.atomic.rmw.add (i64.const 0) (i64.const 1))))", features);
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(
                        "(module (memory i64 1 1 shared) (func (result i64) (i64.atomic.rmw.add (i32.const 0) (i64.const 1))))", features));
        assertTrue(e.reason().startsWith("type mismatch"), e.reason());
        // with multi-memory the memarg names the memory
        valid("(module (memory 1) (memory $s 1 1 shared) (func (result i32) (i32.atomic.load $s (i32.const 0))))", features);
    }
}
