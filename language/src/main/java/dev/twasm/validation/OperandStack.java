package dev.twasm.validation;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.ValType;

/**
 * The operand stack of the validation algorithm (spec §A.3 "Validation Algorithm", {@code vals}):
 * the value types of the operands a function body has pushed so far. {@link #UNKNOWN} ({@code null})
 * is the algorithm's {@code Unknown}, the type of a value taken from the polymorphic stack after
 * {@code unreachable}, {@code br}, {@code br_table} or {@code return}.
 *
 * <p>This class only stores types and records the highest height reached (a fact the node builder
 * uses to size frames); the rules about control frame boundaries live in {@link FunctionValidator}.
 * The height is capped at {@link #MAX_HEIGHT}, an implementation limit (spec §A.1) that keeps a
 * hostile body from exhausting memory.
 */
final class OperandStack {
    /** The type of an operand whose type is not known (popped from a polymorphic stack). */
    static final ValType UNKNOWN = null;
    /** Implementation limit on the number of operands a function may have on its stack at once. */
    static final int MAX_HEIGHT = 1 << 20;

    private ValType[] types = new ValType[32];
    private int height;
    private int maxHeight;
    private boolean pushedV128;

    void push(ValType type) {
        if (height == types.length) {
            grow();
        }
        pushedV128 |= type == ValType.V128;
        types[height++] = type;
        if (height > maxHeight) {
            maxHeight = height;
        }
    }

    private void grow() {
        if (types.length >= MAX_HEIGHT) {
            throw new InvalidModuleException("operand stack exceeds the implementation limit of " + MAX_HEIGHT + " values",
                            (String) null);
        }
        types = java.util.Arrays.copyOf(types, Math.min(types.length * 2, MAX_HEIGHT));
    }

    /** Removes and returns the top type; the caller ensures the stack is not empty. */
    ValType pop() {
        return types[--height];
    }

    /** The type {@code depth} entries below the top (0 is the top); the caller checks the range. */
    ValType peek(int depth) {
        return types[height - 1 - depth];
    }

    int height() {
        return height;
    }

    /** Drops every operand above {@code newHeight}. */
    void truncate(int newHeight) {
        height = newHeight;
    }

    /** The largest height reached since the last {@link #reset()}. */
    int maxHeight() {
        return maxHeight;
    }

    /** Whether a {@code v128} was pushed since the last {@link #reset()}. */
    boolean pushedV128() {
        return pushedV128;
    }

    void reset() {
        height = 0;
        maxHeight = 0;
        pushedV128 = false;
    }

    /** The types from {@code from} to the top, rendered like {@code [i32 f64]}, for error messages. */
    String describe(int from) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = Math.max(from, 0); i < height; i++) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(types[i] == UNKNOWN ? "_" : types[i].textName());
        }
        return sb.append(']').toString();
    }
}
