package dev.twasm.nodes.variables;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.Slots;

/**
 * {@code local.get} (spec §4.4.5), and reads of the hidden slots that hold block results, branch
 * values and spilled operands. One class for every value type: the parent calls only the typed
 * execute method matching the slot's kind, so no dispatch on the kind is needed here.
 */
@NodeInfo(shortName = "local.get")
public final class LocalGetNode extends ExprNode {
    private final int slot;

    public LocalGetNode(int slot) {
        this.slot = slot;
    }

    public int slot() {
        return slot;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return Slots.getI32(frame, slot);
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return Slots.getI64(frame, slot);
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return Slots.getF32(frame, slot);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return Slots.getF64(frame, slot);
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return Slots.getRef(frame, slot);
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        return Slots.getRef(frame, slot);
    }
}
