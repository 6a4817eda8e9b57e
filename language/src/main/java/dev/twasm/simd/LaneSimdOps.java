package dev.twasm.simd;

import dev.twasm.model.Opcode;

/**
 * {@link SimdOps} on {@link V128} values with plain Java lane arithmetic. PLACEHOLDER: the
 * function families are being written.
 */
final class LaneSimdOps extends SimdOps {
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
        throw new UnsupportedOperationException();
    }

    @Override
    public void store(byte[] memory, int index, Object v) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object splat(int laneLog2, long bits) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long extractLane(Object v, int laneLog2, int lane) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object replaceLane(Object v, int laneLog2, int lane, long bits) {
        throw new UnsupportedOperationException();
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
