package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;

/** {@code memory.size} (spec §4.4.7): the current size in pages. */
@NodeInfo(shortName = "memory.size")
public final class MemorySizeNode extends ExprNode {
    private final int memoryIndex;

    public MemorySizeNode(int memoryIndex) {
        this.memoryIndex = memoryIndex;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return MemoryNodes.memory(this, frame, memoryIndex).pages();
    }

    /** {@code memory.size} of a 64-bit memory. */
    @Override
    public long executeI64(VirtualFrame frame) {
        return MemoryNodes.memory(this, frame, memoryIndex).pages();
    }
}
