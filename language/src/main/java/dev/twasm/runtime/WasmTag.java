package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.utilities.TriState;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import dev.twasm.model.FuncType;

/**
 * A tag instance (spec §4.2.11 "Tag Instances", Wasm 3.0 exception handling): what an exception
 * is thrown with and a handler catches by. Its type, a function type whose parameters are the
 * values the exception carries, says what it carries; its identity says which handlers catch it.
 * One object per tag definition per instance; an imported tag is the exporter's object itself,
 * so a handler matches by reference ({@code ==}), never by type: two tags of one type are
 * different tags. Import matching compares the canonical type id ({@link #typeId}).
 *
 * <p>To embedders a tag is an opaque object that displays as {@code tag <name> [params]} (or
 * {@code tag[i] [params]} when not exported); a Wasm
 * exception ({@link WasmException}) gives its tag as its {@code tag} member, to be compared with
 * an exported tag by identity.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmTag extends WasmObject {
    private final FuncType type;
    private final int typeId;
    private final String name;

    public WasmTag(FuncType type, int typeId, String name) {
        this.type = type;
        this.typeId = typeId;
        this.name = name;
    }

    /** The tag's type: its parameters are the exception's values, its results are empty. */
    public FuncType type() {
        return type;
    }

    /** The engine-wide canonical id of {@link #type} (as for functions), compared at link time. */
    public int typeId() {
        return typeId;
    }

    /** A readable name: {@code tag} and the name the defining module exports it under, else {@code tag[i]}. */
    public String name() {
        return name;
    }

    /** Tags are compared by identity across languages too ({@code ===} in JavaScript, {@code Value.equals} in Java). */
    @ExportMessage
    TriState isIdenticalOrUndefined(Object other) {
        return other instanceof WasmTag ? TriState.valueOf(this == other) : TriState.UNDEFINED;
    }

    @ExportMessage
    @TruffleBoundary
    int identityHashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return name + " " + FuncType.render(type.params());
    }
}
