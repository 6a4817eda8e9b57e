package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;

import dev.twasm.gc.DefinedType;
import dev.twasm.gc.DefinedTypes;

import dev.twasm.model.CanonicalTypes;
import dev.twasm.model.FuncType;
import dev.twasm.model.Module;
import dev.twasm.model.ValType;

/**
 * Canonical ids for defined types: two equivalent types (iso-recursive equivalence of their
 * recursion groups, spec 3.0 §3.3.2: {@link CanonicalTypes}) get the same int, so
 * {@code call_indirect}'s signature check (spec 3.0 §4.4.8), import type checks and the matching of
 * concrete reference types across modules are an int compare in the common case of an exact
 * match; declared subtyping is the slower walk of {@link #isSubtype}.
 *
 * <p>One registry per language instance, i.e. per polyglot engine (the language uses
 * {@code ContextPolicy.SHARED}), so the ids are stable for all code shared by that engine and can
 * be compilation constants in shared nodes.
 */
public final class TypeRegistry {
    private final CanonicalTypes types = new CanonicalTypes();
    private final ValType.TypeEquivalence matching = types.matching();
    private final DefinedTypes definedTypes;

    /** @param language the language instance, for the classes of struct layouts (null in tests without structs) */
    public TypeRegistry(TruffleLanguage<?> language) {
        this.definedTypes = new DefinedTypes(language, types::composite, types::supertype);
    }

    /** The run-time form of canonical id {@code id}: its supertype display and, for structs and arrays, their layout. */
    public DefinedType definedType(int id) {
        return definedTypes.get(id);
    }

    /** The canonical id of a function type without concrete references (a host function's). */
    public int canonicalId(FuncType type) {
        return types.canonicalId(type);
    }

    /** The canonical ids of a module's types, index by index. */
    public int[] canonicalIds(Module module) {
        return types.canonicalise(module);
    }

    /**
     * Whether a value of canonical type id {@code actual} may stand where {@code expected} is
     * required ({@code call_indirect}, function imports): the int compare of the exact match, then
     * the walk of declared supertypes of {@code module}'s engine behind a boundary (the registry is
     * looked up only then, so the exact match reads nothing more).
     */
    public static boolean matches(int actual, int expected, WasmModule module) {
        return actual == expected || module.engine().types().isSubtype(actual, expected);
    }

    /**
     * Whether canonical id {@code sub} declares {@code sup} as a (transitive) supertype or is it:
     * the slow path of a type check whose exact compare failed, off the compiled fast path.
     */
    @TruffleBoundary
    public boolean isSubtype(int sub, int sup) {
        return types.isSubtype(sub, sup);
    }

    /** Subtyping of value types whose concrete indices are canonical ids of this registry. */
    public ValType.TypeEquivalence matching() {
        return matching;
    }
}
