package dev.twasm.validation;

import dev.twasm.model.FuncType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * A control frame of the validation algorithm (spec §A.3, {@code ctrl_frame}): the structured
 * instruction that opened it ({@code block}, {@code loop}, {@code if}, {@code else},
 * {@code try_table}, or of legacy exception handling {@code try}, {@code catch} or
 * {@code catch_all}, the frames {@code rethrow} may name; the function body counts as a
 * {@code block}), its type from start types to end types, the operand stack height
 * when it was entered, and whether the rest of it is unreachable (its stack is polymorphic).
 */
final class ControlFrame {
    final Opcode opcode;
    final FuncType type;
    final int height;
    /** How many locals the enclosing frames had initialised when this one was entered (the appendix's {@code init_height}). */
    final int initHeight;
    boolean unreachable;

    ControlFrame(Opcode opcode, FuncType type, int height, int initHeight) {
        this.opcode = opcode;
        this.type = type;
        this.height = height;
        this.initHeight = initHeight;
    }

    /** The types a branch to this frame's label carries: a loop's start types, else its end types. */
    ValType[] labelTypes() {
        return opcode == Opcode.LOOP ? type.params() : type.results();
    }

    ValType[] startTypes() {
        return type.params();
    }

    ValType[] endTypes() {
        return type.results();
    }
}
