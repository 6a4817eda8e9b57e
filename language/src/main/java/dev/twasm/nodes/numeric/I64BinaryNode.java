package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.NumericOps;

/** Binary instructions on two i64 operands: arithmetic, bitwise and shifts (i64), comparisons (i32). */
@NodeInfo(shortName = "i64.binop")
public final class I64BinaryNode extends NumericNode {
    @Child private ExprNode left;
    @Child private ExprNode right;

    public I64BinaryNode(Opcode op, ExprNode left, ExprNode right) {
        super(op);
        this.left = left;
        this.right = right;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long a = left.executeI64(frame);
        long b = right.executeI64(frame);
        return switch (op) {
            case I64_ADD -> a + b;
            case I64_SUB -> a - b;
            case I64_MUL -> a * b;
            case I64_DIV_S -> NumericOps.i64DivS(a, b, this);
            case I64_DIV_U -> NumericOps.i64DivU(a, b, this);
            case I64_REM_S -> NumericOps.i64RemS(a, b, this);
            case I64_REM_U -> NumericOps.i64RemU(a, b, this);
            case I64_AND -> a & b;
            case I64_OR -> a | b;
            case I64_XOR -> a ^ b;
            case I64_SHL -> a << b;
            case I64_SHR_S -> a >> b;
            case I64_SHR_U -> a >>> b;
            case I64_ROTL -> Long.rotateLeft(a, (int) b);
            case I64_ROTR -> Long.rotateRight(a, (int) b);
            default -> throw unsupported();
        };
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long a = left.executeI64(frame);
        long b = right.executeI64(frame);
        return switch (op) {
            case I64_EQ -> a == b ? 1 : 0;
            case I64_NE -> a != b ? 1 : 0;
            case I64_LT_S -> a < b ? 1 : 0;
            case I64_LT_U -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case I64_GT_S -> a > b ? 1 : 0;
            case I64_GT_U -> Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case I64_LE_S -> a <= b ? 1 : 0;
            case I64_LE_U -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case I64_GE_S -> a >= b ? 1 : 0;
            case I64_GE_U -> Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            default -> throw unsupported();
        };
    }
}
