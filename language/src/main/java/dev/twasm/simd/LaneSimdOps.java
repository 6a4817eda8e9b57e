package dev.twasm.simd;

import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.twasm.model.Opcode;

/**
 * {@link SimdOps} on {@link V128} values with plain Java lane arithmetic. PLACEHOLDER: the
 * function families are being written.
 */
final class LaneSimdOps extends SimdOps {
    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    @Override
    public String name() {
        return "lanes";
    }

    @Override
    public Object fromLongs(long lo, long hi) {
        return new V128(lo, hi);
    }

    @Override
    public long lo(Object v) {
        return ((V128) v).lo;
    }

    @Override
    public long hi(Object v) {
        return ((V128) v).hi;
    }

    @Override
    public boolean isValue(Object o) {
        return o instanceof V128;
    }

    @Override
    public Object load(byte[] memory, int index) {
        return new V128(LE.getLong(memory, index), LE.getLong(memory, index + 8));
    }

    @Override
    public void store(byte[] memory, int index, Object v) {
        V128 x = (V128) v;
        LE.putLong(memory, index, x.lo);
        LE.putLong(memory, index + 8, x.hi);
    }

    /** The mask of one lane of width {@code 8 << laneLog2} bits. */
    private static long laneMask(int laneLog2) {
        return laneLog2 == 3 ? -1L : (1L << (8 << laneLog2)) - 1;
    }

    @Override
    public Object splat(int laneLog2, long bits) {
        long lane = bits & laneMask(laneLog2);
        long half = lane;
        for (int width = 8 << laneLog2; width < 64; width *= 2) {
            half |= half << width;
        }
        return new V128(half, half);
    }

    @Override
    public long extractLane(Object v, int laneLog2, int lane) {
        V128 x = (V128) v;
        int bit = lane << (laneLog2 + 3);
        long half = bit < 64 ? x.lo : x.hi;
        return (half >>> (bit & 63)) & laneMask(laneLog2);
    }

    @Override
    public Object replaceLane(Object v, int laneLog2, int lane, long bits) {
        V128 x = (V128) v;
        int bit = lane << (laneLog2 + 3);
        long mask = laneMask(laneLog2) << (bit & 63);
        long value = (bits << (bit & 63)) & mask;
        return bit < 64 ? new V128((x.lo & ~mask) | value, x.hi) : new V128(x.lo, (x.hi & ~mask) | value);
    }

    @Override
    public Object shuffle(Object a, Object b, byte[] lanes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V128Unary unary(Opcode op) {
        throw new UnsupportedOperationException(op.mnemonic());
    }

    @Override
    public V128Binary binary(Opcode op) {
        throw new UnsupportedOperationException(op.mnemonic());
    }

    @Override
    public V128Ternary ternary(Opcode op) {
        throw new UnsupportedOperationException(op.mnemonic());
    }

    @Override
    public V128Shift shift(Opcode op) {
        throw new UnsupportedOperationException(op.mnemonic());
    }

    @Override
    public V128Reduce reduce(Opcode op) {
        throw new UnsupportedOperationException(op.mnemonic());
    }
}
