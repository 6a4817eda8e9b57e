package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

/**
 * Every store instruction (spec §4.4.7 {@code t.store}, {@code t.storeN}): evaluates the address
 * and then the value, and writes little-endian at {@code address + offset}. The bounds check
 * happens before any byte is written, so a store that is partly out of bounds changes nothing.
 */
@NodeInfo(shortName = "store")
public final class StoreNode extends StmtNode {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final Opcode op;
    private final long offset;
    private final int memoryIndex;
    @Child private ExprNode address;
    @Child private ExprNode value;

    public StoreNode(Opcode op, long offset, int memoryIndex, ExprNode address, ExprNode value) {
        this.op = op;
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.address = address;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long ea = Integer.toUnsignedLong(address.executeI32(frame)) + offset;
        switch (op) {
            case I32_STORE -> storeInt(frame, ea, value.executeI32(frame));
            case I32_STORE8 -> storeByte(frame, ea, value.executeI32(frame));
            case I32_STORE16 -> storeShort(frame, ea, value.executeI32(frame));
            case I64_STORE -> storeLong(frame, ea, value.executeI64(frame));
            case I64_STORE8 -> storeByte(frame, ea, (int) value.executeI64(frame));
            case I64_STORE16 -> storeShort(frame, ea, (int) value.executeI64(frame));
            case I64_STORE32 -> storeInt(frame, ea, (int) value.executeI64(frame));
            case F32_STORE -> storeInt(frame, ea, Float.floatToRawIntBits(value.executeF32(frame)));
            case F64_STORE -> storeLong(frame, ea, Double.doubleToRawLongBits(value.executeF64(frame)));
            default -> throw new IllegalStateException();
        }
        return FALLTHROUGH;
    }

    private byte[] bytes(VirtualFrame frame) {
        return MemoryNodes.memory(frame, memoryIndex).buffer;
    }

    private void storeByte(VirtualFrame frame, long ea, int v) {
        try {
            LE.putByte(bytes(frame), ea, (byte) v);
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    private void storeShort(VirtualFrame frame, long ea, int v) {
        try {
            LE.putShort(bytes(frame), ea, (short) v);
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    private void storeInt(VirtualFrame frame, long ea, int v) {
        try {
            LE.putInt(bytes(frame), ea, v);
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    private void storeLong(VirtualFrame frame, long ea, long v) {
        try {
            LE.putLong(bytes(frame), ea, v);
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
