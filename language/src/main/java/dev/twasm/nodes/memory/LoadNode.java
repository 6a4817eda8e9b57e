package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;

/**
 * Every load instruction (spec §4.4.7 {@code t.load}, {@code t.loadN_sx}): reads little-endian
 * from the memory's {@code byte[]} at {@code address + offset}, where both are unsigned. The
 * effective address is a {@code long}, so it cannot wrap, and {@link ByteArraySupport}'s bounds
 * check is the Wasm bounds check: an {@link IndexOutOfBoundsException} becomes the trap.
 *
 * <p>The memory's array is read after the address is evaluated and on every execution, because
 * the address computation may grow the memory.
 */
@NodeInfo(shortName = "load")
public final class LoadNode extends ExprNode {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final Opcode op;
    private final long offset;
    private final int memoryIndex;
    @Child private ExprNode address;

    public LoadNode(Opcode op, long offset, int memoryIndex, ExprNode address) {
        this.op = op;
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.address = address;
    }

    private long effectiveAddress(VirtualFrame frame) {
        return Integer.toUnsignedLong(address.executeI32(frame)) + offset;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        byte[] bytes = MemoryNodes.memory(frame, memoryIndex).buffer;
        try {
            return switch (op) {
                case I32_LOAD -> LE.getInt(bytes, ea);
                case I32_LOAD8_S -> LE.getByte(bytes, ea);
                case I32_LOAD8_U -> LE.getByte(bytes, ea) & 0xFF;
                case I32_LOAD16_S -> LE.getShort(bytes, ea);
                case I32_LOAD16_U -> LE.getShort(bytes, ea) & 0xFFFF;
                default -> throw new IllegalStateException();
            };
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        byte[] bytes = MemoryNodes.memory(frame, memoryIndex).buffer;
        try {
            return switch (op) {
                case I64_LOAD -> LE.getLong(bytes, ea);
                case I64_LOAD8_S -> LE.getByte(bytes, ea);
                case I64_LOAD8_U -> LE.getByte(bytes, ea) & 0xFFL;
                case I64_LOAD16_S -> LE.getShort(bytes, ea);
                case I64_LOAD16_U -> LE.getShort(bytes, ea) & 0xFFFFL;
                case I64_LOAD32_S -> LE.getInt(bytes, ea);
                case I64_LOAD32_U -> LE.getInt(bytes, ea) & 0xFFFF_FFFFL;
                default -> throw new IllegalStateException();
            };
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        byte[] bytes = MemoryNodes.memory(frame, memoryIndex).buffer;
        try {
            // Through the int bits, so signalling NaN payloads are preserved exactly.
            return Float.intBitsToFloat(LE.getInt(bytes, ea));
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        byte[] bytes = MemoryNodes.memory(frame, memoryIndex).buffer;
        try {
            return Double.longBitsToDouble(LE.getLong(bytes, ea));
        } catch (IndexOutOfBoundsException e) {
            throw MemoryNodes.outOfBounds(this);
        }
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
