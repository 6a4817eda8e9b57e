package dev.twasm.model;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebAssembly value type (spec 3.0 §2.3.4 "Value Types"): a number type, the vector type, or a
 * reference type {@code (ref null? ht)} (spec 3.0 §2.3.3) whose heap type is abstract
 * ({@link HeapType}) or concrete, the index of a defined type (function, structure or array type)
 * in the module's type section.
 *
 * <p>Equality is structural ({@link #equals}), and instances are interned: every factory returns
 * the one instance for its structure (for type indices below {@link #INTERNED_INDICES}, which
 * bounds the cache that hostile modules with arbitrary indices could grow), so {@code ==} and
 * {@link #equals} agree on all types but references to such large indices, and the constants
 * {@link #I32} ... {@link #EXNREF} can be compared as the enum constants of Wasm 2.0 were. A concrete type index is relative to its
 * module (or, for the runtime's canonical types, to the engine's type registry): two indices name
 * equivalent types when their recursion groups are (iso-recursive equivalence, {@link
 * CanonicalTypes}), which the validator and the linker decide through {@link TypeEquivalence}, not
 * this class; so is the kind of a defined type and hence the abstract heap types above it. {@link #kind()} is what the
 * execution stages switch over: every reference type has the one kind {@link Kind#REF}, as every
 * reference is an object at run time.
 */
public final class ValType {
    /** The representation class of a value type: what nodes, frames and the baseline tier switch over. */
    public enum Kind {
        I32,
        I64,
        F32,
        F64,
        V128,
        REF
    }

    /**
     * Whether two concrete type indices name equivalent types: within one module the validator
     * compares its canonicalised indices; the runtime compares registry ids.
     */
    @FunctionalInterface
    public interface TypeEquivalence {
        boolean equivalent(int typeIndexA, int typeIndexB);

        /** {@code sub <: sup} between defined types (spec 3.0 §3.3.3): equivalent, or a declared (transitive) supertype. */
        default boolean isSubtype(int sub, int sup) {
            return equivalent(sub, sup);
        }

        /** The abstract heap type directly above a defined type: {@code func}, {@code struct} or {@code array}. */
        default HeapType compositeKind(int typeIndex) {
            return HeapType.FUNC;
        }

    }

    public static final ValType I32 = new ValType(Kind.I32, false, null, -1);
    public static final ValType I64 = new ValType(Kind.I64, false, null, -1);
    public static final ValType F32 = new ValType(Kind.F32, false, null, -1);
    public static final ValType F64 = new ValType(Kind.F64, false, null, -1);
    public static final ValType V128 = new ValType(Kind.V128, false, null, -1);

    private static final ValType[] ABSTRACT = new ValType[HeapType.values().length * 2];
    static {
        for (HeapType h : HeapType.values()) {
            ABSTRACT[h.ordinal() * 2] = new ValType(Kind.REF, false, h, -1);
            ABSTRACT[h.ordinal() * 2 + 1] = new ValType(Kind.REF, true, h, -1);
        }
    }

    /** {@code funcref}, {@code (ref null func)}. */
    public static final ValType FUNCREF = ref(true, HeapType.FUNC);
    /** {@code externref}, {@code (ref null extern)}. */
    public static final ValType EXTERNREF = ref(true, HeapType.EXTERN);
    /** {@code exnref}, {@code (ref null exn)} (exception handling). */
    public static final ValType EXNREF = ref(true, HeapType.EXN);
    /** {@code nullfuncref}, {@code (ref null nofunc)}. */
    public static final ValType NULLFUNCREF = ref(true, HeapType.NOFUNC);
    /** {@code nullexternref}, {@code (ref null noextern)}. */
    public static final ValType NULLEXTERNREF = ref(true, HeapType.NOEXTERN);
    /** {@code nullexnref}, {@code (ref null noexn)}. */
    public static final ValType NULLEXNREF = ref(true, HeapType.NOEXN);

    /**
     * The validation algorithm's {@code (ref bot)} (spec 3.0 §A.3): the type of a reference taken
     * from the polymorphic stack of unreachable code, a subtype of every reference type and of no
     * other type. Never the type of a value.
     */
    public static final ValType BOTTOM_REF = new ValType(Kind.REF, false, null, -1);

    /** Concrete reference types are interned for type indices below this bound. */
    public static final int INTERNED_INDICES = 1 << 16;
    private static final ConcurrentHashMap<Integer, ValType> CONCRETE = new ConcurrentHashMap<>();

    private final Kind kind;
    private final boolean nullable;
    private final HeapType heapType;
    private final int typeIndex;
    /** The top of the heap type's hierarchy, precomputed: final fields of a constant fold in compiled code. */
    private final HeapType top;
    /** Whether the heap type is a bottom ({@code nofunc}, {@code noextern}, ...): only null has such a type. */
    private final boolean bottom;

    private ValType(Kind kind, boolean nullable, HeapType heapType, int typeIndex) {
        this.kind = kind;
        this.nullable = nullable;
        this.heapType = heapType;
        this.typeIndex = typeIndex;
        this.top = kind != Kind.REF ? null : heapType == null ? HeapType.FUNC : heapType.top();
        this.bottom = heapType != null && heapType.isBottom();
    }

    /** {@code (ref null? ht)} with an abstract heap type. */
    public static ValType ref(boolean nullable, HeapType heapType) {
        return ABSTRACT[heapType.ordinal() * 2 + (nullable ? 1 : 0)];
    }

    /** {@code (ref null? typeIndex)} with a concrete heap type. */
    public static ValType ref(boolean nullable, int typeIndex) {
        if (typeIndex < 0) {
            throw new IllegalArgumentException("type index " + typeIndex);
        }
        if (typeIndex >= INTERNED_INDICES) {
            return new ValType(Kind.REF, nullable, null, typeIndex);
        }
        return CONCRETE.computeIfAbsent(typeIndex << 1 | (nullable ? 1 : 0), k -> new ValType(Kind.REF, nullable, null, typeIndex));
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNumeric() {
        return kind.ordinal() <= Kind.F64.ordinal();
    }

    public boolean isReference() {
        return kind == Kind.REF;
    }

    /** For a reference type: whether it includes null. */
    public boolean isNullable() {
        return nullable;
    }

    /** Whether locals of this type start with a default value (every type but non-nullable references). */
    public boolean isDefaultable() {
        return kind != Kind.REF || nullable;
    }

    /** The abstract heap type of a reference type, or null for a concrete one (and for non-references). */
    public HeapType heapType() {
        return heapType;
    }

    /** Whether this is a reference to a concrete (indexed) type. */
    public boolean isConcrete() {
        return typeIndex >= 0;
    }

    /** The type index of a concrete reference type, else -1. */
    public int typeIndex() {
        return typeIndex;
    }

    /** The same reference type with or without null. */
    public ValType withNullable(boolean nullable) {
        if (this == BOTTOM_REF) {
            return this;
        }
        return isConcrete() ? ref(nullable, typeIndex) : ref(nullable, heapType);
    }

    /**
     * The top of the heap type's hierarchy; null for non-references. A concrete type counts as a
     * function type ({@code func}) here, as this class does not know its kind: where a concrete
     * type may name a struct or array type, use {@link #topHeapType(TypeEquivalence)}.
     */
    public HeapType topHeapType() {
        return top;
    }

    /**
     * The top of the heap type's hierarchy with the kind of a concrete type taken from
     * {@code types}: {@code any} for struct and array types, {@code func} for function types.
     */
    public HeapType topHeapType(TypeEquivalence types) {
        return isConcrete() ? types.compositeKind(typeIndex).top() : top;
    }

    /** Whether this is a reference type of a bottom heap type, whose only value is null. */
    public boolean hasBottomHeapType() {
        return bottom;
    }

    /** The same type with a concrete type index mapped (to canonical ids, or between modules). */
    public ValType mapTypeIndex(java.util.function.IntUnaryOperator map) {
        return isConcrete() ? ref(nullable, map.applyAsInt(typeIndex)) : this;
    }

    /**
     * {@code this <: other} (spec 3.0 §3.3.4 "Value Types" subtyping): number and vector types
     * only match themselves; a reference type matches when null is allowed where it is included,
     * and the heap types are subtypes (spec 3.0 §3.3.3): a defined type is below the abstract type
     * of its kind ({@code func}, {@code struct} or {@code array}, the latter two below {@code eq}
     * and {@code any}) and above that hierarchy's bottom, and below another defined type when it
     * declares it as a supertype (or they are equivalent), all per {@code types}.
     */
    public boolean isSubtypeOf(ValType other, TypeEquivalence types) {
        if (this == other) {
            return true;
        }
        if (kind != Kind.REF || other.kind != Kind.REF || nullable && !other.nullable) {
            return false;
        }
        if (this == BOTTOM_REF) {
            return true;
        }
        if (isConcrete()) {
            return other.isConcrete() ? types.isSubtype(typeIndex, other.typeIndex)
                            : other != BOTTOM_REF && types.compositeKind(typeIndex).isSubtypeOf(other.heapType);
        }
        if (other.isConcrete()) {
            return heapType.isBottom() && heapType == types.compositeKind(other.typeIndex).bottom();
        }
        return other != BOTTOM_REF && heapType.isSubtypeOf(other.heapType);
    }

    /** The name of the type in the text format, e.g. {@code i32}, {@code funcref} or {@code (ref 3)}. */
    public String textName() {
        return switch (kind) {
            case I32 -> "i32";
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            case V128 -> "v128";
            case REF -> this == BOTTOM_REF ? "(ref bot)" : isConcrete() ? "(ref " + (nullable ? "null " : "") + typeIndex + ")"
                            : nullable ? heapType.nullableShorthand() : "(ref " + heapType.textName() + ")";
        };
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ValType t && kind == t.kind && nullable == t.nullable && heapType == t.heapType && typeIndex == t.typeIndex;
    }

    @Override
    public int hashCode() {
        return ((kind.ordinal() * 31 + (heapType == null ? -1 : heapType.ordinal())) * 31 + typeIndex) * 2 + (nullable ? 1 : 0);
    }

    @Override
    public String toString() {
        return textName();
    }
}
