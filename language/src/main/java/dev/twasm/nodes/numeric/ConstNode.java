package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/**
 * {@code t.const} and {@code ref.null} (spec §4.4.1, §4.4.2): a constant. Numbers are kept as raw
 * bits so float constants keep their exact NaN payloads; the parent calls the typed execute method
 * of the constant's type.
 */
@NodeInfo(shortName = "const")
public final class ConstNode extends ExprNode {
    private final long bits;
    private final Object reference;

    private ConstNode(long bits, Object reference) {
        this.bits = bits;
        this.reference = reference;
    }

    public static ConstNode ofBits(long bits) {
        return new ConstNode(bits, null);
    }

    public static ConstNode ofReference(Object reference) {
        return new ConstNode(0, reference);
    }

    /** {@code v128.const}: the value object of {@link dev.twasm.simd.SimdOps#INSTANCE}, a constant in compiled code. */
    public static ConstNode ofV128(Object value) {
        return new ConstNode(0, value);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) bits;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return bits;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return Float.intBitsToFloat((int) bits);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return reference;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        return reference;
    }
}
