package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.NumericOps;

/** Binary instructions on two i32 operands: arithmetic, bitwise, shifts and comparisons. */
@NodeInfo(shortName = "i32.binop")
public final class I32BinaryNode extends NumericNode {
    @Child private ExprNode left;
    @Child private ExprNode right;

    public I32BinaryNode(Opcode op, ExprNode left, ExprNode right) {
        super(op);
        this.left = left;
        this.right = right;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = left.executeI32(frame);
        int b = right.executeI32(frame);
        return switch (op) {
            case I32_ADD -> a + b;
            case I32_SUB -> a - b;
            case I32_MUL -> a * b;
            case I32_DIV_S -> NumericOps.i32DivS(a, b, this);
            case I32_DIV_U -> NumericOps.i32DivU(a, b, this);
            case I32_REM_S -> NumericOps.i32RemS(a, b, this);
            case I32_REM_U -> NumericOps.i32RemU(a, b, this);
            case I32_AND -> a & b;
            case I32_OR -> a | b;
            case I32_XOR -> a ^ b;
            case I32_SHL -> a << b;
            case I32_SHR_S -> a >> b;
            case I32_SHR_U -> a >>> b;
            case I32_ROTL -> Integer.rotateLeft(a, b);
            case I32_ROTR -> Integer.rotateRight(a, b);
            case I32_EQ -> a == b ? 1 : 0;
            case I32_NE -> a != b ? 1 : 0;
            case I32_LT_S -> a < b ? 1 : 0;
            case I32_LT_U -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
            case I32_GT_S -> a > b ? 1 : 0;
            case I32_GT_U -> Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
            case I32_LE_S -> a <= b ? 1 : 0;
            case I32_LE_U -> Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case I32_GE_S -> a >= b ? 1 : 0;
            case I32_GE_U -> Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
            default -> throw unsupported();
        };
    }
}
