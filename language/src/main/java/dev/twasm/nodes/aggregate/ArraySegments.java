package dev.twasm.nodes.aggregate;

import dev.twasm.exception.TrapKind;
import dev.twasm.gc.ArrayElements;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.runtime.WasmInstance;

/**
 * The segments {@code array.new_data}, {@code array.new_elem}, {@code array.init_data} and
 * {@code array.init_elem} read (spec 3.0 §4.4.2): an instance's data segment, whose offset is in
 * bytes and whose elements are decoded little-endian ({@link ArrayElements#decode}), or its
 * element segment of evaluated references, whose offset is in elements. A dropped segment has
 * length 0. A range past the segment's end traps "out of bounds memory access" for data and "out
 * of bounds table access" for elements. Shared by the nodes and the baseline tier; {@code data}
 * is a constant of the instruction in both.
 */
public final class ArraySegments {
    private ArraySegments() {
    }

    /** The trap of a range past the end of a data ({@code data}) or element segment. */
    public static TrapKind outOfBounds(boolean data) {
        return data ? TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS : TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS;
    }

    /** Whether the {@code count} elements of {@code kind} from {@code offset} (all unsigned) lie within segment {@code index}. */
    public static boolean fits(WasmInstance instance, boolean data, int index, int kind, int offset, int count) {
        long start = Integer.toUnsignedLong(offset);
        long n = Integer.toUnsignedLong(count);
        if (data) {
            return AddressOperand.fits(start, n * ArrayElements.byteSize(kind), instance.dataSegments[index].length);
        }
        return AddressOperand.fits(start, n, instance.elemSegments[index].length);
    }

    /** Copies {@code count} elements from segment {@code index} at {@code offset} into {@code elements} at {@code at}; all in bounds. */
    public static void copy(WasmInstance instance, boolean data, int index, int kind, int offset, Object elements, int at, int count) {
        if (data) {
            ArrayElements.decode(instance.dataSegments[index], offset, kind, elements, at, count);
        } else {
            System.arraycopy(instance.elemSegments[index], offset, ArrayElements.objects(elements), at, count);
        }
    }
}
