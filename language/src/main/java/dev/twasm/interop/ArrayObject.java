package dev.twasm.interop;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.model.ValType;

/**
 * An object that other languages see as an interop array: multi-value results (read-only), a
 * table's references, a memory's bytes. The length is asked for on every message, because tables
 * and memories grow: a view fetched again after a grow sees the new size. A writable subclass
 * names the Wasm type its elements convert from ({@link #elementType()}), so every array converts
 * incoming values with the same {@link ValueConversion} rules as function arguments. A growable
 * subclass (a table) also takes a write just past its end as an append: interop has no "grow"
 * message, and that is how Python's {@code append} and Java's {@code Value.setArrayElement(size)}
 * reach it.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class ArrayObject extends WasmObject {
    /** The current number of elements. */
    protected abstract long length();

    /** The element at {@code index}, which is in bounds. */
    protected abstract Object element(long index);

    /** The type written values are converted to, or null when the elements are read-only. */
    protected ValType elementType() {
        return null;
    }

    /**
     * Stores {@code value}, already converted to {@link #elementType()}, at {@code index}, which is
     * in bounds; throws when the value is of that type but not a valid element.
     */
    protected void setElement(long index, Object value) throws UnsupportedTypeException {
        throw new UnsupportedOperationException("read-only array");
    }

    @ExportMessage
    public final boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    public final long getArraySize() {
        return length();
    }

    @ExportMessage
    public final boolean isArrayElementReadable(long index) {
        return index >= 0 && index < length();
    }

    @ExportMessage
    public final boolean isArrayElementModifiable(long index) {
        return elementType() != null && isArrayElementReadable(index);
    }

    /**
     * Appends {@code value}, already converted to {@link #elementType()}, as a new last element;
     * returns false when this array cannot grow (the default) or is at its maximum.
     */
    protected boolean append(Object value) {
        return false;
    }

    /** Whether this array grows when an element is written just past its end (tables: {@code table.grow} by one). */
    protected boolean appendable() {
        return false;
    }

    @ExportMessage
    public final boolean isArrayElementInsertable(long index) {
        return elementType() != null && appendable() && index == length();
    }

    @ExportMessage
    public final Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return element(index);
    }

    @ExportMessage
    public final void writeArrayElement(long index, Object value,
                    @Cached ValueConversion.ToWasmNode convert) throws InvalidArrayIndexException, UnsupportedMessageException, UnsupportedTypeException {
        ValType type = elementType();
        if (type == null) {
            throw UnsupportedMessageException.create();
        }
        if (isArrayElementInsertable(index)) {
            if (!append(convert.execute(value, type))) {
                throw InvalidArrayIndexException.create(index); // at the table's maximum
            }
            return;
        }
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        setElement(index, convert.execute(value, type));
    }
}
