package dev.twasm.nodes.variables;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.WasmGlobal;

/**
 * {@code global.get} (spec §4.4.5). Globals are cells shared between instances, reached through
 * the instance passed in the frame, since the code is shared by every instance of the module.
 */
@NodeInfo(shortName = "global.get")
public final class GlobalGetNode extends ExprNode {
    private final int index;

    public GlobalGetNode(int index) {
        this.index = index;
    }

    private WasmGlobal global(VirtualFrame frame) {
        return CallingConvention.instance(this, frame).globals[index];
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return global(frame).getI32();
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return global(frame).getI64();
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return global(frame).getF32();
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return global(frame).getF64();
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return global(frame).getRef();
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        return global(frame).getRef();
    }
}
