package dev.twasm.baseline;

import dev.twasm.model.FuncType;
import dev.twasm.model.ValType;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmInstance;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;

/**
 * How Wasm values look on the JVM in baseline code: i32, i64, f32 and f64 are {@code int},
 * {@code long}, {@code float} and {@code double}; references ({@code funcref}, {@code externref})
 * and vectors ({@code v128}, an opaque value of {@link dev.twasm.simd.SimdOps#INSTANCE}'s
 * representation) are {@code Object}, and their boxed form is the object itself. A function of
 * type {@code [t*] -> [r]} becomes a static method {@code (t*, WasmInstance) r}, with
 * {@code void} for no result and a boxed {@code Object[]} (the calling convention's multi-value
 * form) for several.
 *
 * <p>The instance is the <em>last</em> parameter because a call is translated when its arguments
 * are already on the JVM operand stack: pushing the instance after them costs one {@code aload},
 * while a first parameter would need the arguments spilled and reloaded.
 */
final class JvmTypes {
    static final ClassDesc INSTANCE = desc(WasmInstance.class);
    static final ClassDesc FUNCTION = desc(WasmFunction.class);
    static final ClassDesc SUPPORT = desc(BaselineSupport.class);
    static final ClassDesc OBJECT_ARRAY = ConstantDescs.CD_Object.arrayType();
    static final ClassDesc TAIL_CALL = desc(dev.twasm.runtime.TailCall.class);

    /** Argument slots the JVM allows a static method (255), minus room for a stub's extra parameters. */
    static final int MAX_PARAMETER_SLOTS = 250;

    private JvmTypes() {
    }

    static ClassDesc desc(Class<?> c) {
        return ClassDesc.ofDescriptor(c.descriptorString());
    }

    static TypeKind kind(ValType type) {
        return switch (type.kind()) {
            case I32 -> TypeKind.INT;
            case I64 -> TypeKind.LONG;
            case F32 -> TypeKind.FLOAT;
            case F64 -> TypeKind.DOUBLE;
            case REF, V128 -> TypeKind.REFERENCE;
        };
    }

    static ClassDesc desc(ValType type) {
        return switch (kind(type)) {
            case INT -> ConstantDescs.CD_int;
            case LONG -> ConstantDescs.CD_long;
            case FLOAT -> ConstantDescs.CD_float;
            case DOUBLE -> ConstantDescs.CD_double;
            default -> ConstantDescs.CD_Object;
        };
    }

    static Class<?> javaClass(ValType type) {
        return switch (kind(type)) {
            case INT -> int.class;
            case LONG -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
            default -> Object.class;
        };
    }

    /** The JVM result of a function with these results: void, the single value, or Object[]. */
    static ClassDesc result(ValType[] results) {
        return switch (results.length) {
            case 0 -> ConstantDescs.CD_void;
            case 1 -> desc(results[0]);
            default -> OBJECT_ARRAY;
        };
    }

    static Class<?> resultClass(ValType[] results) {
        return switch (results.length) {
            case 0 -> void.class;
            case 1 -> javaClass(results[0]);
            default -> Object[].class;
        };
    }

    /** {@code (params..., extra...) result} */
    static MethodTypeDesc method(FuncType type, ClassDesc... extra) {
        ClassDesc[] params = new ClassDesc[type.paramCount() + extra.length];
        for (int i = 0; i < type.paramCount(); i++) {
            params[i] = desc(type.param(i));
        }
        System.arraycopy(extra, 0, params, type.paramCount(), extra.length);
        return MethodTypeDesc.of(result(type.results()), params);
    }

    /** The type of a function's method: {@code (params..., WasmInstance) result}. */
    static MethodTypeDesc function(FuncType type) {
        return method(type, INSTANCE);
    }

    /**
     * The type of the body method of a function with tail calls: {@code (params..., WasmInstance)
     * Object}, its results boxed as the calling convention boxes them, or a pending tail call.
     */
    static MethodTypeDesc tailCallingFunction(FuncType type) {
        return function(type).changeReturnType(ConstantDescs.CD_Object);
    }

    static MethodType functionType(FuncType type) {
        Class<?>[] params = new Class<?>[type.paramCount() + 1];
        for (int i = 0; i < type.paramCount(); i++) {
            params[i] = javaClass(type.param(i));
        }
        params[type.paramCount()] = WasmInstance.class;
        return MethodType.methodType(resultClass(type.results()), params);
    }

    /** Whether a method for {@code type} fits the JVM's limit on parameter slots. */
    static boolean representable(FuncType type) {
        int slots = 0;
        for (ValType t : type.params()) {
            slots += kind(t).slotSize();
        }
        return slots <= MAX_PARAMETER_SLOTS;
    }

    // ---- boxing, as the calling convention boxes values --------------------------------------

    /** A primitive's wrapper class, as the calling convention boxes values. */
    private record Box(ClassDesc wrapper, ClassDesc primitive, String unboxMethod) {
    }

    private static Box box(TypeKind kind) {
        return switch (kind) {
            case INT -> new Box(ConstantDescs.CD_Integer, ConstantDescs.CD_int, "intValue");
            case LONG -> new Box(ConstantDescs.CD_Long, ConstantDescs.CD_long, "longValue");
            case FLOAT -> new Box(ConstantDescs.CD_Float, ConstantDescs.CD_float, "floatValue");
            case DOUBLE -> new Box(ConstantDescs.CD_Double, ConstantDescs.CD_double, "doubleValue");
            default -> null; // references and vectors are objects already
        };
    }

    /** Boxes the value of {@code type} on top of the stack. */
    static void box(CodeBuilder code, ValType type) {
        Box b = box(kind(type));
        if (b != null) {
            code.invokestatic(b.wrapper, "valueOf", MethodTypeDesc.of(b.wrapper, b.primitive));
        }
    }

    /** Unboxes the object on top of the stack into a value of {@code type}. */
    static void unbox(CodeBuilder code, ValType type) {
        Box b = box(kind(type));
        if (b != null) {
            code.checkcast(b.wrapper);
            code.invokevirtual(b.wrapper, b.unboxMethod, MethodTypeDesc.of(b.primitive));
        }
    }
}
