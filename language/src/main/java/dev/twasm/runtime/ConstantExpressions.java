package dev.twasm.runtime;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import dev.twasm.binary.CodeReader;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.StructLayout;
import dev.twasm.gc.WasmStruct;
import dev.twasm.model.Expr;
import dev.twasm.nodes.aggregate.StructFields;
import dev.twasm.model.Opcode;
import dev.twasm.simd.SimdOps;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import java.util.ArrayDeque;

/**
 * Evaluates constant expressions (spec §3.3.10, §4.5.4): global initializers, segment offsets and
 * element items, in the context of an instance under construction, including Wasm 3.0's extended
 * constant expressions ({@code i32/i64.add/sub/mul}, wrapping) and GC's {@code ref.i31} and
 * conversions between {@code any} and {@code extern}, and the allocations {@code struct.new(_default)}, {@code array.new},
 * {@code array.new_default} and {@code array.new_fixed}. Validation already restricted them
 * to constant instructions. The instantiator evaluates global initializers in index order and
 * stores each global before the next is evaluated, so a {@code global.get} of an earlier defined
 * global (Wasm 3.0) reads its initialized value.
 */
final class ConstantExpressions {
    private ConstantExpressions() {
    }

    /** Returns the value of {@code expr}, boxed as the calling convention boxes values. */
    static Object evaluate(Expr expr, WasmInstance instance) {
        ArrayDeque<Object> stack = new ArrayDeque<>();
        CodeReader reader = new CodeReader(expr);
        while (reader.hasNext()) {
            Opcode op = reader.next();
            switch (op) {
                case I32_CONST -> stack.push(reader.i32());
                case I64_CONST -> stack.push(reader.i64());
                case F32_CONST -> stack.push(Float.intBitsToFloat(reader.f32Bits()));
                case F64_CONST -> stack.push(Double.longBitsToDouble(reader.f64Bits()));
                case V128_CONST -> stack.push(SimdOps.INSTANCE.fromLongs(reader.v128Lo(), reader.v128Hi()));
                case REF_NULL -> stack.push(WasmNull.INSTANCE);
                case REF_FUNC -> stack.push(instance.functions[reader.index()]);
                case REF_I31 -> stack.push(WasmI31.of((Integer) stack.pop()));
                case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {
                    // the same object in both hierarchies (docs/rationale.md)
                }
                case STRUCT_NEW, STRUCT_NEW_DEFAULT -> stack.push(structNew(op, instance.module().definedType(reader.index()), instance, stack));
                case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED -> stack.push(newArray(op, reader, instance, stack));
                case GLOBAL_GET -> stack.push(instance.globals[reader.index()].getBoxed());
                case I32_ADD, I32_SUB, I32_MUL -> {
                    int b = (Integer) stack.pop();
                    int a = (Integer) stack.pop();
                    stack.push(op == Opcode.I32_ADD ? a + b : op == Opcode.I32_SUB ? a - b : a * b);
                }
                case I64_ADD, I64_SUB, I64_MUL -> {
                    long b = (Long) stack.pop();
                    long a = (Long) stack.pop();
                    stack.push(op == Opcode.I64_ADD ? a + b : op == Opcode.I64_SUB ? a - b : a * b);
                }
                case END -> {
                    return stack.pop();
                }
                default -> throw new IllegalStateException("not a constant instruction: " + op);
            }
        }
        throw new IllegalStateException("constant expression without end");
    }

    /** {@code struct.new} (its field values on top of {@code stack}, the last on top) and {@code struct.new_default}. */
    private static WasmStruct structNew(Opcode op, DefinedType type, WasmInstance instance, ArrayDeque<Object> stack) {
        StructLayout layout = type.layout();
        AllocationReporter reporter = WasmLanguage.allocationReporter(instance.module().language());
        if (op == Opcode.STRUCT_NEW_DEFAULT) {
            return Allocations.struct(reporter, type, true);
        }
        WasmStruct struct = Allocations.struct(reporter, type, false);
        for (int i = layout.fieldCount() - 1; i >= 0; i--) {
            StructFields.writeBoxed(layout.field(i), layout.storage(i), struct, stack.pop());
        }
        return struct;
    }

    /** {@code array.new}, {@code array.new_default} and {@code array.new_fixed} (GC) of the boxed operands on {@code stack}. */
    private static WasmArray newArray(Opcode op, CodeReader reader, WasmInstance instance, ArrayDeque<Object> stack) {
        DefinedType type = instance.module().definedType(reader.index());
        AllocationReporter reporter = WasmLanguage.allocationReporter(instance.module().language());
        return switch (op) {
            case ARRAY_NEW_DEFAULT -> Allocations.array(reporter, type, (Integer) stack.pop());
            case ARRAY_NEW -> {
                int length = (Integer) stack.pop();
                yield Allocations.array(reporter, type, length, stack.pop());
            }
            default -> {
                int n = reader.index2();
                WasmArray array = Allocations.array(reporter, type, n);
                for (int i = n - 1; i >= 0; i--) {
                    ArrayElements.setBoxed(array.elements(), ArrayElements.code(type.element()), i, stack.pop());
                }
                yield array;
            }
        };
    }
}
