package dev.twasm.nodes.vector;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.simd.SimdOps;

/**
 * {@code i8x16.shuffle} (spec §4.4.3): lane i of the result is byte {@code lanes[i]} of the
 * concatenation of the two operands. The 16 lane indices are an immediate, a compilation-final
 * array, so compiled code sees a constant permutation.
 */
@NodeInfo(shortName = "i8x16.shuffle")
public final class ShuffleNode extends ExprNode {
    @CompilationFinal(dimensions = 1) private final byte[] lanes;
    @Child private ExprNode first;
    @Child private ExprNode second;

    public ShuffleNode(byte[] lanes, ExprNode first, ExprNode second) {
        this.lanes = lanes.clone();
        this.first = first;
        this.second = second;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        Object a = first.executeV128(frame);
        Object b = second.executeV128(frame);
        return SimdOps.INSTANCE.shuffle(a, b, lanes);
    }
}
