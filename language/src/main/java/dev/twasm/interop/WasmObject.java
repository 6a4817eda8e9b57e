package dev.twasm.interop;

import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.WasmLanguage;

/**
 * Base of every object the language hands to embedders and other languages: they belong to the
 * {@code wasm} language and display as their {@code toString()} (e.g. "function add [i32 i32] ->
 * [i32]"), so error messages and debuggers name them properly. Subclasses add their own messages.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class WasmObject implements TruffleObject {
    @ExportMessage
    public final boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    public final Class<? extends TruffleLanguage<?>> getLanguage() {
        return WasmLanguage.class;
    }

    @ExportMessage
    public final boolean hasMetaObject() {
        return metaObject() != null;
    }

    @ExportMessage
    public final Object getMetaObject() throws UnsupportedMessageException {
        Object meta = metaObject();
        if (meta == null) {
            throw UnsupportedMessageException.create();
        }
        return meta;
    }

    /** This object's meta object (its type), or null for objects without one; GC structs and arrays have their {@link TypeMetaObject}. */
    protected Object metaObject() {
        return null;
    }

    @ExportMessage
    @TruffleBoundary
    public final Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
