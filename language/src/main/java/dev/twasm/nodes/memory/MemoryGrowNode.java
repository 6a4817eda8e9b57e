package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/**
 * {@code memory.grow} (spec §4.4.7): grows by an unsigned page count and returns the old size, or
 * -1. The copy happens behind a boundary in {@code WasmMemory.grow}.
 */
@NodeInfo(shortName = "memory.grow")
public final class MemoryGrowNode extends ExprNode {
    private final int memoryIndex;
    @Child private ExprNode delta;

    public MemoryGrowNode(int memoryIndex, ExprNode delta) {
        this.memoryIndex = memoryIndex;
        this.delta = delta;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long pages = Integer.toUnsignedLong(delta.executeI32(frame));
        return MemoryNodes.memory(this, frame, memoryIndex).grow(pages);
    }
}
