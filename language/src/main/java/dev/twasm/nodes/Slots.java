package dev.twasm.nodes;

import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.twasm.runtime.WasmNull;
import dev.twasm.simd.SimdOps;

/**
 * All frame-slot access in one place. A {@code v128} lives in an object slot like a reference
 * (its value object is immutable, so Graal's escape analysis keeps it virtual across slots). A function's frame has one static slot per local
 * (parameters first) followed by one per operand-stack height ({@code local count + height}):
 * block results, branch values and values spilled to preserve evaluation order live in the slot of
 * the stack height they occupy, so two live values never share a slot.
 *
 * <p>Slots are {@code FrameSlotKind.Static}: their kind is known from validation, so no tags are
 * written or checked, and partial evaluation turns them into SSA values.
 */
public final class Slots {
    private Slots() {
    }

    public static int getI32(Frame frame, int slot) {
        return frame.getIntStatic(slot);
    }

    public static long getI64(Frame frame, int slot) {
        return frame.getLongStatic(slot);
    }

    public static float getF32(Frame frame, int slot) {
        return frame.getFloatStatic(slot);
    }

    public static double getF64(Frame frame, int slot) {
        return frame.getDoubleStatic(slot);
    }

    public static Object getRef(Frame frame, int slot) {
        return frame.getObjectStatic(slot);
    }

    public static void setI32(Frame frame, int slot, int value) {
        frame.setIntStatic(slot, value);
    }

    public static void setI64(Frame frame, int slot, long value) {
        frame.setLongStatic(slot, value);
    }

    public static void setF32(Frame frame, int slot, float value) {
        frame.setFloatStatic(slot, value);
    }

    public static void setF64(Frame frame, int slot, double value) {
        frame.setDoubleStatic(slot, value);
    }

    public static void setRef(Frame frame, int slot, Object value) {
        frame.setObjectStatic(slot, value);
    }

    /** Evaluates {@code value} as {@code kind} and stores it in {@code slot}. */
    public static void evaluateInto(VirtualFrame frame, int slot, int kind, ExprNode value) {
        switch (kind) {
            case ValueKind.I32 -> setI32(frame, slot, value.executeI32(frame));
            case ValueKind.I64 -> setI64(frame, slot, value.executeI64(frame));
            case ValueKind.F32 -> setF32(frame, slot, value.executeF32(frame));
            case ValueKind.F64 -> setF64(frame, slot, value.executeF64(frame));
            case ValueKind.V128 -> setRef(frame, slot, value.executeV128(frame));
            default -> setRef(frame, slot, value.executeRef(frame));
        }
    }

    /** Stores a boxed value of {@code kind}. */
    public static void setBoxed(Frame frame, int slot, int kind, Object value) {
        switch (kind) {
            case ValueKind.I32 -> setI32(frame, slot, (Integer) value);
            case ValueKind.I64 -> setI64(frame, slot, (Long) value);
            case ValueKind.F32 -> setF32(frame, slot, (Float) value);
            case ValueKind.F64 -> setF64(frame, slot, (Double) value);
            default -> setRef(frame, slot, value);
        }
    }

    /** Reads a slot of {@code kind}, boxed. */
    public static Object getBoxed(Frame frame, int slot, int kind) {
        return switch (kind) {
            case ValueKind.I32 -> getI32(frame, slot);
            case ValueKind.I64 -> getI64(frame, slot);
            case ValueKind.F32 -> getF32(frame, slot);
            case ValueKind.F64 -> getF64(frame, slot);
            default -> getRef(frame, slot);
        };
    }

    /** Sets a local to the default value of its kind (spec §4.4.10: locals start at zero). */
    public static void setDefault(Frame frame, int slot, int kind) {
        switch (kind) {
            case ValueKind.I32 -> setI32(frame, slot, 0);
            case ValueKind.I64 -> setI64(frame, slot, 0L);
            case ValueKind.F32 -> setF32(frame, slot, 0f);
            case ValueKind.F64 -> setF64(frame, slot, 0d);
            case ValueKind.V128 -> setRef(frame, slot, SimdOps.INSTANCE.zero());
            default -> setRef(frame, slot, WasmNull.INSTANCE);
        }
    }
}
