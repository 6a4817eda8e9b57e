package dev.twasm.model;

/**
 * A composite type (spec 3.0 §2.3.7 "Composite Types"): a function type, a structure type or an
 * array type, the structure a type definition of the type section gives. Which one it is decides
 * the abstract heap type above it ({@link #topKind()}): {@code func} for a function type, {@code
 * struct} and {@code array} (below {@code eq} and {@code any}) for the others.
 */
public sealed interface CompositeType permits FuncType, StructType, ArrayType {
    /** The abstract heap type directly above every concrete type of this shape: {@code func}, {@code struct} or {@code array}. */
    HeapType topKind();
}
