package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;

/** {@code ref.func} (spec §4.4.2): the current instance's function instance with that index. */
@NodeInfo(shortName = "ref.func")
public final class RefFuncNode extends ExprNode {
    private final int functionIndex;

    public RefFuncNode(int functionIndex) {
        this.functionIndex = functionIndex;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return CallingConvention.instance(this, frame).functions[functionIndex];
    }
}
