package dev.twasm.instrument;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.WasmObject;
import dev.twasm.model.Names;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.ValueKind;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmNull;

import java.util.Map;

/**
 * A scope of named variables as the debugger shows them: an interop object with
 * {@code isScope}, one member per variable. Made for a suspended frame, whose values it copies
 * when made: the frame Truffle passes to {@code NodeLibrary.getScope} is materialized, so reading
 * it here is an ordinary (interpreted, boundary) access, and nothing of it is needed on any
 * execution path. The Wasm locals of numeric type are writable ({@code writeMember}, the
 * debugger's "set value"): the value, which must fit the local's type exactly, goes into the
 * suspended frame, where the function reads it when it resumes (suspended code runs in the
 * interpreter, on that frame). C variables and locals holding references or vectors are read-only. The Wasm locals' scope ({@link #of}) names a function's locals (parameters
 * first) after the name section ({@code Names.localNames}) or {@code $varN}, with numbers as Java
 * numbers and references and {@code v128} values as strings. Reads never throw: a value that
 * cannot be read is {@code <unavailable>}. A DWARF scope of C variables has this scope as parent
 * ({@link #inner}).
 */
@ExportLibrary(InteropLibrary.class)
final class LocalsScope extends WasmObject {
    static final LocalsScope EMPTY = new LocalsScope("locals", new String[0], new Object[0], null);
    static final String UNAVAILABLE = "<unavailable>";
    /** The Wasm names of the numeric value kinds, by {@link ValueKind} constant. */
    private static final String[] NUMBER_TYPES = {"i32", "i64", "f32", "f64"};

    private final String name;
    private final String[] names;
    private final Object[] values;
    private final Object parent;
    /** The suspended frame, where writes to Wasm locals go; null for a read-only scope. */
    private final Frame frame;
    /** The value kinds of the writable members (the Wasm locals, member {@code i} in slot {@code i}); null for none. */
    private final int[] kinds;

    LocalsScope(String name, String[] names, Object[] values, Object parent) {
        this(name, names, values, parent, null, null);
    }

    private LocalsScope(String name, String[] names, Object[] values, Object parent, Frame frame, int[] kinds) {
        this.name = name;
        this.names = names;
        this.values = values;
        this.parent = parent;
        this.frame = frame;
        this.kinds = kinds;
    }

    /** The Wasm locals of {@code root}'s function with their values in {@code frame} (values unavailable when it is null). */
    static LocalsScope of(WasmRootNode root, Frame frame) {
        int[] kinds = root.localKindsWithParameters();
        Names moduleNames = root.module().model().names();
        Map<Integer, String> localNames = moduleNames.localNames().getOrDefault(root.functionIndex(), Map.of());
        String[] names = new String[kinds.length];
        Object[] values = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            String n = localNames.get(i);
            names[i] = n != null ? n : "$var" + i;
            values[i] = frame == null ? UNAVAILABLE : read(frame, i, kinds[i]);
        }
        return new LocalsScope(root.getName(), names, values, null, frame, frame == null ? null : kinds);
    }

    /** Local {@code slot} of {@code kind} as the debugger shows it. */
    private static Object read(Frame frame, int slot, int kind) {
        try {
            Object value = Slots.getBoxed(frame, slot, kind);
            if (kind == ValueKind.REF || kind == ValueKind.V128) {
                return value == null ? UNAVAILABLE : value == WasmNull.INSTANCE ? "null" : String.valueOf(value);
            }
            return value;
        } catch (RuntimeException | AssertionError e) {
            return UNAVAILABLE;
        }
    }

    /**
     * A scope of the variables {@code innerNames} with {@code innerValues} inside this one: as
     * Truffle's scope protocol requires, its members are its own variables followed by all of this
     * scope's (the parent's), and the debugger shows only the former as its own.
     */
    LocalsScope inner(String name, String[] innerNames, Object[] innerValues) {
        String[] allNames = java.util.Arrays.copyOf(innerNames, innerNames.length + names.length);
        System.arraycopy(names, 0, allNames, innerNames.length, names.length);
        Object[] allValues = java.util.Arrays.copyOf(innerValues, innerValues.length + values.length);
        System.arraycopy(values, 0, allValues, innerValues.length, values.length);
        return new LocalsScope(name, allNames, allValues, this);
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(names.clone());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return indexOf(member) >= 0;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        int i = indexOf(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        return values[i];
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        int i = indexOf(member);
        if (i >= ownCount()) {
            return ((LocalsScope) parent).isMemberModifiable(member);
        }
        return i >= 0 && kinds != null && (kinds[i] == ValueKind.I32 || kinds[i] == ValueKind.I64 || kinds[i] == ValueKind.F32 || kinds[i] == ValueKind.F64);
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    /**
     * Sets a Wasm local of the suspended frame: an {@code i32} takes a number that fits in an
     * {@code int}, an {@code i64} one that fits in a {@code long}, an {@code f32} and {@code f64}
     * one that fits in a {@code float} or {@code double} exactly; anything else is an unsupported
     * type, and the local keeps its value.
     */
    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnknownIdentifierException, UnsupportedMessageException, UnsupportedTypeException {
        int i = indexOf(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        if (i >= ownCount()) {
            ((LocalsScope) parent).writeMember(member, value);
            values[i] = ((LocalsScope) parent).values[((LocalsScope) parent).indexOf(member)];
            return;
        }
        if (!isMemberModifiable(member)) {
            throw UnsupportedMessageException.create();
        }
        InteropLibrary number = InteropLibrary.getUncached(value);
        Object stored = switch (kinds[i]) {
            case ValueKind.I32 -> number.fitsInInt(value) ? (Object) number.asInt(value) : null;
            case ValueKind.I64 -> number.fitsInLong(value) ? (Object) number.asLong(value) : null;
            case ValueKind.F32 -> number.fitsInFloat(value) ? (Object) number.asFloat(value) : null;
            default -> number.fitsInDouble(value) ? (Object) number.asDouble(value) : null;
        };
        if (stored == null) {
            throw UnsupportedTypeException.create(new Object[]{value}, member + " is a Wasm " + NUMBER_TYPES[kinds[i]] + " local: the value does not fit");
        }
        Slots.setBoxed(frame, i, kinds[i], stored);
        values[i] = stored;
    }

    /** The number of this scope's own members (the first ones; after them come the parent's). */
    private int ownCount() {
        return parent instanceof LocalsScope p ? names.length - p.names.length : names.length;
    }

    @ExportMessage
    boolean hasScopeParent() {
        return parent != null;
    }

    @ExportMessage
    Object getScopeParent() throws UnsupportedMessageException {
        if (parent == null) {
            throw UnsupportedMessageException.create();
        }
        return parent;
    }

    private int indexOf(String member) {
        // innermost first: a scope's members are its own variables, then its parent's
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(member)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
