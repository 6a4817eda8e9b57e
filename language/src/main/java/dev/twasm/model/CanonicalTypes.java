package dev.twasm.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical ids of function types (spec 3.0 §3.2 "Types", type equivalence): without recursion
 * groups every function type is its own group, and two type indices denote the same type when
 * their function types are structurally equal, concrete references inside compared by the
 * canonical ids of the types they name (a reference to the type itself by position, as in a
 * one-type recursion group). Types are canonicalised in index order, each referring only to
 * earlier ones or itself, so one pass suffices.
 *
 * <p>Plain Java: the validator uses a fresh instance per module (ids local to the module), the
 * runtime's {@code TypeRegistry} one per engine (ids shared by every module of the engine, so
 * that imports, {@code call_indirect} and globals of concrete reference types compare across
 * modules with an int compare). Thread-safe.
 */
public final class CanonicalTypes {
    /** A function type with its concrete references replaced by canonical ids (or the self marker). */
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

    private static final long SELF = -1;

    private final Map<Key, Integer> ids = new HashMap<>();

    /**
     * The canonical ids of {@code types}, index by index. A concrete reference to a later type
     * (invalid, which validation reports first) counts as a reference to itself.
     */
    public synchronized int[] canonicalise(List<FuncType> types) {
        int[] result = new int[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = id(types.get(i), i, result);
        }
        return result;
    }

    /** The canonical id of a function type without concrete references (a host function's). */
    public synchronized int canonicalId(FuncType type) {
        return id(type, -1, new int[0]);
    }

    private int id(FuncType type, int self, int[] earlier) {
        long[] codes = new long[type.paramCount() + type.resultCount() + 1];
        int n = 0;
        for (ValType t : type.params()) {
            codes[n++] = code(t, self, earlier);
        }
        codes[n++] = Long.MIN_VALUE; // between parameters and results
        for (ValType t : type.results()) {
            codes[n++] = code(t, self, earlier);
        }
        return ids.computeIfAbsent(new Key(codes), k -> ids.size());
    }

    /** Abstract types as small negative codes, concrete references as (canonical id or self, nullability). */
    private static long code(ValType t, int self, int[] earlier) {
        if (!t.isConcrete()) {
            int abs = t.heapType() == null ? t.kind().ordinal() : 16 + 2 * t.heapType().ordinal() + (t.isNullable() ? 1 : 0);
            return -2 - abs;
        }
        int index = t.typeIndex();
        long target;
        if (index < self) {
            target = earlier[index];
        } else if (self >= 0) {
            target = SELF; // the type itself (or, invalid, a later one)
        } else {
            throw new IllegalArgumentException("a concrete reference type without its module: " + t);
        }
        return (target + 1) << 1 | (t.isNullable() ? 1 : 0);
    }

    /** {@code t} with its type index mapped to the canonical id in {@code canonicalIds}. */
    public static ValType canonical(ValType t, int[] canonicalIds) {
        return t.mapTypeIndex(i -> canonicalIds[i]);
    }
}
