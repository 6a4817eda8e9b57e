package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Expr;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * Validates constant expressions (spec §3.3.10 "Expressions", "Constant Expressions"): global
 * initializers, segment offsets and element items. In Wasm 2.0 a constant expression consists only
 * of {@code t.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an immutable
 * global that {@link ValidationContext#constantExpressionGlobal(int)} lets it see, and it must
 * produce exactly one value of the expected type.
 *
 * <p>Like the reference interpreter, it first checks that every instruction is constant ("constant
 * expression required"), then types the sequence ("type mismatch", "unknown function").
 */
final class ConstantExpressionValidator {
    private final ValidationContext context;

    ConstantExpressionValidator(ValidationContext context) {
        this.context = context;
    }

    /** Validates {@code expr} as a constant expression of result type {@code [expected]}. */
    void validate(Expr expr, ValType expected) {
        CodeReader reader = new CodeReader(expr);
        for (Opcode op = next(reader); op != Opcode.END; op = next(reader)) {
            if (!isConstant(op, reader)) {
                throw invalid("constant expression required");
            }
        }
        if (reader.hasNext()) {
            throw new MalformedModuleException("section size mismatch", reader.offset());
        }

        reader = new CodeReader(expr);
        int count = 0;
        ValType first = null;
        for (Opcode op = next(reader); op != Opcode.END; op = next(reader)) {
            ValType type = resultType(op, reader);
            if (count++ == 0) {
                first = type;
            }
        }
        if (count != 1 || first != expected) {
            throw invalid("type mismatch: constant expression requires [" + expected + "] but produces "
                            + (count == 0 ? "[]" : count == 1 ? "[" + first + "]" : count + " values"));
        }
    }

    private static Opcode next(CodeReader reader) {
        if (!reader.hasNext()) {
            throw new MalformedModuleException("END opcode expected", reader.offset());
        }
        return reader.next();
    }

    private boolean isConstant(Opcode op, CodeReader reader) {
        return switch (op) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC -> true;
            case GLOBAL_GET -> !context.constantExpressionGlobal(reader.index()).mutable();
            default -> false;
        };
    }

    /** The type of the one value a constant instruction pushes. */
    private ValType resultType(Opcode op, CodeReader reader) {
        return switch (op) {
            case I32_CONST -> ValType.I32;
            case I64_CONST -> ValType.I64;
            case F32_CONST -> ValType.F32;
            case F64_CONST -> ValType.F64;
            case V128_CONST -> ValType.V128;
            case REF_NULL -> reader.refType();
            case REF_FUNC -> {
                context.functionType(reader.index());
                yield ValType.FUNCREF;
            }
            case GLOBAL_GET -> context.constantExpressionGlobal(reader.index()).valType();
            default -> throw new IllegalStateException("not a constant instruction: " + op);
        };
    }
}
