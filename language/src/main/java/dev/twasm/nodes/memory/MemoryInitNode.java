package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

/**
 * {@code memory.init} (spec §4.4.7): copies from a passive data segment (empty once dropped) into
 * memory, trapping before any write if either range is out of bounds.
 */
@NodeInfo(shortName = "memory.init")
public final class MemoryInitNode extends BulkOperationNode {
    private final int dataIndex;
    private final int memoryIndex;
    /** Whether the memory is chunked (64-bit or shared). */
    private final boolean chunked;

    public MemoryInitNode(int dataIndex, int memoryIndex, boolean is64, boolean chunked, ExprNode destination, ExprNode source, ExprNode length) {
        super(destination, source, length, wide(is64, false, false), TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
        this.dataIndex = dataIndex;
        this.memoryIndex = memoryIndex;
        this.chunked = chunked;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long source, long length) {
        byte[] data = CallingConvention.instance(this, frame).dataSegments[dataIndex];
        WasmMemory memory = MemoryNodes.memory(this, frame, memoryIndex);
        if (!AddressOperand.fits(source, length, data.length) || !AddressOperand.fits(destination, length, memory.byteSize())) {
            throw outOfBounds.trap(this);
        }
        if (chunked) {
            memory.copyIn(destination, data, (int) source, (int) length);
            return;
        }
        System.arraycopy(data, (int) source, memory.buffer, (int) destination, (int) length);
    }
}
