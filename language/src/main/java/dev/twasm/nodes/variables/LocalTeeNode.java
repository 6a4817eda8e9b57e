package dev.twasm.nodes.variables;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.Slots;

/** {@code local.tee} (spec §4.4.5): stores the value in a local and also produces it. */
@NodeInfo(shortName = "local.tee")
public final class LocalTeeNode extends ExprNode {
    private final int slot;
    @Child private ExprNode value;

    public LocalTeeNode(int slot, ExprNode value) {
        this.slot = slot;
        this.value = value;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int v = value.executeI32(frame);
        Slots.setI32(frame, slot, v);
        return v;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long v = value.executeI64(frame);
        Slots.setI64(frame, slot, v);
        return v;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float v = value.executeF32(frame);
        Slots.setF32(frame, slot, v);
        return v;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double v = value.executeF64(frame);
        Slots.setF64(frame, slot, v);
        return v;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        Object v = value.executeRef(frame);
        Slots.setRef(frame, slot, v);
        return v;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        Object v = value.executeV128(frame);
        Slots.setRef(frame, slot, v);
        return v;
    }
}
