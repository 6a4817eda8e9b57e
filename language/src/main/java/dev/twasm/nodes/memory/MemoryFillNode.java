package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

import java.util.Arrays;

/** {@code memory.fill} (spec §4.4.7): sets a range to a byte value, trapping before any write if out of bounds. */
@NodeInfo(shortName = "memory.fill")
public final class MemoryFillNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    private final int memoryIndex;
    @Child private ExprNode destination;
    @Child private ExprNode value;
    @Child private ExprNode length;

    public MemoryFillNode(int memoryIndex, ExprNode destination, ExprNode value, ExprNode length) {
        this.memoryIndex = memoryIndex;
        this.destination = destination;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int v = value.executeI32(frame);
        int n = length.executeI32(frame);
        WasmMemory memory = MemoryNodes.memory(frame, memoryIndex);
        if (!MemoryNodes.inBounds(d, n, memory.byteSize())) {
            throw outOfBounds.trap(this);
        }
        Arrays.fill(memory.buffer, d, d + n, (byte) v);
        return FALLTHROUGH;
    }
}
