package dev.twasm.gc;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.twasm.interop.TypeMetaObject;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

import dev.twasm.model.CompositeType;
import dev.twasm.model.HeapType;

/**
 * A defined type at run time (spec 3.0 §2.3.8 {@code deftype}, one type of a canonical recursion
 * group): its canonical id in the engine's {@link dev.twasm.runtime.TypeRegistry}, its composite
 * type, and its chain of declared supertypes as a display: {@code supertypes[d]} is the ancestor at
 * depth {@code d} (the root at 0, this type at {@link #depth}). Wasm 3.0 allows at most one
 * declared supertype, so the chain is a line and the subtype test of a cast ({@link #isSubtypeOf})
 * is a bounds check, one array load and one reference compare, whatever the depth: the form a JVM
 * uses for class checks, and what keeps {@code ref.cast} to a concrete type cheap in compiled code.
 * Structs and arrays point to their type; a struct type also owns its {@link StructLayout}, an
 * array type the {@link StorageKind} of its elements.
 */
public final class DefinedType {
    private final int id;
    private final CompositeType composite;
    private final int depth;
    @CompilationFinal(dimensions = 1) private final DefinedType[] supertypes;
    private final StructLayout layout;
    private final StorageKind element;
    /** The interop meta object of this type's structs and arrays, made on first use. */
    private volatile TypeMetaObject metaObject;

    DefinedType(int id, CompositeType composite, DefinedType supertype, StructLayout layout, StorageKind element) {
        this.id = id;
        this.composite = composite;
        this.depth = supertype == null ? 0 : supertype.depth + 1;
        this.supertypes = new DefinedType[depth + 1];
        if (supertype != null) {
            System.arraycopy(supertype.supertypes, 0, supertypes, 0, depth);
        }
        supertypes[depth] = this;
        this.layout = layout;
        this.element = element;
    }

    /** The canonical id (equal ids are equivalent types, spec 3.0 §3.3.2). */
    public int id() {
        return id;
    }

    public CompositeType composite() {
        return composite;
    }

    /** Func, struct or array: the abstract heap type directly above this type. */
    public HeapType kind() {
        return composite.topKind();
    }

    /** Whether this type is {@code other} or declares it as a (transitive) supertype. */
    public boolean isSubtypeOf(DefinedType other) {
        int d = other.depth;
        return d <= depth && supertypes[d] == other;
    }

    /** Whether this type is, or declares as a (transitive) supertype, the type of canonical id {@code id} (a walk: for cold paths). */
    public boolean isSubtypeOf(int id) {
        for (int d = depth; d >= 0; d--) {
            if (supertypes[d].id == id) {
                return true;
            }
        }
        return false;
    }

    /** The field layout of a struct type (null for others). */
    public StructLayout layout() {
        return layout;
    }

    /** The element storage of an array type (null for others). */
    public StorageKind element() {
        return element;
    }

    /** The meta object of this type's structs and arrays ({@link TypeMetaObject}), one per type. */
    public TypeMetaObject metaObject() {
        TypeMetaObject m = metaObject;
        if (m == null) {
            m = createMetaObject();
        }
        return m;
    }

    @TruffleBoundary
    private synchronized TypeMetaObject createMetaObject() {
        if (metaObject == null) {
            metaObject = new TypeMetaObject(this);
        }
        return metaObject;
    }

    @Override
    public String toString() {
        return "type " + id + " " + composite;
    }
}
