package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;

/**
 * The vector stores (spec §4.4.7 {@code v128.store}, {@code v128.storeN_lane}): both operands are
 * evaluated, the access {@code [address + offset, + width)} is bounds-checked as in
 * {@link StoreNode}, then the 16 bytes, or the lane's raw bits at the lane's width, are written
 * little-endian. The family, width and lane are final fields, so partial evaluation keeps one path.
 */
@NodeInfo(shortName = "v128.store")
public final class V128StoreNode extends StmtNode {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final Opcode op;
    private final boolean wholeVector;
    private final int width;
    private final int laneLog2;
    private final int lane;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64}. */
    private final boolean is64;
    @Child private ExprNode address;
    @Child private ExprNode vector;
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);

    public V128StoreNode(Opcode op, long offset, int memoryIndex, boolean is64, int lane, ExprNode address, ExprNode vector) {
        this.op = op;
        this.wholeVector = SimdFamily.of(op) == SimdFamily.STORE;
        this.width = 1 << op.naturalAlignmentLog2();
        this.laneLog2 = wholeVector ? 0 : SimdFamily.laneLog2(op);
        this.lane = lane;
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.address = address;
        this.vector = vector;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        Object v = vector.executeV128(frame);
        byte[] bytes = MemoryNodes.checkedBytes(this, frame, memoryIndex, ea, width, outOfBounds);
        if (wholeVector) {
            SimdOps.INSTANCE.store(bytes, (int) ea, v);
            return FALLTHROUGH;
        }
        long bits = SimdOps.INSTANCE.extractLane(v, laneLog2, lane);
        switch (width) {
            case 1 -> LE.putByte(bytes, ea, (byte) bits);
            case 2 -> LE.putShort(bytes, ea, (short) bits);
            case 4 -> LE.putInt(bytes, ea, (int) bits);
            default -> LE.putLong(bytes, ea, bits);
        }
        return FALLTHROUGH;
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
