package dev.twasm.model;

import java.util.List;

/** A structure type {@code struct fieldtype*} (spec 3.0 §2.3.7): a sequence of fields. */
public record StructType(List<FieldType> fields) implements CompositeType {
    public StructType {
        fields = List.copyOf(fields);
    }

    @Override
    public HeapType topKind() {
        return HeapType.STRUCT;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("(struct");
        for (FieldType f : fields) {
            s.append(" (field ").append(f).append(')');
        }
        return s.append(')').toString();
    }
}
