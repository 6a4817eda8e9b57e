package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.ArrayType;
import dev.twasm.model.FieldType;
import dev.twasm.model.HeapType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import java.util.Arrays;
import java.util.List;

/**
 * Validation of the array instructions (Wasm 3.0 GC, spec 3.0 §3.3.6 "Aggregate Instructions"),
 * for {@link FunctionValidator} (whose operand stack it pops and pushes) and, for the three
 * allocations that are constant ({@code array.new}, {@code array.new_default},
 * {@code array.new_fixed}), for {@link ConstantExpressionValidator}. Immediates are checked
 * before operands, with the reference interpreter's words: "immutable array", "array types do
 * not match", "array type is not numeric or vector", "type mismatch", "unknown type", "unknown
 * data segment", "unknown elem segment".
 */
final class ArrayInstructionValidator {
    private static final ValType ARRAYREF = ValType.ref(true, HeapType.ARRAY);
    /**
     * The most operands an {@code array.new_fixed} may take, an implementation limit (the one web
     * engines have): each is a child of one node and a store of straight-line code in every tier.
     */
    static final int MAX_FIXED = 10_000;

    private final ValidationContext context;
    private final FunctionValidator stack;

    ArrayInstructionValidator(ValidationContext context, FunctionValidator stack) {
        this.context = context;
        this.stack = stack;
    }

    /** Whether {@code op} is one of the array allocations allowed in constant expressions. */
    static boolean isConstant(Opcode op) {
        return op == Opcode.ARRAY_NEW || op == Opcode.ARRAY_NEW_DEFAULT || op == Opcode.ARRAY_NEW_FIXED;
    }

    /**
     * A constant {@code array.new}, {@code array.new_default} or {@code array.new_fixed}: pops its
     * operands from {@code operands} (a constant expression's stack of types) and returns its
     * result type.
     */
    static ValType constant(ValidationContext context, Opcode op, CodeReader reader, List<ValType> operands) {
        ValType[] expected = allocationOperands(context, op, reader);
        for (int i = expected.length - 1; i >= 0; i--) {
            if (operands.isEmpty() || !context.matches(operands.removeLast(), expected[i])) {
                throw invalid("type mismatch: " + op.mnemonic() + " requires " + Arrays.toString(expected));
            }
        }
        return ValType.ref(false, reader.index());
    }

    /** The operand types of an allocation {@code array.new}, {@code array.new_default} or {@code array.new_fixed}. */
    private static ValType[] allocationOperands(ValidationContext context, Opcode op, CodeReader reader) {
        ArrayType t = arrayType(context, reader.index());
        ValType element = t.element().unpacked();
        return switch (op) {
            case ARRAY_NEW -> new ValType[] {element, ValType.I32};
            case ARRAY_NEW_DEFAULT -> {
                if (!element.isDefaultable()) {
                    throw invalid("type mismatch: array.new_default of an array of non-defaultable " + element);
                }
                yield new ValType[] {ValType.I32};
            }
            default -> {
                if (Integer.compareUnsigned(reader.index2(), MAX_FIXED) > 0) {
                    throw invalid("array.new_fixed of " + Integer.toUnsignedString(reader.index2()) + " values exceeds the implementation limit of "
                                    + MAX_FIXED);
                }
                ValType[] values = new ValType[reader.index2()];
                Arrays.fill(values, element);
                yield values;
            }
        };
    }

    /** The array type {@code typeIndex} names ("unknown type", or "type mismatch" when it is not an array type). */
    static ArrayType arrayType(ValidationContext context, int typeIndex) {
        if (typeIndex < 0 || typeIndex >= context.module().types().size()) {
            throw invalid("unknown type " + Integer.toUnsignedString(typeIndex));
        }
        if (!(context.module().types().get(typeIndex).composite() instanceof ArrayType a)) {
            throw invalid("type mismatch: type " + typeIndex + " is not an array type");
        }
        return a;
    }

