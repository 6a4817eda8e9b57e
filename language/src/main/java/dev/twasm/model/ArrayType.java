package dev.twasm.model;

/** An array type {@code array fieldtype} (spec 3.0 §2.3.7): elements of one field type. */
public record ArrayType(FieldType element) implements CompositeType {
    @Override
    public HeapType topKind() {
        return HeapType.ARRAY;
    }

    @Override
    public String toString() {
        return "(array " + element + ")";
    }
}
