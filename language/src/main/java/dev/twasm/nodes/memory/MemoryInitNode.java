package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

/**
 * {@code memory.init} (spec §4.4.7): copies from a passive data segment (empty once dropped) into
 * memory, trapping before any write if either range is out of bounds.
 */
@NodeInfo(shortName = "memory.init")
public final class MemoryInitNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    private final int dataIndex;
    private final int memoryIndex;
    @Child private ExprNode destination;
    @Child private ExprNode source;
    @Child private ExprNode length;

    public MemoryInitNode(int dataIndex, int memoryIndex, ExprNode destination, ExprNode source, ExprNode length) {
        this.dataIndex = dataIndex;
        this.memoryIndex = memoryIndex;
        this.destination = destination;
        this.source = source;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int s = source.executeI32(frame);
        int n = length.executeI32(frame);
        byte[] data = CallingConvention.instance(frame).dataSegments[dataIndex];
        WasmMemory memory = MemoryNodes.memory(frame, memoryIndex);
        if (!MemoryNodes.inBounds(s, n, data.length) || !MemoryNodes.inBounds(d, n, memory.byteSize())) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(data, s, memory.buffer, d, n);
        return FALLTHROUGH;
    }
}
