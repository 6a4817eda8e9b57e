package dev.twasm.runtime;

import com.oracle.truffle.api.memory.ByteArraySupport;

/**
 * The atomic accesses of the threads proposal on one array of a memory ({@link WasmMemory}): an
 * aligned access of {@code width} bytes (1, 2, 4 or 8) at {@code index}, which the caller has
 * found in bounds and aligned ({@link WasmMemory#atomicArray}). Every access is sequentially
 * consistent, as the proposal's atomics are: the volatile and read-modify-write accessors of
 * {@link ByteArraySupport} ({@code VarHandle} volatile mode on the array's bytes, docs/rationale.md
 * "Why is a shared memory chunked and never copied?"). Narrow results are zero-extended to 64 bits;
 * the caller narrows to {@code i32} where the instruction's type says so.
 *
 * <p>Plain static methods over {@code width} and the {@link AtomicOperation}: the AST node passes
 * them as constants (final fields), so partial evaluation keeps one accessor; the baseline tier
 * calls the same methods through {@code baseline/AtomicSupport} with the constants as arguments,
 * which C2 inlines.
 */
public final class AtomicAccess {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private AtomicAccess() {
    }

    /** The low {@code width} bytes of {@code bits}, zero-extended. */
    public static long wrap(long bits, int width) {
        return width == 8 ? bits : bits & ((1L << (8 * width)) - 1);
    }

    /** {@code t.atomic.load}: the bits at {@code index}, zero-extended. */
    public static long load(byte[] a, long index, int width) {
        return switch (width) {
            case 1 -> LE.getByteVolatile(a, index) & 0xFFL;
            case 2 -> LE.getShortVolatile(a, index) & 0xFFFFL;
            case 4 -> LE.getIntVolatile(a, index) & 0xFFFF_FFFFL;
            default -> LE.getLongVolatile(a, index);
        };
    }

    /** {@code t.atomic.store}: the low {@code width} bytes of {@code bits}. */
    public static void store(byte[] a, long index, int width, long bits) {
        switch (width) {
            case 1 -> LE.putByteVolatile(a, index, (byte) bits);
            case 2 -> LE.putShortVolatile(a, index, (short) bits);
            case 4 -> LE.putIntVolatile(a, index, (int) bits);
            default -> LE.putLongVolatile(a, index, bits);
        }
    }

    /**
     * A read-modify-write ({@link AtomicOperation#isReadModifyWrite}) with {@code operand}: the old
     * value, zero-extended. {@code add} and {@code sub} (an add of the negation, the same bits
     * modulo 2^width) are the hardware's fetch-and-add; the others a compare-and-exchange loop,
     * one method for every width and operation instead of a family of twenty accessor calls (the
     * JDK's own {@code getAndBitwise*} are such a loop; only {@code xchg} gives up a single
     * exchange instruction).
     */
    public static long readModifyWrite(byte[] a, long index, int width, AtomicOperation op, long operand) {
        if (op == AtomicOperation.ADD || op == AtomicOperation.SUB) {
            long v = op == AtomicOperation.SUB ? -operand : operand;
            return switch (width) {
                case 1 -> LE.getAndAddByte(a, index, (byte) v) & 0xFFL;
                case 2 -> LE.getAndAddShort(a, index, (short) v) & 0xFFFFL;
                case 4 -> LE.getAndAddInt(a, index, (int) v) & 0xFFFF_FFFFL;
                default -> LE.getAndAddLong(a, index, v);
            };
        }
        long old;
        long witness = load(a, index, width);
        do {
            old = witness;
            long updated = switch (op) {
                case AND -> old & operand;
                case OR -> old | operand;
                case XOR -> old ^ operand;
                default -> operand;
            };
            witness = compareExchange(a, index, width, old, updated);
        } while (witness != old);
        return old;
    }

    /**
     * {@code t.atomic.rmwN.cmpxchg_u}: stores {@code replacement} if the value equals
     * {@code expected} wrapped to the width (the proposal compares the loaded value with the
     * expected operand wrapped, so high bits of {@code expected} never make a match fail);
     * returns the old value, zero-extended.
     */
    public static long compareExchange(byte[] a, long index, int width, long expected, long replacement) {
        return switch (width) {
            case 1 -> LE.compareAndExchangeByte(a, index, (byte) expected, (byte) replacement) & 0xFFL;
            case 2 -> LE.compareAndExchangeShort(a, index, (short) expected, (short) replacement) & 0xFFFFL;
            case 4 -> LE.compareAndExchangeInt(a, index, (int) expected, (int) replacement) & 0xFFFF_FFFFL;
            default -> LE.compareAndExchangeLong(a, index, expected, replacement);
        };
    }
}
