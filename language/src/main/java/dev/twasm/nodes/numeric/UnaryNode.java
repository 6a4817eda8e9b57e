package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.NumericOps;

/**
 * Every one-operand numeric instruction: tests, bit counts, float rounding, sign extension,
 * conversions, truncations and reinterpretations. Organised by result kind: each typed execute
 * method is the table of instructions producing that kind, and each line evaluates the operand
 * with the execute method of its own kind.
 */
@NodeInfo(shortName = "unop")
public final class UnaryNode extends NumericNode {
    @Child private ExprNode operand;

    public UnaryNode(Opcode op, ExprNode operand) {
        super(op);
        this.operand = operand;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return switch (op) {
            case I32_EQZ -> operand.executeI32(frame) == 0 ? 1 : 0;
            case I64_EQZ -> operand.executeI64(frame) == 0 ? 1 : 0;
            case I32_CLZ -> Integer.numberOfLeadingZeros(operand.executeI32(frame));
            case I32_CTZ -> Integer.numberOfTrailingZeros(operand.executeI32(frame));
            case I32_POPCNT -> Integer.bitCount(operand.executeI32(frame));
            case I32_EXTEND8_S -> (byte) operand.executeI32(frame);
            case I32_EXTEND16_S -> (short) operand.executeI32(frame);
            case I32_WRAP_I64 -> (int) operand.executeI64(frame);
            case I32_TRUNC_F32_S -> NumericOps.i32TruncF32S(operand.executeF32(frame), this);
            case I32_TRUNC_F32_U -> NumericOps.i32TruncF32U(operand.executeF32(frame), this);
            case I32_TRUNC_F64_S -> NumericOps.i32TruncF64S(operand.executeF64(frame), this);
            case I32_TRUNC_F64_U -> NumericOps.i32TruncF64U(operand.executeF64(frame), this);
            case I32_TRUNC_SAT_F32_S -> NumericOps.i32TruncSatF32S(operand.executeF32(frame));
            case I32_TRUNC_SAT_F32_U -> NumericOps.i32TruncSatF32U(operand.executeF32(frame));
            case I32_TRUNC_SAT_F64_S -> NumericOps.i32TruncSatF64S(operand.executeF64(frame));
            case I32_TRUNC_SAT_F64_U -> NumericOps.i32TruncSatF64U(operand.executeF64(frame));
            case I32_REINTERPRET_F32 -> Float.floatToRawIntBits(operand.executeF32(frame));
            default -> throw unsupported();
        };
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return switch (op) {
            case I64_CLZ -> Long.numberOfLeadingZeros(operand.executeI64(frame));
            case I64_CTZ -> Long.numberOfTrailingZeros(operand.executeI64(frame));
            case I64_POPCNT -> Long.bitCount(operand.executeI64(frame));
            case I64_EXTEND8_S -> (byte) operand.executeI64(frame);
            case I64_EXTEND16_S -> (short) operand.executeI64(frame);
            case I64_EXTEND32_S -> (int) operand.executeI64(frame);
            case I64_EXTEND_I32_S -> operand.executeI32(frame);
            case I64_EXTEND_I32_U -> Integer.toUnsignedLong(operand.executeI32(frame));
            case I64_TRUNC_F32_S -> NumericOps.i64TruncF32S(operand.executeF32(frame), this);
            case I64_TRUNC_F32_U -> NumericOps.i64TruncF32U(operand.executeF32(frame), this);
            case I64_TRUNC_F64_S -> NumericOps.i64TruncF64S(operand.executeF64(frame), this);
            case I64_TRUNC_F64_U -> NumericOps.i64TruncF64U(operand.executeF64(frame), this);
            case I64_TRUNC_SAT_F32_S -> NumericOps.i64TruncSatF32S(operand.executeF32(frame));
            case I64_TRUNC_SAT_F32_U -> NumericOps.i64TruncSatF32U(operand.executeF32(frame));
            case I64_TRUNC_SAT_F64_S -> NumericOps.i64TruncSatF64S(operand.executeF64(frame));
            case I64_TRUNC_SAT_F64_U -> NumericOps.i64TruncSatF64U(operand.executeF64(frame));
            case I64_REINTERPRET_F64 -> Double.doubleToRawLongBits(operand.executeF64(frame));
            default -> throw unsupported();
        };
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return switch (op) {
            case F32_ABS -> NumericOps.f32Abs(operand.executeF32(frame));
            case F32_NEG -> NumericOps.f32Neg(operand.executeF32(frame));
            case F32_CEIL -> NumericOps.f32Ceil(operand.executeF32(frame));
            case F32_FLOOR -> NumericOps.f32Floor(operand.executeF32(frame));
            case F32_TRUNC -> NumericOps.f32Trunc(operand.executeF32(frame));
            case F32_NEAREST -> NumericOps.f32Nearest(operand.executeF32(frame));
            case F32_SQRT -> NumericOps.f32Sqrt(operand.executeF32(frame));
            case F32_CONVERT_I32_S -> operand.executeI32(frame);
            case F32_CONVERT_I32_U -> NumericOps.f32ConvertI32U(operand.executeI32(frame));
            case F32_CONVERT_I64_S -> operand.executeI64(frame);
            case F32_CONVERT_I64_U -> NumericOps.f32ConvertI64U(operand.executeI64(frame));
            case F32_DEMOTE_F64 -> NumericOps.f32DemoteF64(operand.executeF64(frame));
            case F32_REINTERPRET_I32 -> Float.intBitsToFloat(operand.executeI32(frame));
            default -> throw unsupported();
        };
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return switch (op) {
            case F64_ABS -> NumericOps.f64Abs(operand.executeF64(frame));
            case F64_NEG -> NumericOps.f64Neg(operand.executeF64(frame));
            case F64_CEIL -> NumericOps.f64Ceil(operand.executeF64(frame));
            case F64_FLOOR -> NumericOps.f64Floor(operand.executeF64(frame));
            case F64_TRUNC -> NumericOps.f64Trunc(operand.executeF64(frame));
            case F64_NEAREST -> NumericOps.f64Nearest(operand.executeF64(frame));
            case F64_SQRT -> NumericOps.f64Sqrt(operand.executeF64(frame));
            case F64_CONVERT_I32_S -> operand.executeI32(frame);
            case F64_CONVERT_I32_U -> Integer.toUnsignedLong(operand.executeI32(frame));
            case F64_CONVERT_I64_S -> operand.executeI64(frame);
            case F64_CONVERT_I64_U -> NumericOps.f64ConvertI64U(operand.executeI64(frame));
            case F64_PROMOTE_F32 -> NumericOps.f64PromoteF32(operand.executeF32(frame));
            case F64_REINTERPRET_I64 -> Double.longBitsToDouble(operand.executeI64(frame));
            default -> throw unsupported();
        };
    }
}
