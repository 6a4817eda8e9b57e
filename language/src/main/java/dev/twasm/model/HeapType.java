package dev.twasm.model;

/**
 * The abstract heap types (spec 3.0 §2.3.3 "Heap Types") and their subtyping lattice (spec 3.0
 * §3.3.3). Three hierarchies matter without GC: {@code func} with bottom {@code nofunc},
 * {@code extern} with bottom {@code noextern}, {@code exn} with bottom {@code noexn}. The
 * {@code any} hierarchy of GC ({@code any}, {@code eq}, {@code i31}, {@code struct}, {@code array},
 * bottom {@code none}) is in the lattice for GC: the first GC instructions produce {@code i31}
 * values and move references between {@code extern} and {@code any}; no struct or array exists yet. A concrete heap type (a type index) is a {@link ValType} with a type index
 * instead of one of these; the function types it can name are below {@code func} and above
 * {@code nofunc}.
 */
public enum HeapType {
    FUNC("func", "funcref"),
    NOFUNC("nofunc", "nullfuncref"),
    EXTERN("extern", "externref"),
    NOEXTERN("noextern", "nullexternref"),
    EXN("exn", "exnref"),
    NOEXN("noexn", "nullexnref"),
    ANY("any", "anyref"),
    EQ("eq", "eqref"),
    I31("i31", "i31ref"),
    STRUCT("struct", "structref"),
    ARRAY("array", "arrayref"),
    NONE("none", "nullref");

    private final String textName;
    private final String nullableShorthand;

    HeapType(String textName, String nullableShorthand) {
        this.textName = textName;
        this.nullableShorthand = nullableShorthand;
    }

    /** The heap type's keyword in the text format, e.g. {@code func}. */
    public String textName() {
        return textName;
    }

    /** The shorthand of {@code (ref null this)}, e.g. {@code funcref}. */
    public String nullableShorthand() {
        return nullableShorthand;
    }

    /** The top of this heap type's hierarchy: {@code func}, {@code extern}, {@code exn} or {@code any}. */
    public HeapType top() {
        return switch (this) {
            case FUNC, NOFUNC -> FUNC;
            case EXTERN, NOEXTERN -> EXTERN;
            case EXN, NOEXN -> EXN;
            default -> ANY;
        };
    }

    /** The bottom of this heap type's hierarchy: {@code nofunc}, {@code noextern}, {@code noexn} or {@code none}. */
    public HeapType bottom() {
        return switch (top()) {
            case FUNC -> NOFUNC;
            case EXTERN -> NOEXTERN;
            case EXN -> NOEXN;
            default -> NONE;
        };
    }

    public boolean isBottom() {
        return this == bottom();
    }

    /** {@code this <: other} between abstract heap types (spec 3.0 §3.3.3). */
    public boolean isSubtypeOf(HeapType other) {
        if (this == other || isBottom() && bottom() == other.bottom()) {
            return true;
        }
        return switch (this) {
            case I31, STRUCT, ARRAY -> other == EQ || other == ANY;
            case EQ -> other == ANY;
            default -> false;
        };
    }
}
