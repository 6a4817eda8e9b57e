package dev.twasm.runtime;

import dev.twasm.model.CanonicalTypes;
import dev.twasm.model.FuncType;

import java.util.List;

/**
 * Canonical ids for function types: two equivalent function types get the same int (structural
 * equality, concrete references compared by the ids of the types they name: {@link CanonicalTypes}),
 * so {@code call_indirect}'s signature check (spec §4.4.8), import type checks and the matching of
 * concrete reference types across modules are an int compare.
 *
 * <p>One registry per language instance, i.e. per polyglot engine (the language uses
 * {@code ContextPolicy.SHARED}), so the ids are stable for all code shared by that engine and can
 * be compilation constants in shared nodes.
 */
public final class TypeRegistry {
    private final CanonicalTypes types = new CanonicalTypes();

    /** The canonical id of a function type without concrete references (a host function's). */
    public int canonicalId(FuncType type) {
        return types.canonicalId(type);
    }

    /** The canonical ids of a module's types, index by index. */
    public int[] canonicalIds(List<FuncType> moduleTypes) {
        return types.canonicalise(moduleTypes);
    }
}
