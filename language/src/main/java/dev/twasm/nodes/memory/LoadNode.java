package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/**
 * Every load instruction (spec §4.4.7 {@code t.load}, {@code t.loadN_sx}): reads little-endian
 * from the memory's {@code byte[]} at {@code address + offset}, where both are unsigned. The
 * effective address is a {@code long}, so it cannot wrap. The bounds check is
 * {@link ByteArraySupport#inBounds} with the access width, the same test the accessor repeats
 * inside, so the compiler folds the two into one compare against the array length; the trap path
 * is behind a {@link TrapSite} profile.
 *
 * <p>The memory's array is read after the address is evaluated and on every execution, because
 * the address computation may grow the memory.
 *
 * <p>A 64-bit or shared memory is chunked ({@code WasmMemory}); on one, {@code chunked} (a final
 * field, so partial evaluation keeps one path) sends the access to {@link MemoryNodes#loadBits}, the chunk
 * lookup and a zero-extending load of the width, and the bits are sign-extended and reinterpreted
 * here. A 32-bit unshared memory's compiled load contains none of that.
 */
@NodeInfo(shortName = "load")
public final class LoadNode extends ExprNode {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final Opcode op;
    private final int width;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64} and the memory is chunked. */
    private final boolean is64;
    /** Whether the memory is chunked (64-bit or shared, {@code WasmMemory}): the access takes the chunked path. */
    private final boolean chunked;
    /** Whether the load sign-extends ({@code _s}); only the 64-bit path needs it as a field. */
    private final boolean signed;
    @Child private ExprNode address;

    public LoadNode(Opcode op, long offset, int memoryIndex, boolean is64, boolean chunked, ExprNode address) {
        this.op = op;
        this.width = 1 << op.naturalAlignmentLog2();
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.chunked = chunked;
        this.signed = op.mnemonic().endsWith("_s");
        this.address = address;
    }

    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    /** The profiles of a 64-bit memory's access ({@link MemoryNodes.Paths64}). */
    private final MemoryNodes.Paths64 paths64 = new MemoryNodes.Paths64();

    private long effectiveAddress(VirtualFrame frame) {
        return AddressOperand.effectiveAddress(address, frame, is64, offset);
    }

    /** The memory's bytes, after checking that {@code [ea, ea + width)} lies within them. */
    private byte[] checkedBytes(VirtualFrame frame, long ea) {
        return MemoryNodes.checkedBytes(this, frame, memoryIndex, ea, width, outOfBounds);
    }

    /** A 64-bit memory's load: the bits at {@code ea}, sign- or zero-extended to 64 bits. */
    private long load64(VirtualFrame frame, long ea) {
        long bits = MemoryNodes.loadBits(this, frame, memoryIndex, ea, width, outOfBounds, paths64);
        int unused = 64 - 8 * width;
        return signed ? bits << unused >> unused : bits;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        if (chunked) {
            return (int) load64(frame, ea);
        }
        byte[] bytes = checkedBytes(frame, ea);
        return switch (op) {
            case I32_LOAD -> LE.getInt(bytes, ea);
            case I32_LOAD8_S -> LE.getByte(bytes, ea);
            case I32_LOAD8_U -> LE.getByte(bytes, ea) & 0xFF;
            case I32_LOAD16_S -> LE.getShort(bytes, ea);
            case I32_LOAD16_U -> LE.getShort(bytes, ea) & 0xFFFF;
            default -> throw new IllegalStateException();
        };
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        if (chunked) {
            return load64(frame, ea);
        }
        byte[] bytes = checkedBytes(frame, ea);
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
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        if (chunked) {
            return Float.intBitsToFloat((int) load64(frame, ea));
        }
        byte[] bytes = checkedBytes(frame, ea);
        // A float load, not int bits then intBitsToFloat: the bits move unchanged either way (no
        // NaN canonicalization), and Graal folds a float load into the arithmetic that uses it,
        // which it does not for a reinterpreted int load.
        return LE.getFloat(bytes, ea);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        long ea = effectiveAddress(frame);
        if (chunked) {
            return Double.longBitsToDouble(load64(frame, ea));
        }
        byte[] bytes = checkedBytes(frame, ea);
        return LE.getDouble(bytes, ea);
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
