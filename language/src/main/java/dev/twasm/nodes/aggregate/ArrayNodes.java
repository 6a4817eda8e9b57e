package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.nodes.Node;

import dev.twasm.exception.TrapKind;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.TrapSite;

/**
 * The checks every array instruction makes before touching elements (spec 3.0 §4.4.2): the
 * reference is not null ("null array reference") and the index or range lies within the array
 * ("out of bounds array access"). Validation proved the operand is an array or null, so the check
 * is one exact class test ({@link WasmArray} is final).
 */
final class ArrayNodes {
    private ArrayNodes() {
    }

    static TrapSite nullSite() {
        return TrapSite.create(TrapKind.NULL_ARRAY_REFERENCE);
    }

    static TrapSite boundsSite() {
        return TrapSite.create(TrapKind.OUT_OF_BOUNDS_ARRAY_ACCESS);
    }

    /** The array {@code reference} is, or the trap of {@code nullSite}. */
    static WasmArray nonNull(Object reference, TrapSite nullSite, Node location) {
        if (reference instanceof WasmArray array) {
            return array;
        }
        throw nullSite.trap(location);
    }

    /** Checks that element {@code index} (unsigned) exists. */
    static void checkIndex(WasmArray array, int index, TrapSite bounds, Node location) {
        if (Integer.compareUnsigned(index, array.length()) >= 0) {
            throw bounds.trap(location);
        }
    }

    /** Checks that elements {@code [start, start + length)} (unsigned) exist. */
    static void checkRange(WasmArray array, int start, int length, TrapSite bounds, Node location) {
        if (!AddressOperand.fits(Integer.toUnsignedLong(start), Integer.toUnsignedLong(length), array.length())) {
            throw bounds.trap(location);
        }
    }
}
