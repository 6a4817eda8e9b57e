package dev.twasm.gc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

import com.oracle.truffle.api.TruffleLanguage;

import dev.twasm.model.ArrayType;
import dev.twasm.model.CompositeType;
import dev.twasm.model.StructType;

/**
 * The {@link DefinedType}s of one engine, by canonical id, made on first use, and the
 * {@link StructLayout}s they share. Used while modules are instantiated and nodes built, never on
 * a compiled path, so it simply synchronises.
 */
public final class DefinedTypes {
    private final TruffleLanguage<?> language;
    private final IntFunction<CompositeType> composites;
    private final IntUnaryOperator supertypes;
    private final List<DefinedType> byId = new ArrayList<>();
    /** Layouts by parent layout (or none) and field storage. */
    private final Map<List<Object>, StructLayout> layouts = new HashMap<>();

    /**
     * @param composites the composite type of a canonical id
     * @param supertypes the declared supertype of a canonical id, or -1
     */
    public DefinedTypes(TruffleLanguage<?> language, IntFunction<CompositeType> composites, IntUnaryOperator supertypes) {
        this.language = language;
        this.composites = composites;
        this.supertypes = supertypes;
    }

    /** The defined type of canonical id {@code id}. */
    public synchronized DefinedType get(int id) {
        while (byId.size() <= id) {
            byId.add(null);
        }
        DefinedType t = byId.get(id);
        if (t == null) {
            int superId = supertypes.applyAsInt(id);
            DefinedType supertype = superId < 0 ? null : get(superId);
            CompositeType composite = composites.apply(id);
            StructLayout layout = composite instanceof StructType s ? layout(s, supertype) : null;
            StorageKind element = composite instanceof ArrayType a ? StorageKind.of(a.element()) : null;
            t = new DefinedType(id, composite, supertype, layout, element);
            byId.set(id, t);
        }
        return t;
    }

    private StructLayout layout(StructType struct, DefinedType supertype) {
        StorageKind[] storage = new StorageKind[struct.fields().size()];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = StorageKind.of(struct.fields().get(i));
        }
        StructLayout parent = supertype != null ? supertype.layout() : null;
        if (parent != null && parent.fieldCount() == storage.length) {
            return parent;
        }
        List<Object> key = List.of(parent == null ? "root" : parent, Arrays.asList(storage));
        StructLayout layout = layouts.get(key);
        if (layout == null) {
            layout = parent == null ? StructLayout.create(language, storage) : parent.extend(language, storage);
            layouts.put(key, layout);
        }
        return layout;
    }
}
