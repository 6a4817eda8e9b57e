package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Expr;
import dev.twasm.model.HeapType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates constant expressions (spec 3.0 §3.3.10 "Constant Expressions"): global initializers,
 * segment offsets and element items. A constant expression consists only of {@code t.const},
 * {@code ref.null}, {@code ref.func}, {@code global.get} of an immutable global that
 * {@link ValidationContext#constantExpressionGlobal(int, int)} lets it see, and (extended
 * constant expressions, Wasm 3.0) {@code i32.add/sub/mul} and {@code i64.add/sub/mul}, and (GC)
 * {@code ref.i31}, {@code any.convert_extern}, {@code extern.convert_any}, {@code struct.new(_default)}, {@code array.new},
 * {@code array.new_default} and {@code array.new_fixed}; it must
 * produce exactly one value of the expected type.
 *
 * <p>Like the reference interpreter, it first checks that every instruction is constant ("constant
 * expression required"), then types the sequence with an operand stack ("type mismatch",
 * "unknown function", "unknown global").
 */
final class ConstantExpressionValidator {
    private final ValidationContext context;

    ConstantExpressionValidator(ValidationContext context) {
        this.context = context;
    }

    /**
     * Validates {@code expr} as a constant expression of result type {@code [expected]}, where
     * {@code global.get} may name the first {@code visibleGlobals} globals of the module (before
     * the Wasm 2.0 restriction to imported ones, which the context applies).
     */
    void validate(Expr expr, ValType expected, int visibleGlobals) {
        CodeReader reader = new CodeReader(expr);
        for (Opcode op = next(reader); op != Opcode.END; op = next(reader)) {
            if (!isConstant(op, reader, visibleGlobals)) {
                throw invalid("constant expression required");
            }
        }
        if (reader.hasNext()) {
            throw new MalformedModuleException("section size mismatch", reader.offset());
        }

        reader = new CodeReader(expr);
        List<ValType> stack = new ArrayList<>();
        for (Opcode op = next(reader); op != Opcode.END; op = next(reader)) {
            if (isArithmetic(op)) {
                ValType operand = op.params()[0];
                for (int i = 0; i < 2; i++) {
                    if (stack.isEmpty() || !context.matches(stack.removeLast(), operand)) {
                        throw invalid("type mismatch: " + op.mnemonic() + " requires [" + operand + " " + operand + "]");
                    }
                }
                stack.add(op.results()[0]);
            } else if (isUnary(op)) {
                stack.add(unaryResult(op, stack.isEmpty() ? null : stack.removeLast()));
            } else if (op == Opcode.STRUCT_NEW || op == Opcode.STRUCT_NEW_DEFAULT) {
                stack.add(structNew(op, reader.index(), stack));
            } else if (ArrayInstructionValidator.isConstant(op)) {
                stack.add(ArrayInstructionValidator.constant(context, op, reader, stack));
            } else {
                stack.add(resultType(op, reader, visibleGlobals));
            }
        }
        if (stack.size() != 1 || !context.matches(stack.getFirst(), expected)) {
            throw invalid("type mismatch: constant expression requires [" + expected + "] but produces "
                            + (stack.size() == 1 ? "[" + stack.getFirst() + "]" : stack.size() + " values"));
        }
    }

    private static Opcode next(CodeReader reader) {
        if (!reader.hasNext()) {
            throw new MalformedModuleException("END opcode expected", reader.offset());
        }
        return reader.next();
    }

    /** The integer arithmetic that extended constant expressions allow. */
    private static boolean isArithmetic(Opcode op) {
        return switch (op) {
            case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> true;
            default -> false;
        };
    }

    /** The GC instructions that are constant (spec 3.0 §3.3.10): {@code ref.i31}, {@code any.convert_extern}, {@code extern.convert_any}. */
    private static boolean isUnary(Opcode op) {
        return op == Opcode.REF_I31 || op == Opcode.ANY_CONVERT_EXTERN || op == Opcode.EXTERN_CONVERT_ANY;
    }

    /** The type a constant unary GC instruction pushes for its {@code operand} (null: none), as the function validator types it. */
    private ValType unaryResult(Opcode op, ValType operand) {
        ValType expected = switch (op) {
            case REF_I31 -> ValType.I32;
            case ANY_CONVERT_EXTERN -> ValType.EXTERNREF;
            default -> ValType.ref(true, HeapType.ANY);
        };
        if (operand == null || !context.matches(operand, expected)) {
            throw invalid("type mismatch: " + op.mnemonic() + " requires [" + expected + "]"
                            + (operand == null ? " but stack has []" : " but stack has [" + operand + "]"));
        }
        return switch (op) {
            case REF_I31 -> ValType.ref(false, HeapType.I31);
            case ANY_CONVERT_EXTERN -> ValType.ref(operand.isNullable(), HeapType.ANY);
            default -> ValType.ref(operand.isNullable(), HeapType.EXTERN);
        };
    }

    /** {@code struct.new x} and {@code struct.new_default x} (GC, constant): pops the field values, pushes {@code (ref x)}. */
    private ValType structNew(Opcode op, int typeIndex, List<ValType> stack) {
        ValType[] operands = StructTyping.newOperands(context, op, typeIndex);
        for (int i = operands.length - 1; i >= 0; i--) {
            if (stack.isEmpty() || !context.matches(stack.removeLast(), operands[i])) {
                throw invalid("type mismatch: " + op.mnemonic() + " requires " + dev.twasm.model.FuncType.render(operands));
            }
        }
        return ValType.ref(false, typeIndex);
    }

    private boolean isConstant(Opcode op, CodeReader reader, int visibleGlobals) {
        return switch (op) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC -> true;
            case STRUCT_NEW, STRUCT_NEW_DEFAULT -> true;
            case GLOBAL_GET -> !context.constantExpressionGlobal(reader.index(), visibleGlobals).mutable();
            default -> isArithmetic(op) || isUnary(op) || ArrayInstructionValidator.isConstant(op);
        };
    }

    /** The type of the one value a constant instruction other than arithmetic pushes. */
    private ValType resultType(Opcode op, CodeReader reader, int visibleGlobals) {
        return switch (op) {
            case I32_CONST -> ValType.I32;
            case I64_CONST -> ValType.I64;
            case F32_CONST -> ValType.F32;
            case F64_CONST -> ValType.F64;
            case V128_CONST -> ValType.V128;
            case REF_NULL -> context.checkValType(reader.refType());
            case REF_FUNC -> {
                context.functionType(reader.index());
                yield ValType.ref(false, context.module().functionTypeIndex(reader.index()));
            }
            case GLOBAL_GET -> context.constantExpressionGlobal(reader.index(), visibleGlobals).valType();
            default -> throw new IllegalStateException("not a constant instruction: " + op);
        };
    }
}
