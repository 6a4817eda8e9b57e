package dev.twasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * Operands that are addresses, indices or sizes of a memory or table (spec 3.0 §2.3.10, the
 * address type {@code i32} or {@code i64}), read as unsigned {@code long}s. The address type is a
 * final field of the node that reads the operand, a constant in compiled code, so a 32-bit memory
 * keeps its zero-extended {@code i32} read and its single bounds compare.
 *
 * <p>A 64-bit value at or above 2^63 is a negative {@code long}; {@link #fits} compares unsigned,
 * so such a range is simply out of bounds (every memory and table of this engine is smaller than
 * 2^63 bytes or elements: 32-bit memories and tables below 2^31, 64-bit memories below
 * {@code wasm.MaxMemory64Bytes}).
 */
public final class AddressOperand {
    private AddressOperand() {
    }

    /** The operand as an unsigned number: {@code executeI64} when {@code is64}, else the zero-extended {@code executeI32}. */
    public static long read(ExprNode operand, VirtualFrame frame, boolean is64) {
        return is64 ? operand.executeI64(frame) : Integer.toUnsignedLong(operand.executeI32(frame));
    }

    /** Whether {@code [start, start + length)} lies within {@code [0, size)}, all three unsigned. */
    public static boolean fits(long start, long length, long size) {
        return Long.compareUnsigned(start, size) <= 0 && Long.compareUnsigned(length, size - start) <= 0;
    }

    /**
     * The effective address of a load or store, {@code address + offset} (spec §4.4.7), or -1
     * (out of bounds of every memory) when the sum is at least 2^63; {@code offset} is unsigned
     * and, for a 32-bit memory, below 2^32.
     */
    public static long effectiveAddress(ExprNode address, VirtualFrame frame, boolean is64, long offset) {
        if (is64) {
            return effectiveAddress64(address.executeI64(frame), offset);
        }
        return Integer.toUnsignedLong(address.executeI32(frame)) + offset;
    }

    /** A 64-bit memory's effective address {@code address + offset} (both unsigned), or -1 when the sum is at least 2^63. */
    public static long effectiveAddress64(long address, long offset) {
        long ea = address + offset;
        return (address | offset | ea) < 0 ? -1 : ea;
    }
}
