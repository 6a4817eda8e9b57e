package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.ValueConversion;
import dev.twasm.model.Limits;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

import java.util.Arrays;

/**
 * A table instance (spec §4.2.7): a growable vector of references ({@link WasmFunction},
 * {@link WasmNull#INSTANCE}, or any host object for externref).
 *
 * <p>Like memories, tables are shared by reference between instances that import them; nodes
 * re-read {@link #elements} on every access because {@code table.grow} replaces the array.
 * This implementation caps tables at {@link #MAX_ELEMENTS} elements, as V8 does; growing past
 * that returns -1, which the spec allows.
 *
 * <p>To embedders a table is an interop array of its references.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmTable extends WasmObject {
    public static final int MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    public Object[] elements;
    private final long max;

    public WasmTable(TableType type, Object init) {
        this.type = type;
        this.elements = new Object[(int) type.limits().min()];
        Arrays.fill(elements, init);
        Limits limits = type.limits();
        this.max = limits.hasMax() ? Math.min(limits.max(), MAX_ELEMENTS) : MAX_ELEMENTS;
    }

    public static boolean canAllocate(Limits limits) {
        return limits.min() <= MAX_ELEMENTS;
    }

    public TableType type() {
        return type;
    }

    public ValType elemType() {
        return type.elemType();
    }

    public int size() {
        return elements.length;
    }

    /** The limits that describe this table now, for import matching (spec §4.5.2). */
    public Limits currentLimits() {
        return new Limits(size(), type.limits().max());
    }

    /** {@code table.grow} (spec §4.4.6): returns the old size, or -1 when the maximum would be exceeded. */
    @TruffleBoundary
    public int grow(long delta, Object init) {
        int old = elements.length;
        long newSize = old + delta;
        if (delta < 0 || newSize > max) {
            return -1;
        }
        try {
            Object[] grown = Arrays.copyOf(elements, (int) newSize);
            Arrays.fill(grown, old, (int) newSize, init);
            elements = grown;
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    // ---- interop: the table as an array ------------------------------------------------------

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return elements.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < elements.length;
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index) {
        return false;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return elements[(int) index];
    }

    @ExportMessage
    void writeArrayElement(long index, Object value,
                    @Cached ValueConversion.ToWasmNode convert) throws InvalidArrayIndexException, UnsupportedTypeException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        elements[(int) index] = convert.execute(value, type.elemType());
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "table " + type.elemType() + " (" + elements.length + " elements)";
    }
}
