package dev.twasm.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical ids of defined types under iso-recursive type equivalence (spec 3.0 §3.1.3 "Rolling
 * and Unrolling", §3.3.2 "Type Equivalence"): a recursion group is compared as a whole, type
 * indices inside it taken relative to the group and indices before it by the canonical ids of the
 * types they name; two type indices denote the same type when their groups are equal so and they
 * sit at the same position in them. A group of structure key {@code K} gets consecutive ids, the
 * first one the same for every group of key {@code K}, so a type's id is that first id plus its
 * position. Groups refer only to earlier groups (validation reports any other reference first), so
 * one pass in index order suffices.
 *
 * <p>Besides equivalence the ids carry declared subtyping (spec 3.0 §3.3.3 "Defined Types"): each
 * id records the id of its declared supertype, and {@link #isSubtype} walks that chain.
 *
 * <p>Plain Java: the validator uses a fresh instance per module (ids local to the module), the
 * runtime's {@code TypeRegistry} one per engine (ids shared by every module of the engine, so
 * that imports, {@code call_indirect} and globals of concrete reference types compare across
 * modules with an int compare). Thread-safe.
 */
public final class CanonicalTypes {
    /** A recursion group with its references encoded (see {@link #groupKey}). */
    private record Key(long[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }
    }

    /** Codes that separate the parts of a key; reference codes are non-negative, abstract types small negatives. */
    private static final long FUNC = Long.MIN_VALUE;
    private static final long STRUCT = Long.MIN_VALUE + 1;
    private static final long ARRAY = Long.MIN_VALUE + 2;
    private static final long PACKED = -1000;

    private final Map<Key, Integer> firstIds = new HashMap<>();
    /** Per canonical id: the id of its declared supertype, or -1. */
    private int[] supertypes = new int[16];
    /** Per canonical id: its composite type (concrete references inside are those of its first module). */
    private final List<CompositeType> composites = new ArrayList<>();

    /**
     * The canonical ids of {@code module}'s types, index by index. A reference to a type after the
     * group (invalid, which validation reports first) counts as one inside it.
     */
    public int[] canonicalise(Module module) {
        return canonicalise(module.types(), module::recGroupStart);
    }

    /** Where each type's recursion group starts (a type index), for {@link #canonicalise(List, GroupStarts)}. */
    @FunctionalInterface
    public interface GroupStarts {
        int groupStart(int typeIndex);
    }

    /** The canonical ids of the types {@code types}, in the recursion groups {@code starts} says. */
    public synchronized int[] canonicalise(List<SubType> types, GroupStarts starts) {
        int[] result = new int[types.size()];
        int i = 0;
        while (i < result.length) {
            int start = i;
            int end = i + 1;
            while (end < result.length && starts.groupStart(end) == start) {
                end++;
            }
            List<SubType> group = types.subList(start, end);
            Key key = groupKey(group, start, result);
            Integer first = firstIds.get(key);
            if (first == null) {
                first = composites.size();
                firstIds.put(key, first);
                for (int k = start; k < end; k++) {
                    define(types.get(k), k, start, first, result);
                }
            }
            for (int k = start; k < end; k++) {
                result[k] = first + k - start;
            }
            i = end;
        }
        return result;
    }

    private void define(SubType type, int index, int start, int first, int[] earlier) {
        int id = composites.size();
        if (id == supertypes.length) {
            supertypes = Arrays.copyOf(supertypes, id * 2);
        }
        int[] supers = type.supertypes();
        // a supertype at or after the type itself is invalid (validation reports it): none recorded
        supertypes[id] = supers.length == 0 || supers[0] >= index ? -1 : supers[0] < start ? earlier[supers[0]] : first + supers[0] - start;
        composites.add(type.composite());
    }

    /** The canonical id of a function type without concrete references (a host function's). */
    public synchronized int canonicalId(FuncType type) {
        return canonicalise(List.of(SubType.plain(type)), i -> 0)[0];
    }

    /** Whether canonical id {@code sub} is {@code sup} or declares it as a (transitive) supertype. */
    public synchronized boolean isSubtype(int sub, int sup) {
        for (int t = sub; t >= 0; t = supertypes[t]) {
            if (t == sup) {
                return true;
            }
            if (t < sup) {
                return false; // supertypes have smaller ids
            }
        }
        return false;
    }

    /** The declared supertype of canonical id {@code id}, or -1. */
    public synchronized int supertype(int id) {
        return supertypes[id];
    }

    /** The composite type of canonical id {@code id} (concrete references inside are those of its first module). */
    public synchronized CompositeType composite(int id) {
        return composites.get(id);
    }

    /** The abstract heap type directly above canonical id {@code id}: func, struct or array. */
    public synchronized HeapType topKind(int id) {
        return composites.get(id).topKind();
    }

    /** Subtyping and equivalence of this instance's canonical ids, for {@link ValType#isSubtypeOf}. */
    public ValType.TypeEquivalence matching() {
        return new ValType.TypeEquivalence() {
            @Override
            public boolean equivalent(int a, int b) {
                return a == b;
            }

            @Override
            public boolean isSubtype(int a, int b) {
                return a == b || CanonicalTypes.this.isSubtype(a, b);
            }

            @Override
            public HeapType compositeKind(int index) {
                return topKind(index);
            }
        };
    }

    /** The codes of a group: per type its finality, supertypes and composite type, references encoded by {@link #ref}. */
    private static Key groupKey(List<SubType> group, int start, int[] earlier) {
        long[] codes = new long[16];
        int n = 0;
        for (SubType t : group) {
            List<Long> c = new ArrayList<>();
            c.add(t.isFinal() ? 1L : 0L);
            c.add((long) t.supertypes().length);
            for (int s : t.supertypes()) {
                c.add(ref(s, start, group.size(), earlier));
            }
            switch (t.composite()) {
                case FuncType f -> {
                    c.add(FUNC);
                    c.add((long) f.paramCount());
                    for (ValType v : f.params()) {
                        c.add(code(v, start, group.size(), earlier));
                    }
                    c.add((long) f.resultCount());
                    for (ValType v : f.results()) {
                        c.add(code(v, start, group.size(), earlier));
                    }
                }
                case StructType s -> {
                    c.add(STRUCT);
                    c.add((long) s.fields().size());
                    for (FieldType f : s.fields()) {
                        field(c, f, start, group.size(), earlier);
                    }
                }
                case ArrayType a -> {
                    c.add(ARRAY);
                    field(c, a.element(), start, group.size(), earlier);
                }
            }
            if (n + c.size() > codes.length) {
                codes = Arrays.copyOf(codes, Math.max(codes.length * 2, n + c.size()));
            }
            for (long v : c) {
                codes[n++] = v;
            }
        }
        return new Key(Arrays.copyOf(codes, n));
    }

    private static void field(List<Long> c, FieldType f, int start, int size, int[] earlier) {
        c.add(f.packed() != null ? PACKED - f.packed().ordinal() : code(f.valType(), start, size, earlier));
        c.add(f.mutable() ? 1L : 0L);
    }

    /** Abstract types as small negative codes, concrete references as (reference code, nullability). */
    private static long code(ValType t, int start, int size, int[] earlier) {
        if (!t.isConcrete()) {
            int abs = t.heapType() == null ? t.kind().ordinal() : 16 + 2 * t.heapType().ordinal() + (t.isNullable() ? 1 : 0);
            return -2 - abs;
        }
        return ref(t.typeIndex(), start, size, earlier) << 1 | (t.isNullable() ? 1 : 0);
    }

    /** A type index before the group as twice its canonical id, one inside (or after) it as an odd number by its position. */
    private static long ref(int index, int start, int size, int[] earlier) {
        if (index < start) {
            return 2L * earlier[index];
        }
        return 2L * (index - start) + 1;
    }

    /** {@code t} with its type index mapped to the canonical id in {@code canonicalIds}. */
    public static ValType canonical(ValType t, int[] canonicalIds) {
        return t.mapTypeIndex(i -> canonicalIds[i]);
    }
}
