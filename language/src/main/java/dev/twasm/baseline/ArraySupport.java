package dev.twasm.baseline;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import dev.twasm.exception.TrapKind;
import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.aggregate.ArraySegments;
import dev.twasm.runtime.WasmInstance;

/**
 * What the baseline tier's translation of the array instructions calls (Wasm 3.0 GC, spec 3.0
 * §4.4.2), with the same checks, traps and storage as the tree tier's nodes
 * ({@code dev.twasm.nodes.aggregate}): small static methods that C1 and C2 inline, the element
 * kind ({@link ArrayElements#code}), the segment and whether it holds data passed as constants
 * so the kind's {@code switch} folds. Allocations find the array's {@link DefinedType} by type
 * index through the instance's module ({@code WasmModule.definedType}, an array load).
 * {@code i8}, {@code i16} and {@code i32} elements are read and written as {@code int}s; the
 * others travel boxed as the calling convention boxes them (the translation boxes and unboxes
 * around the call), boxes C2 removes once the call is inlined with its constant kind.
 */
public final class ArraySupport {
    private ArraySupport() {
    }

    private static WasmArray array(Object reference) {
        if (reference instanceof WasmArray a) {
            return a;
        }
        throw BaselineSupport.trap(TrapKind.NULL_ARRAY_REFERENCE);
    }

    /** The array after the null check and the bounds check of element {@code index}. */
    private static WasmArray element(Object reference, int index) {
        WasmArray a = array(reference);
        if (Integer.compareUnsigned(index, a.length()) >= 0) {
            throw BaselineSupport.trap(TrapKind.OUT_OF_BOUNDS_ARRAY_ACCESS);
        }
        return a;
    }

    /** The array after the null check and the bounds check of {@code [start, start + length)}. */
    private static WasmArray range(Object reference, int start, int length) {
        return checkRange(array(reference), start, length);
    }

    private static WasmArray checkRange(WasmArray a, int start, int length) {
        if (!AddressOperand.fits(Integer.toUnsignedLong(start), Integer.toUnsignedLong(length), a.length())) {
            throw BaselineSupport.trap(TrapKind.OUT_OF_BOUNDS_ARRAY_ACCESS);
        }
        return a;
    }

    private static DefinedType type(WasmInstance instance, int typeIndex) {
        return instance.module().definedType(typeIndex);
    }

    // ---- allocation ----------------------------------------------------------------------------

    /** {@code array.new}, the value boxed as the calling convention boxes it. */
    public static Object arrayNew(Object value, int length, WasmInstance instance, int typeIndex) {
        return Allocations.array(WasmLanguage.allocationReporter(instance.module().language()), type(instance, typeIndex), length, value);
    }

    /** {@code array.new_default}, and the allocation {@code array.new_fixed} then fills with {@code arraySet}. */
    public static Object arrayNewDefault(int length, WasmInstance instance, int typeIndex) {
        return Allocations.array(WasmLanguage.allocationReporter(instance.module().language()), type(instance, typeIndex), length);
    }

    /** {@code array.new_data} ({@code data}) and {@code array.new_elem}. */
    public static Object arrayNewSegment(int offset, int length, WasmInstance instance, int typeIndex, int segmentIndex, boolean data) {
        DefinedType type = type(instance, typeIndex);
        int kind = ArrayElements.code(type.element());
        if (!ArraySegments.fits(instance, data, segmentIndex, kind, offset, length)) {
            throw BaselineSupport.trap(ArraySegments.outOfBounds(data));
        }
        WasmArray a = Allocations.array(WasmLanguage.allocationReporter(instance.module().language()), type, length);
        ArraySegments.copy(instance, data, segmentIndex, kind, offset, a.elements(), 0, length);
        return a;
    }

    // ---- access --------------------------------------------------------------------------------

    public static int arrayGetI32(Object array, int index, int kind, boolean signed) {
        return ArrayElements.getI32(element(array, index).elements(), kind, index, signed);
    }

    /** The other kinds, boxed (the caller unboxes; C2 removes the box once this is inlined with a constant kind). */
    public static Object arrayGetBoxed(Object array, int index, int kind) {
        return ArrayElements.getBoxed(element(array, index).elements(), kind, index);
    }

    public static void arraySet(Object array, int index, int value, int kind) {
        ArrayElements.setI32(element(array, index).elements(), kind, index, value);
    }

    /** The other kinds, the value boxed. */
    public static void arraySetBoxed(Object array, int index, Object value, int kind) {
        ArrayElements.setBoxed(element(array, index).elements(), kind, index, value);
    }

    public static int arrayLen(Object array) {
        return array(array).length();
    }

    // ---- bulk ----------------------------------------------------------------------------------

    /** {@code array.fill}, the value boxed. */
    public static void arrayFill(Object array, int offset, Object value, int length, int kind) {
        ArrayElements.fill(range(array, offset, length).elements(), kind, offset, offset + length, value);
    }

    /** {@code array.copy}: both null checks, then both bounds checks, then one {@code System.arraycopy} (overlap-safe). */
    public static void arrayCopy(Object destination, int destinationOffset, Object source, int sourceOffset, int length) {
        WasmArray to = array(destination);
        WasmArray from = array(source);
        checkRange(to, destinationOffset, length);
        checkRange(from, sourceOffset, length);
        System.arraycopy(from.elements(), sourceOffset, to.elements(), destinationOffset, length);
    }

    /** {@code array.init_data} ({@code data}) and {@code array.init_elem}, in the spec's order of traps. */
    public static void arrayInit(Object array, int offset, int segmentOffset, int length, WasmInstance instance, int segmentIndex, boolean data,
                    int kind) {
        WasmArray a = range(array, offset, length);
        if (!ArraySegments.fits(instance, data, segmentIndex, kind, segmentOffset, length)) {
            throw BaselineSupport.trap(ArraySegments.outOfBounds(data));
        }
        ArraySegments.copy(instance, data, segmentIndex, kind, segmentOffset, a.elements(), offset, length);
    }
}
