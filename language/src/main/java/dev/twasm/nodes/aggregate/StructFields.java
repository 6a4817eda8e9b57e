package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.staticobject.StaticProperty;

import dev.twasm.gc.StorageKind;
import dev.twasm.nodes.ExprNode;

/**
 * Stores into a struct field (spec 3.0 §4.4.2 {@code struct.new}, {@code struct.set}): evaluates
 * the value node with the execute method of the field's {@link StorageKind} and writes it with
 * the field's {@link StaticProperty}, packed values wrapped to their width ({@code i8} keeps the
 * low 8 bits). Called with a kind and a property that are compilation constants (final fields of
 * the calling node), so the switch folds to one typed evaluation and one field store.
 */
public final class StructFields {
    private StructFields() {
    }

    public static void write(StaticProperty property, StorageKind kind, Object struct, ExprNode value, VirtualFrame frame) {
        switch (kind) {
            case I8 -> property.setByte(struct, (byte) value.executeI32(frame));
            case I16 -> property.setShort(struct, (short) value.executeI32(frame));
            case I32 -> property.setInt(struct, value.executeI32(frame));
            case I64 -> property.setLong(struct, value.executeI64(frame));
            case F32 -> property.setFloat(struct, value.executeF32(frame));
            case F64 -> property.setDouble(struct, value.executeF64(frame));
            case REF -> property.setObject(struct, value.executeRef(frame));
            case V128 -> property.setObject(struct, value.executeV128(frame));
        }
    }

    /** The boxed form of a field value, for constant expressions: {@code i8} and {@code i16} as the {@code Integer} of their unpacked {@code i32}. */
    public static void writeBoxed(StaticProperty property, StorageKind kind, Object struct, Object value) {
        switch (kind) {
            case I8 -> property.setByte(struct, (byte) (int) (Integer) value);
            case I16 -> property.setShort(struct, (short) (int) (Integer) value);
            case I32 -> property.setInt(struct, (Integer) value);
            case I64 -> property.setLong(struct, (Long) value);
            case F32 -> property.setFloat(struct, (Float) value);
            case F64 -> property.setDouble(struct, (Double) value);
            case REF, V128 -> property.setObject(struct, value);
        }
    }
}
