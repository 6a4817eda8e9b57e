package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

/**
 * {@code memory.copy} (spec §4.4.7): copies a range, with memmove semantics for overlapping
 * ranges ({@code System.arraycopy} guarantees that), trapping before any write if either range
 * is out of bounds.
 */
@NodeInfo(shortName = "memory.copy")
public final class MemoryCopyNode extends StmtNode {
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    private final int destinationMemory;
    private final int sourceMemory;
    @Child private ExprNode destination;
    @Child private ExprNode source;
    @Child private ExprNode length;

    public MemoryCopyNode(int destinationMemory, int sourceMemory, ExprNode destination, ExprNode source, ExprNode length) {
        this.destinationMemory = destinationMemory;
        this.sourceMemory = sourceMemory;
        this.destination = destination;
        this.source = source;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int d = destination.executeI32(frame);
        int s = source.executeI32(frame);
        int n = length.executeI32(frame);
        WasmMemory to = MemoryNodes.memory(frame, destinationMemory);
        WasmMemory from = MemoryNodes.memory(frame, sourceMemory);
        if (!MemoryNodes.inBounds(s, n, from.byteSize()) || !MemoryNodes.inBounds(d, n, to.byteSize())) {
            throw outOfBounds.trap(this);
        }
        System.arraycopy(from.buffer, s, to.buffer, d, n);
        return FALLTHROUGH;
    }
}
