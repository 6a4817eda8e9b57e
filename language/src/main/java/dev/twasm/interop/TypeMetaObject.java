package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.gc.WasmStruct;

/**
 * The meta object of GC structs and arrays: their defined type, named by its text form, e.g.
 * {@code (struct (field i32) (field (ref null 0)))}. Embedders see it as
 * {@code Value.getMetaObject()}; the memory tracer's type histogram
 * ({@code --memtracer.Output=typehistogram}) and debuggers group and label objects by it. Defined
 * types are canonical across modules, so the name is the structure, not a module's name for it.
 * A struct or array is an instance of its type and of the type's declared supertypes.
 */
@ExportLibrary(InteropLibrary.class)
public final class TypeMetaObject extends WasmObject {
    private final DefinedType type;

    /** The meta object of {@code type}; one per type ({@code DefinedType.metaObject}). */
    public TypeMetaObject(DefinedType type) {
        this.type = type;
    }

    @ExportMessage
    boolean isMetaObject() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMetaQualifiedName() {
        return type.composite().toString();
    }

    @ExportMessage
    @TruffleBoundary
    Object getMetaSimpleName() {
        return type.composite().toString();
    }

    @ExportMessage
    boolean isMetaInstance(Object instance) {
        DefinedType of = instance instanceof WasmStruct s ? s.type() : instance instanceof WasmArray a ? a.type() : null;
        return of != null && of.isSubtypeOf(type);
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return type.composite().toString();
    }
}
