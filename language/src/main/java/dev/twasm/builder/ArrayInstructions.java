package dev.twasm.builder;

import dev.twasm.binary.CodeReader;
import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.model.ArrayType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.ValueKind;
import dev.twasm.nodes.aggregate.ArrayCopyNode;
import dev.twasm.nodes.aggregate.ArrayFillNode;
import dev.twasm.nodes.aggregate.ArrayGetNode;
import dev.twasm.nodes.aggregate.ArrayInitNode;
import dev.twasm.nodes.aggregate.ArrayLenNode;
import dev.twasm.nodes.aggregate.ArrayNewNode;
import dev.twasm.nodes.aggregate.ArrayNewSegmentNode;
import dev.twasm.nodes.aggregate.ArraySetNode;
import dev.twasm.runtime.WasmModule;

/**
 * The nodes of the array instructions (Wasm 3.0 GC, spec 3.0 §4.4.2) for {@link FunctionBuilder}:
 * how many operands each takes, and the node over them, with the array type's
 * {@link DefinedType} and element kind resolved here, at build time, into the node's final fields.
 */
final class ArrayInstructions {
    private final WasmModule module;

    ArrayInstructions(WasmModule module) {
        this.module = module;
    }

    /** What an array instruction becomes: a value-producing expression of {@code type}, or a statement. */
    record Built(ExprNode expression, ValType type, StmtNode statement) {
    }

    static int operandCount(Opcode op, CodeReader reader) {
        return switch (op) {
            case ARRAY_NEW_DEFAULT, ARRAY_LEN -> 1;
            case ARRAY_NEW, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> 2;
            case ARRAY_SET -> 3;
            case ARRAY_FILL, ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> 4;
            case ARRAY_COPY -> 5;
            case ARRAY_NEW_FIXED -> reader.index2();
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private ArrayType arrayType(int typeIndex) {
        return (ArrayType) module.model().types().get(typeIndex).composite();
    }

    private int kind(int typeIndex) {
        return ArrayElements.code(module.definedType(typeIndex).element());
    }

    /** The kind the element of array type {@code typeIndex} is read and written as ({@code i32} for packed ones). */
    private int valueKind(int typeIndex) {
        return ValueKind.of(arrayType(typeIndex).element().unpacked());
    }

    /** The node of {@code op} over the operand trees {@code o}, bottom first. */
    Built build(Opcode op, CodeReader reader, ExprNode[] o) {
        int x = op == Opcode.ARRAY_LEN ? -1 : reader.index();
        ValType created = x < 0 ? null : ValType.ref(false, x);
        return switch (op) {
            case ARRAY_NEW -> value(ArrayNewNode.repeated(module.definedType(x), valueKind(x), o[0], o[1]), created);
            case ARRAY_NEW_DEFAULT -> value(ArrayNewNode.defaults(module.definedType(x), o[0]), created);
            case ARRAY_NEW_FIXED -> value(ArrayNewNode.fixed(module.definedType(x), valueKind(x), o), created);
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM ->
                value(new ArrayNewSegmentNode(module.definedType(x), op == Opcode.ARRAY_NEW_DATA, reader.index2(), o[0], o[1]), created);
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U ->
                value(new ArrayGetNode(kind(x), op == Opcode.ARRAY_GET_S, o[0], o[1]), arrayType(x).element().unpacked());
            case ARRAY_LEN -> value(new ArrayLenNode(o[0]), ValType.I32);
            case ARRAY_SET -> statement(new ArraySetNode(kind(x), valueKind(x), o[0], o[1], o[2]));
            case ARRAY_FILL -> statement(new ArrayFillNode(kind(x), valueKind(x), o[0], o[1], o[2], o[3]));
            case ARRAY_COPY -> statement(new ArrayCopyNode(o[0], o[1], o[2], o[3], o[4]));
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM ->
                statement(new ArrayInitNode(kind(x), op == Opcode.ARRAY_INIT_DATA, reader.index2(), o[0], o[1], o[2], o[3]));
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private static Built value(ExprNode node, ValType type) {
        return new Built(node, type, null);
    }

    private static Built statement(StmtNode node) {
        return new Built(null, null, node);
    }
}
