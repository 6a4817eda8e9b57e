package dev.twasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/**
 * An instruction that produces a value, as a node of an expression tree (architecture guide §2):
 * {@code local.get 0; i32.const 1; i32.add} becomes {@code I32Add(LocalGet(0), I32Const(1))} and
 * the value flows through Java return values instead of an operand stack.
 *
 * <p>There is one typed execute method per value kind. The node builder knows every operand's type
 * from validation and calls only the method matching it, so values are never boxed between nodes;
 * a node implements the methods of the kinds it can produce (most produce exactly one; nodes such
 * as {@code local.get} or {@code select} implement all of them and pick by a constant kind).
 */
public abstract class ExprNode extends Node {
    public int executeI32(VirtualFrame frame) {
        throw wrongKind("i32");
    }

    public long executeI64(VirtualFrame frame) {
        throw wrongKind("i64");
    }

    public float executeF32(VirtualFrame frame) {
        throw wrongKind("f32");
    }

    public double executeF64(VirtualFrame frame) {
        throw wrongKind("f64");
    }

    /** A reference: a {@code WasmFunction}, {@code WasmNull.INSTANCE} or a host object. */
    public Object executeRef(VirtualFrame frame) {
        throw wrongKind("ref");
    }

    /**
     * A {@code v128}: an opaque value of {@link dev.twasm.simd.SimdOps#INSTANCE}'s representation
     * (never null). Frames, calls and globals hold it as an object, like a reference.
     */
    public Object executeV128(VirtualFrame frame) {
        throw wrongKind("v128");
    }

    /** Evaluates this node as a value of {@code kind} and boxes it (for calls and slow paths). */
    public final Object executeBoxed(VirtualFrame frame, int kind) {
        return switch (kind) {
            case ValueKind.I32 -> executeI32(frame);
            case ValueKind.I64 -> executeI64(frame);
            case ValueKind.F32 -> executeF32(frame);
            case ValueKind.F64 -> executeF64(frame);
            case ValueKind.V128 -> executeV128(frame);
            default -> executeRef(frame);
        };
    }

    private RuntimeException wrongKind(String kind) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce " + kind);
    }
}
