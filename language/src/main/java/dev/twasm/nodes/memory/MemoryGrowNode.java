package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;

/**
 * {@code memory.grow} (spec §4.4.7): grows by an unsigned page count and returns the old size, or
 * -1. The copy happens behind a boundary in {@code WasmMemory.grow}.
 */
@NodeInfo(shortName = "memory.grow")
public final class MemoryGrowNode extends ExprNode {
    private final int memoryIndex;
    private final boolean is64;
    @Child private ExprNode delta;

    public MemoryGrowNode(int memoryIndex, boolean is64, ExprNode delta) {
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.delta = delta;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return grow(frame);
    }

    /** {@code memory.grow} of a 64-bit memory: the old size in pages, or -1. */
    @Override
    public long executeI64(VirtualFrame frame) {
        return grow(frame);
    }

    private int grow(VirtualFrame frame) {
        long pages = AddressOperand.read(delta, frame, is64);
        return MemoryNodes.memory(this, frame, memoryIndex).grow(pages);
    }
}