    /** Validates array instruction {@code op}, whose immediates {@code reader} holds. */
    void instruction(Opcode op, CodeReader reader) {
        switch (op) {
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED -> {
                pop(allocationOperands(context, op, reader));
                stack.pushOperand(ValType.ref(false, reader.index()));
            }
            case ARRAY_NEW_DATA -> {
                numericOrVector(array(reader));
                context.data(reader.index2());
                pop(ValType.I32, ValType.I32);
                stack.pushOperand(ValType.ref(false, reader.index()));
            }
            case ARRAY_NEW_ELEM -> {
                elementsFit(array(reader), reader.index2());
                pop(ValType.I32, ValType.I32);
                stack.pushOperand(ValType.ref(false, reader.index()));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                FieldType element = array(reader).element();
                if ((element.packed() != null) == (op == Opcode.ARRAY_GET)) {
                    throw invalid("type mismatch: " + op.mnemonic() + " of an array of " + element
                                    + (op == Opcode.ARRAY_GET ? " (packed: use array.get_s or array.get_u)" : " (not packed: use array.get)"));
                }
                pop(reference(reader), ValType.I32);
                stack.pushOperand(element.unpacked());
            }
            case ARRAY_SET -> pop(reference(reader), ValType.I32, mutable(array(reader)).unpacked());
            case ARRAY_LEN -> {
                stack.popOperand(ARRAYREF);
                stack.pushOperand(ValType.I32);
            }
            case ARRAY_FILL -> pop(reference(reader), ValType.I32, mutable(array(reader)).unpacked(), ValType.I32);
            case ARRAY_COPY -> {
                FieldType destination = mutable(array(reader));
                FieldType source = arrayType(context, reader.index2()).element();
                if (!storageMatches(source, destination)) {
                    throw invalid("array types do not match: array.copy from elements " + source + " to elements " + destination);
                }
                pop(reference(reader), ValType.I32, ValType.ref(true, reader.index2()), ValType.I32, ValType.I32);
            }
            case ARRAY_INIT_DATA -> {
                numericOrVector(mutable(array(reader)));
                context.data(reader.index2());
                pop(reference(reader), ValType.I32, ValType.I32, ValType.I32);
            }
            case ARRAY_INIT_ELEM -> {
                elementsFit(mutable(array(reader)), reader.index2());
                pop(reference(reader), ValType.I32, ValType.I32, ValType.I32);
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private ArrayType array(CodeReader reader) {
        return arrayType(context, reader.index());
    }

    /** {@code (ref null x)} for the instruction's type {@code x}. */
    private static ValType reference(CodeReader reader) {
        return ValType.ref(true, reader.index());
    }

    /** Pops operands of {@code types}, the last first. */
    private void pop(ValType... types) {
        for (int i = types.length - 1; i >= 0; i--) {
            stack.popOperand(types[i]);
        }
    }

    private static FieldType mutable(ArrayType t) {
        if (!t.element().mutable()) {
            throw invalid("immutable array: the instruction writes an array of immutable " + t.element());
        }
        return t.element();
    }

    /** {@code array.new_data} and {@code array.init_data} read elements of numeric or vector (or packed) types only. */
    private static void numericOrVector(ArrayType t) {
        numericOrVector(t.element());
    }

    private static void numericOrVector(FieldType element) {
        if (element.packed() == null && element.valType().isReference()) {
            throw invalid("array type is not numeric or vector: elements " + element + " cannot come from a data segment");
        }
    }

    /** {@code array.new_elem} and {@code array.init_elem}: the segment's references must be elements of the array. */
    private void elementsFit(ArrayType t, int elemIndex) {
        elementsFit(t.element(), elemIndex);
    }

    private void elementsFit(FieldType element, int elemIndex) {
        ValType segment = context.elem(elemIndex);
        if (element.packed() != null || !context.matches(segment, element.valType())) {
            throw invalid("type mismatch: element segment " + elemIndex + " of " + segment + " for elements " + element);
        }
    }

    /** Storage subtyping (spec 3.0 §3.3.4): packed types only match themselves, value types by subtyping. */
    private boolean storageMatches(FieldType source, FieldType destination) {
        if (source.packed() != null || destination.packed() != null) {
            return source.packed() == destination.packed();
        }
        return context.matches(source.valType(), destination.valType());
    }
}
