package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

/**
 * {@code memory.copy} (spec §4.4.7): copies a range, with memmove semantics for overlapping
 * ranges ({@code System.arraycopy} guarantees that, and {@code WasmMemory.copy} across the chunks
 * of a 64-bit memory), trapping before any write if either range is out of bounds.
 */
@NodeInfo(shortName = "memory.copy")
public final class MemoryCopyNode extends BulkOperationNode {
    private final int destinationMemory;
    private final int sourceMemory;
    /** Whether either memory is chunked (64-bit or shared): the copy goes through {@link WasmMemory#copy}. */
    private final boolean chunked;

    public MemoryCopyNode(int destinationMemory, int sourceMemory, int wide, boolean chunked, ExprNode destination, ExprNode source, ExprNode length) {
        super(destination, source, length, wide, TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
        this.destinationMemory = destinationMemory;
        this.sourceMemory = sourceMemory;
        this.chunked = chunked;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long source, long length) {
        WasmMemory to = MemoryNodes.memory(this, frame, destinationMemory);
        WasmMemory from = MemoryNodes.memory(this, frame, sourceMemory);
        if (!AddressOperand.fits(source, length, from.byteSize()) || !AddressOperand.fits(destination, length, to.byteSize())) {
            throw outOfBounds.trap(this);
        }
        if (chunked) {
            WasmMemory.copy(from, source, to, destination, length);
            return;
        }
        System.arraycopy(from.buffer, (int) source, to.buffer, (int) destination, (int) length);
    }
}
