package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;

/**
 * Every store instruction (spec §4.4.7 {@code t.store}, {@code t.storeN}): evaluates the address
 * and then the value, and writes little-endian at {@code address + offset}. The bounds check
 * (as in {@link LoadNode}) happens before any byte is written, so a store that is partly out of
 * bounds changes nothing. On a chunked (64-bit or shared) memory, {@code chunked}, a final field, sends the
 * value's raw bits to {@link MemoryNodes#storeBits} instead, as {@link LoadNode} does for loads.
 */
@NodeInfo(shortName = "store")
public final class StoreNode extends StmtNode {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final Opcode op;
    private final int width;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64}. */
    private final boolean is64;
    /** Whether the memory is chunked (64-bit or shared, {@code WasmMemory}): the access takes the chunked path. */
    private final boolean chunked;
    /** The type of the stored value. */
    private final ValType valueType;
    @Child private ExprNode address;
    @Child private ExprNode value;

    public StoreNode(Opcode op, long offset, int memoryIndex, boolean is64, boolean chunked, ExprNode address, ExprNode value) {
        this.op = op;
        this.width = 1 << op.naturalAlignmentLog2();
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.chunked = chunked;
        this.valueType = op.params()[1];
        this.address = address;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        if (chunked) {
            MemoryNodes.storeBits(this, frame, memoryIndex, ea, width, valueBits(frame), outOfBounds, paths64);
            return FALLTHROUGH;
        }
        switch (op) {
            case I32_STORE -> storeInt(frame, ea, value.executeI32(frame));
            case I32_STORE8 -> storeByte(frame, ea, value.executeI32(frame));
            case I32_STORE16 -> storeShort(frame, ea, value.executeI32(frame));
            case I64_STORE -> storeLong(frame, ea, value.executeI64(frame));
            case I64_STORE8 -> storeByte(frame, ea, (int) value.executeI64(frame));
            case I64_STORE16 -> storeShort(frame, ea, (int) value.executeI64(frame));
            case I64_STORE32 -> storeInt(frame, ea, (int) value.executeI64(frame));
            case F32_STORE -> storeFloat(frame, ea, value.executeF32(frame));
            case F64_STORE -> storeDouble(frame, ea, value.executeF64(frame));
            default -> throw new IllegalStateException();
        }
        return FALLTHROUGH;
    }

    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    /** The profiles of a 64-bit memory's access ({@link MemoryNodes.Paths64}). */
    private final MemoryNodes.Paths64 paths64 = new MemoryNodes.Paths64();

    /** The value operand's bits (floats' unchanged), for a 64-bit memory's store. */
    private long valueBits(VirtualFrame frame) {
        return switch (valueType.kind()) {
            case I32 -> value.executeI32(frame);
            case I64 -> value.executeI64(frame);
            case F32 -> Float.floatToRawIntBits(value.executeF32(frame));
            default -> Double.doubleToRawLongBits(value.executeF64(frame));
        };
    }

    /** The memory's bytes, after checking that {@code [ea, ea + width)} lies within them. */
    private byte[] checkedBytes(VirtualFrame frame, long ea) {
        return MemoryNodes.checkedBytes(this, frame, memoryIndex, ea, width, outOfBounds);
    }

    private void storeByte(VirtualFrame frame, long ea, int v) {
        LE.putByte(checkedBytes(frame, ea), ea, (byte) v);
    }

    private void storeShort(VirtualFrame frame, long ea, int v) {
        LE.putShort(checkedBytes(frame, ea), ea, (short) v);
    }

    private void storeInt(VirtualFrame frame, long ea, int v) {
        LE.putInt(checkedBytes(frame, ea), ea, v);
    }

    private void storeLong(VirtualFrame frame, long ea, long v) {
        LE.putLong(checkedBytes(frame, ea), ea, v);
    }

    /** A float store (bits unchanged, like the loads in {@link LoadNode#executeF32}). */
    private void storeFloat(VirtualFrame frame, long ea, float v) {
        LE.putFloat(checkedBytes(frame, ea), ea, v);
    }

    private void storeDouble(VirtualFrame frame, long ea, double v) {
        LE.putDouble(checkedBytes(frame, ea), ea, v);
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
