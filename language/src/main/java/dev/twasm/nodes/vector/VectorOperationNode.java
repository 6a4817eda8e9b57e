package dev.twasm.nodes.vector;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;
import dev.twasm.simd.V128Binary;
import dev.twasm.simd.V128Reduce;
import dev.twasm.simd.V128Shift;
import dev.twasm.simd.V128Ternary;
import dev.twasm.simd.V128Unary;

/**
 * Every vector instruction that is a pure function of its operands (spec §4.4.3 "Vector
 * Instructions": {@code vunop}, {@code vbinop}, {@code vternop}, {@code vrelop}, {@code vshiftop},
 * {@code vtestop}, {@code bitmask}, conversions, narrowing, widening, dot products, and the
 * relaxed SIMD instructions): one class for the five {@link SimdFamily function families}.
 *
 * <p>The instruction's function is looked up once, when the node is built
 * ({@link SimdOps#unary(Opcode)} and its siblings), and kept in a final field. Partial evaluation
 * treats it as a constant, so the interface call on it becomes a direct call that is inlined: the
 * compiled code of {@code f32x4.add} is the implementation's vector add itself (one SSE/AVX
 * instruction with the Vector API implementation). The family is a final field too, and the
 * comparisons on it fold; the operands are evaluated left to right before the function runs.
 */
@NodeInfo(shortName = "v128.op")
public final class VectorOperationNode extends ExprNode {
    private final Opcode op;
    private final SimdFamily family;
    private final Object function;
    @Child private ExprNode first;
    @Child private ExprNode second;
    @Child private ExprNode third;

    /** {@code operands} are the instruction's operands, bottom of the stack first. */
    public VectorOperationNode(Opcode op, ExprNode... operands) {
        this.op = op;
        this.family = SimdFamily.of(op);
        SimdOps ops = SimdOps.INSTANCE;
        this.function = switch (family) {
            case UNARY -> ops.unary(op);
            case BINARY -> ops.binary(op);
            case TERNARY -> ops.ternary(op);
            case SHIFT -> ops.shift(op);
            case REDUCE -> ops.reduce(op);
            default -> throw new IllegalArgumentException(op + " is not a vector function");
        };
        this.first = operands[0];
        this.second = operands.length > 1 ? operands[1] : null;
        this.third = operands.length > 2 ? operands[2] : null;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        Object a = first.executeV128(frame);
        if (family == SimdFamily.UNARY) {
            return ((V128Unary) function).apply(a);
        } else if (family == SimdFamily.SHIFT) {
            return ((V128Shift) function).apply(a, second.executeI32(frame));
        }
        Object b = second.executeV128(frame);
        if (family == SimdFamily.BINARY) {
            return ((V128Binary) function).apply(a, b);
        }
        return ((V128Ternary) function).apply(a, b, third.executeV128(frame));
    }

    /** {@code any_true}, {@code all_true}, {@code bitmask}. */
    @Override
    public int executeI32(VirtualFrame frame) {
        return ((V128Reduce) function).apply(first.executeV128(frame));
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
