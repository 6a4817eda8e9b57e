package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/**
 * {@code select} (spec §4.4.4): evaluates both operands and the condition, in that order, then
 * picks the first operand when the condition is non-zero. Left unprofiled so the compiler may
 * emit a conditional move, which is what compilers that emit {@code select} intend.
 */
@NodeInfo(shortName = "select")
public final class SelectNode extends ExprNode {
    @Child private ExprNode first;
    @Child private ExprNode second;
    @Child private ExprNode condition;

    public SelectNode(ExprNode first, ExprNode second, ExprNode condition) {
        this.first = first;
        this.second = second;
        this.condition = condition;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = first.executeI32(frame);
        int b = second.executeI32(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long a = first.executeI64(frame);
        long b = second.executeI64(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float a = first.executeF32(frame);
        float b = second.executeF32(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double a = first.executeF64(frame);
        double b = second.executeF64(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        Object a = first.executeRef(frame);
        Object b = second.executeRef(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        Object a = first.executeV128(frame);
        Object b = second.executeV128(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }
}
