package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;

/**
 * The vector stores (spec §4.4.7 {@code v128.store}, {@code v128.storeN_lane}): both operands are
 * evaluated, the access {@code [address + offset, + width)} is bounds-checked as in
 * {@link StoreNode}, then the 16 bytes, or the lane's raw bits at the lane's width, are written
 * little-endian. The family, width and lane are final fields, so partial evaluation keeps one path;
 * so is {@code chunked}, which sends a chunked (64-bit or shared) memory's store to
 * {@link MemoryNodes#storeVector} or {@link MemoryNodes#storeBits}.
 */
@NodeInfo(shortName = "v128.store")
public final class V128StoreNode extends StmtNode {
    private final Opcode op;
    private final boolean wholeVector;
    private final int width;
    private final int laneLog2;
    private final int lane;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64}. */
    private final boolean is64;
    /** Whether the memory is chunked (64-bit or shared, {@code WasmMemory}): the access takes the chunked path. */
    private final boolean chunked;
    @Child private ExprNode address;
    @Child private ExprNode vector;
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    /** The profiles of a 64-bit memory's access ({@link MemoryNodes.Paths64}). */
    private final MemoryNodes.Paths64 paths64 = new MemoryNodes.Paths64();

    public V128StoreNode(Opcode op, long offset, int memoryIndex, boolean is64, boolean chunked, int lane, ExprNode address, ExprNode vector) {
        this.op = op;
        this.wholeVector = SimdFamily.of(op) == SimdFamily.STORE;
        this.width = 1 << op.naturalAlignmentLog2();
        this.laneLog2 = wholeVector ? 0 : SimdFamily.laneLog2(op);
        this.lane = lane;
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.chunked = chunked;
        this.address = address;
        this.vector = vector;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        Object v = vector.executeV128(frame);
        if (chunked) {
            if (wholeVector) {
                MemoryNodes.storeVector(this, frame, memoryIndex, ea, v, outOfBounds, paths64);
            } else {
                MemoryNodes.storeBits(this, frame, memoryIndex, ea, width, SimdOps.INSTANCE.extractLane(v, laneLog2, lane), outOfBounds, paths64);
            }
            return FALLTHROUGH;
        }
        byte[] bytes = MemoryNodes.checkedBytes(this, frame, memoryIndex, ea, width, outOfBounds);
        if (wholeVector) {
            SimdOps.INSTANCE.store(bytes, (int) ea, v);
            return FALLTHROUGH;
        }
        WasmMemory.putBits(bytes, ea, width, SimdOps.INSTANCE.extractLane(v, laneLog2, lane));
        return FALLTHROUGH;
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
