package dev.twasm.gc;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.twasm.interop.WasmObject;

/**
 * A structure instance (spec 3.0 §4.2.2 "Aggregate Instances"): its defined type and its fields.
 * This class holds only the type; the fields are Java fields of a subclass that Truffle's static
 * object model generates per {@link StructLayout}, so {@code struct.get} on a known type compiles
 * to a class check and a field load, and the JVM's collector frees structs like any object.
 * Several defined types with the same field storage share a generated class; casts therefore test
 * {@link #type}, never the Java class. To the host a struct is an opaque object that can be passed
 * back to Wasm.
 */
public class WasmStruct extends WasmObject {
    private final DefinedType type;

    /** For the generated subclasses only ({@link StructFactory}). */
    public WasmStruct(DefinedType type) {
        this.type = type;
    }

    /** The struct's defined type, for casts. */
    public final DefinedType type() {
        return type;
    }

    /** The defined type, as the object's meta object (interop {@code getMetaObject}). */
    @Override
    protected final Object metaObject() {
        return type.metaObject();
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "struct of type " + type.id();
    }
}
