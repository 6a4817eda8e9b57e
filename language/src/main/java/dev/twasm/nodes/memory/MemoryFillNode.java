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
    /** Whether the memory is 64-bit, hence chunked. */
    private final boolean is64;

    public MemoryFillNode(int memoryIndex, boolean is64, ExprNode destination, ExprNode value, ExprNode length) {
        super(destination, value, length, wide(is64, false, is64), TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
    }

    @Override
    protected void perform(VirtualFrame frame, long destination, long value, long length) {
        WasmMemory memory = MemoryNodes.memory(this, frame, memoryIndex);
        if (!AddressOperand.fits(destination, length, memory.byteSize())) {
            throw outOfBounds.trap(this);
        }
        if (is64) {
            memory.fill(destination, length, (byte) value);
            return;
        }
        Arrays.fill(memory.buffer, (int) destination, (int) (destination + length), (byte) value);
    }
}
