package dev.twasm.runtime;

import dev.twasm.model.FuncType;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical ids for function types: two structurally equal {@link FuncType}s get the same int, so
 * {@code call_indirect}'s signature check (spec §4.4.8) and import type checks are an int compare.
 *
 * <p>One registry per language instance, i.e. per polyglot engine (the language uses
 * {@code ContextPolicy.SHARED}), so the ids are stable for all code shared by that engine and can
 * be compilation constants in shared nodes.
 */
public final class TypeRegistry {
    private final ConcurrentHashMap<FuncType, Integer> ids = new ConcurrentHashMap<>();

    public int canonicalId(FuncType type) {
        Integer id = ids.get(type);
        if (id != null) {
            return id;
        }
        synchronized (ids) {
            return ids.computeIfAbsent(type, t -> ids.size());
        }
    }
}
