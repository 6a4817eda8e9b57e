package dev.twasm.validation;

import java.util.Arrays;

/**
 * The control stack of the validation algorithm (spec §A.3, {@code ctrls}): the {@link ControlFrame}s
 * of the structured instructions enclosing the current position, innermost on top. Label index
 * {@code l} names the frame {@code l} entries below the top. An explicit stack, so nesting depth is
 * bounded by memory, not by the Java call stack.
 */
final class ControlStack {
    private ControlFrame[] frames = new ControlFrame[16];
    private int size;
    private int maxDepth;

    void push(ControlFrame frame) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
        }
        frames[size++] = frame;
        if (size > maxDepth) {
            maxDepth = size;
        }
    }

    ControlFrame pop() {
        ControlFrame frame = frames[--size];
        frames[size] = null;
        return frame;
    }

    ControlFrame top() {
        return frames[size - 1];
    }

    /** Whether {@code labelIndex} names an enclosing frame. */
    boolean hasLabel(int labelIndex) {
        return labelIndex >= 0 && labelIndex < size;
    }

    /** The frame that label {@code labelIndex} refers to; the caller checks {@link #hasLabel}. */
    ControlFrame label(int labelIndex) {
        return frames[size - 1 - labelIndex];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The deepest nesting reached since the last {@link #reset()}, counting the function body. */
    int maxDepth() {
        return maxDepth;
    }

    void reset() {
        Arrays.fill(frames, 0, size, null);
        size = 0;
        maxDepth = 0;
    }
}
