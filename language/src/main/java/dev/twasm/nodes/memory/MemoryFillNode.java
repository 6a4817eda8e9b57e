package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.BulkOperationNode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;

import java.util.Arrays;

/** {@code memory.fill} (spec §4.4.7): sets a range to a byte value, trapping before any write if out of bounds. */
@NodeInfo(shortName = "memory.fill")
public final class MemoryFillNode extends BulkOperationNode {
    private final int memoryIndex;
    /** Whether the memory is chunked (64-bit or shared). */
    private final boolean chunked;

    public MemoryFillNode(int memoryIndex, boolean is64, boolean chunked, ExprNode destination, ExprNode value, ExprNode length) {
        super(destination, value, length, wide(is64, false, is64), TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
        this.memoryIndex = memoryIndex;
        this.chunked = chunked;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long value, long length) {
        WasmMemory memory = MemoryNodes.memory(this, frame, memoryIndex);
        if (!AddressOperand.fits(destination, length, memory.byteSize())) {
            throw outOfBounds.trap(this);
        }
        if (chunked) {
            memory.fill(destination, length, (byte) value);
            return;
        }
        Arrays.fill(memory.buffer, (int) destination, (int) (destination + length), (byte) value);
    }
}
