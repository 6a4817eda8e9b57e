package dev.twasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.InstrumentableNode;
import com.oracle.truffle.api.instrumentation.ProbeNode;
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
 *
 * <p><b>Instrumentation.</b> Expressions are instrumentable only to give calls that are operands
 * ({@code i32.add (call $f) (call $g)}) the {@code CallTag}: a call inside an expression tree has
 * no statement of its own, so the tag must be on the call node, and a wrapper must stand where the
 * call is, in a field of this type. Hence the wrapper is generated for this base class (it forwards
 * each typed execute method), and only {@code AbstractCallNode} answers
 * {@link #isInstrumentable} with true (when the builder gave it its instruction's offset). Every
 * other expression stays as it is: no field, no wrapper, and no per-execution work, since Truffle
 * inserts wrappers only where an attached instrument asks.
 */
@GenerateWrapper
public abstract class ExprNode extends Node implements InstrumentableNode {
    @Override
    public boolean isInstrumentable() {
        return false;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new ExprNodeWrapper(this, probe);
    }

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
