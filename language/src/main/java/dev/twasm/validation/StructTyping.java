package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.model.FieldType;
import dev.twasm.model.Opcode;
import dev.twasm.model.StructType;
import dev.twasm.model.ValType;

/**
 * The typing rules of the structure instructions (spec 3.0 §3.4.2 "Aggregate Instructions") that
 * depend on the struct type's fields, shared by the function validator and the constant
 * expression validator ({@code struct.new} and {@code struct.new_default} are constant): which
 * operands {@code struct.new} takes, that {@code struct.new_default}'s fields all have a default,
 * and which field an access may name ("unknown field", packed fields only through
 * {@code struct.get_s}/{@code _u}, {@code struct.set} only of mutable fields).
 */
final class StructTyping {
    private StructTyping() {
    }

    /** The operand types of {@code struct.new x} (the unpacked field types) or {@code struct.new_default x} (none). */
    static ValType[] newOperands(ValidationContext context, Opcode op, int typeIndex) {
        StructType struct = context.struct(typeIndex);
        ValType[] operands = new ValType[op == Opcode.STRUCT_NEW ? struct.fields().size() : 0];
        for (int i = 0; i < struct.fields().size(); i++) {
            FieldType field = struct.fields().get(i);
            if (op == Opcode.STRUCT_NEW) {
                operands[i] = field.unpacked();
            } else if (!field.unpacked().isDefaultable()) {
                throw invalid("type mismatch: struct.new_default of type " + typeIndex + " whose field " + i + " (" + field
                                + ") has no default value");
            }
        }
        return operands;
    }

    /** The field {@code fieldIndex} of struct type {@code typeIndex} as {@code op} (a get or set) may access it. */
    static FieldType field(ValidationContext context, Opcode op, int typeIndex, int fieldIndex) {
        StructType struct = context.struct(typeIndex);
        if (fieldIndex < 0 || fieldIndex >= struct.fields().size()) {
            throw invalid("unknown field " + Integer.toUnsignedString(fieldIndex) + " of type " + typeIndex);
        }
        FieldType field = struct.fields().get(fieldIndex);
        boolean packed = field.packed() != null;
        switch (op) {
            case STRUCT_GET -> {
                if (packed) {
                    throw invalid("type mismatch: field is packed: struct.get of field " + fieldIndex + " (" + field
                                    + ") needs struct.get_s or struct.get_u");
                }
            }
            case STRUCT_GET_S, STRUCT_GET_U -> {
                if (!packed) {
                    throw invalid("type mismatch: field is not packed: " + op.mnemonic() + " of field " + fieldIndex + " (" + field + ")");
                }
            }
            default -> {
                if (!field.mutable()) {
                    throw invalid("immutable field: struct.set of field " + fieldIndex + " of type " + typeIndex);
                }
            }
        }
        return field;
    }
}
