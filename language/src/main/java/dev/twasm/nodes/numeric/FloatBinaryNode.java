package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.NumericOps;

/**
 * Binary instructions on two f32 or two f64 operands: arithmetic (result of the operand type) and
 * comparisons (result i32). Comparisons widen f32 operands to double, which is exact and keeps NaN
 * unordered, so both widths share one comparison table.
 */
@NodeInfo(shortName = "float.binop")
public final class FloatBinaryNode extends NumericNode {
    @Child private ExprNode left;
    @Child private ExprNode right;
    private final boolean f64Operands;

    public FloatBinaryNode(Opcode op, ExprNode left, ExprNode right) {
        super(op);
        this.left = left;
        this.right = right;
        this.f64Operands = op.params()[0] == ValType.F64;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float a = left.executeF32(frame);
        float b = right.executeF32(frame);
        return switch (op) {
            case F32_ADD -> NumericOps.f32Add(a, b);
            case F32_SUB -> NumericOps.f32Sub(a, b);
            case F32_MUL -> NumericOps.f32Mul(a, b);
            case F32_DIV -> NumericOps.f32Div(a, b);
            case F32_MIN -> NumericOps.f32Min(a, b);
            case F32_MAX -> NumericOps.f32Max(a, b);
            case F32_COPYSIGN -> NumericOps.f32Copysign(a, b);
            default -> throw unsupported();
        };
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double a = left.executeF64(frame);
        double b = right.executeF64(frame);
        return switch (op) {
            case F64_ADD -> NumericOps.f64Add(a, b);
            case F64_SUB -> NumericOps.f64Sub(a, b);
            case F64_MUL -> NumericOps.f64Mul(a, b);
            case F64_DIV -> NumericOps.f64Div(a, b);
            case F64_MIN -> NumericOps.f64Min(a, b);
            case F64_MAX -> NumericOps.f64Max(a, b);
            case F64_COPYSIGN -> NumericOps.f64Copysign(a, b);
            default -> throw unsupported();
        };
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        double a = f64Operands ? left.executeF64(frame) : left.executeF32(frame);
        double b = f64Operands ? right.executeF64(frame) : right.executeF32(frame);
        return switch (op) {
            case F32_EQ, F64_EQ -> a == b ? 1 : 0;
            case F32_NE, F64_NE -> a != b ? 1 : 0;
            case F32_LT, F64_LT -> a < b ? 1 : 0;
            case F32_GT, F64_GT -> a > b ? 1 : 0;
            case F32_LE, F64_LE -> a <= b ? 1 : 0;
            case F32_GE, F64_GE -> a >= b ? 1 : 0;
            default -> throw unsupported();
        };
    }
}
