package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.model.HeapType;
import dev.twasm.model.ValType;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.runtime.WasmException;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.gc.WasmStruct;
import dev.twasm.nodes.reference.RefTestNode;
import dev.twasm.runtime.WasmI31;
import dev.twasm.gc.WasmArray;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmNull;
import dev.twasm.simd.SimdOps;

import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Converts values arriving from other languages or the host into the boxed form Wasm code uses
 * ({@link Integer} for i32, {@link Long} for i64, {@link Float}, {@link Double}, and a reference
 * object), following the type the Wasm side declares.
 *
 * <p>Accepted: i32 from any integer in [-2^31, 2^32) (unsigned values wrap, as JavaScript's
 * ToInt32 would for that range); i64 from any integer in [-2^63, 2^64), including big integers;
 * f32 and f64 from any number (rounded to the nearest representable value); funcref from a Wasm
 * function or null; externref from anything (null becomes the null reference); anyref (GC) from
 * anything too, eqref, i31ref, structref, arrayref and concrete struct and array types from an
 * i31, struct or array that Wasm handed out and that is of that type; v128 from a
 * {@link V128Value}, a 16-byte buffer or an array of 16 byte values (little-endian byte order,
 * byte 0 first).
 */
public final class ValueConversion {
    private ValueConversion() {
    }

    /** Converts one value to the boxed Wasm form of {@code type}. */
    @GenerateUncached
    @GenerateInline(false)
    public abstract static class ToWasmNode extends Node {
        public abstract Object execute(Object value, ValType type) throws UnsupportedTypeException;

        @Specialization(limit = "3")
        static Object convert(Object value, ValType type,
                        @CachedLibrary("value") InteropLibrary lib) throws UnsupportedTypeException {
            try {
                switch (type.kind()) {
                    case I32:
                        if (lib.fitsInInt(value)) {
                            return lib.asInt(value);
                        }
                        if (lib.fitsInLong(value)) {
                            long l = lib.asLong(value);
                            if (l >= Integer.MIN_VALUE && l <= 0xFFFF_FFFFL) {
                                return (int) l;
                            }
                        }
                        break;
                    case I64:
                        if (lib.fitsInLong(value)) {
                            return lib.asLong(value);
                        }
                        if (lib.fitsInBigInteger(value)) {
                            Long wrapped = wrapUnsigned64(lib.asBigInteger(value));
                            if (wrapped != null) {
                                return wrapped;
                            }
                        }
                        break;
                    case F32:
                        if (lib.fitsInFloat(value)) {
                            return lib.asFloat(value);
                        }
                        if (lib.fitsInDouble(value)) {
                            return (float) lib.asDouble(value);
                        }
                        if (lib.fitsInLong(value)) {
                            return (float) lib.asLong(value);
                        }
                        if (lib.fitsInBigInteger(value)) {
                            return bigToDouble(lib.asBigInteger(value)).floatValue();
                        }
                        break;
                    case F64:
                        if (lib.fitsInDouble(value)) {
                            return lib.asDouble(value);
                        }
                        if (lib.fitsInLong(value)) {
                            return (double) lib.asLong(value);
                        }
                        if (lib.fitsInBigInteger(value)) {
                            return bigToDouble(lib.asBigInteger(value));
                        }
                        break;
                    case REF:
                        if (value instanceof WasmNull || lib.isNull(value)) {
                            if (type.isNullable()) {
                                return WasmNull.INSTANCE;
                            }
                            break;
                        }
                        if (type.hasBottomHeapType()) {
                            break; // only null has a bottom type
                        }
                        // a concrete type here is canonical (the type of a function instance): its index is the type id;
                        // a Wasm function of a declared subtype matches too (host functions have no supertypes)
                        if (type.topHeapType() == HeapType.FUNC && value instanceof WasmFunction function
                                        && (!type.isConcrete() || function.typeId() == type.typeIndex()
                                                        || function.context() instanceof WasmInstance owner
                                                                        && owner.module().engine().types().isSubtype(function.typeId(), type.typeIndex()))) {
                            return value;
                        }
                        if (type.topHeapType() == HeapType.EXTERN) {
                            return value;
                        }
                        if (type.topHeapType() == HeapType.EXN && value instanceof WasmException) {
                            return value;
                        }
                        if ((type.isConcrete() || type.topHeapType() == HeapType.ANY) && acceptsAny(type, value)) {
                            return value;
                        }
                        break;
                    case V128:
                        if (value instanceof V128Value v) {
                            return v.toSimd();
                        }
                        if (lib.hasBufferElements(value) && lib.getBufferSize(value) == 16) {
                            return SimdOps.INSTANCE.fromLongs(lib.readBufferLong(value, ByteOrder.LITTLE_ENDIAN, 0),
                                            lib.readBufferLong(value, ByteOrder.LITTLE_ENDIAN, 8));
                        }
                        if (lib.hasArrayElements(value) && lib.getArraySize(value) == 16) {
                            Object v128 = v128FromArray(value);
                            if (v128 != null) {
                                return v128;
                            }
                        }
                        break;
                    default:
                        break;
                }
            } catch (UnsupportedMessageException e) {
                // fits* said yes but as* refused: treat as a type error below
            } catch (InvalidBufferOffsetException e) {
                // a 16-byte buffer that refused a read at 0 or 8: a type error below
            }
            throw UnsupportedTypeException.create(new Object[]{value}, expectation(type));
        }
    }

    /**
     * Whether a host value is a reference of type {@code type} of the {@code any} hierarchy (Wasm
     * 3.0 GC), or of a concrete struct or array type (canonical: its index is the type id): an
     * i31 ({@link WasmI31}), struct ({@link WasmStruct}) or array ({@link WasmArray}) that Wasm
     * handed out, by the rules of {@code ref.test} ({@link RefTestNode#matches}), a struct or array
     * of a concrete type when its type is that type or declares it as a supertype; any other host
     * value for {@code any} only, as {@code any.convert_extern} of it would give (the same object:
     * docs/rationale.md).
     */
    private static boolean acceptsAny(ValType type, Object value) {
        if (type.isConcrete()) {
            DefinedType defined = value instanceof WasmStruct s ? s.type() : value instanceof WasmArray a ? a.type() : null;
            return defined != null && defined.isSubtypeOf(type.typeIndex());
        }
        if (value instanceof WasmI31 || value instanceof WasmStruct || value instanceof WasmArray) {
            return RefTestNode.matches(value, type.heapType(), false);
        }
        return type.heapType() == HeapType.ANY;
    }

    /** The v128 whose bytes are the 16 array elements of {@code array}, or null if one is not an integer in [-128, 255]. */
    @TruffleBoundary
    static Object v128FromArray(Object array) {
        InteropLibrary interop = InteropLibrary.getUncached();
        long[] halves = new long[2];
        try {
            for (int i = 0; i < 16; i++) {
                Object element = interop.readArrayElement(array, i);
                if (!interop.fitsInInt(element)) {
                    return null;
                }
                int b = interop.asInt(element);
                if (b < -128 || b > 255) {
                    return null;
                }
                halves[i / 8] |= (b & 0xFFL) << (8 * (i % 8));
            }
        } catch (InteropException e) {
            return null;
        }
        return SimdOps.INSTANCE.fromLongs(halves[0], halves[1]);
    }

    /**
     * The interop value of a Wasm value of {@code type} in its boxed form: a {@link V128Value}
     * copy for a {@code v128} (the engine's own representation is not an interop value), the box
     * itself otherwise.
     */
    public static Object toHost(Object value, ValType type) {
        return type == ValType.V128 ? V128Value.of(value) : value;
    }

    @TruffleBoundary
    static Long wrapUnsigned64(BigInteger big) {
        if (big.signum() >= 0 && big.bitLength() <= 64) {
            return big.longValue();
        }
        return null;
    }

    @TruffleBoundary
    static Double bigToDouble(BigInteger big) {
        return big.doubleValue();
    }

    @TruffleBoundary
    public static String expectation(ValType type) {
        return switch (type.kind()) {
            case I32 -> "expected an i32: an integer in [-2^31, 2^32)";
            case I64 -> "expected an i64: an integer in [-2^63, 2^64)";
            case F32 -> "expected an f32: a number";
            case F64 -> "expected an f64: a number";
            case REF -> referenceExpectation(type);
            case V128 -> "expected a v128: 16 bytes (a buffer of 16 bytes, or an array of 16 integers in [-128, 255])";
        };
    }

    private static String referenceExpectation(ValType type) {
        String orNull = type.isNullable() ? " or null" : "";
        if (type == ValType.EXTERNREF) {
            return "expected an externref";
        }
        if (type.hasBottomHeapType()) {
            return "expected a " + type.textName() + ": only null";
        }
        if (type.isConcrete()) {
            return "expected a " + type.textName() + ": a WebAssembly function, struct or array of that type" + orNull;
        }
        return switch (type.topHeapType()) {
            case FUNC -> "expected a " + type.textName() + ": a WebAssembly function" + orNull;
            case EXTERN -> "expected a " + type.textName() + ": any value" + orNull;
            case EXN -> "expected an " + type.textName() + ": a Wasm exception" + orNull;
            default -> type.heapType() == HeapType.ANY ? "expected an " + type.textName() + ": any value" + orNull
                            : type.heapType() == HeapType.EQ ? "expected an " + type.textName() + ": an i31, struct or array from WebAssembly" + orNull
                                            : type.heapType() == HeapType.I31 ? "expected an " + type.textName() + ": an i31 reference from WebAssembly" + orNull
                                                            : "expected " + article(type.textName()) + ": " + article(type.heapType().textName()) + " from WebAssembly" + orNull;
        };
    }

    /** {@code word} after its indefinite article: "a struct", "an array". */
    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /**
     * The Wasm call arguments ({@link CallingConvention}) for a call from another language: the
     * callee's context, then each host argument converted to its parameter's type. Used where the
     * parameter types vary from call to call (an indirect or uncached call of an exported function).
     */
    @GenerateUncached
    @GenerateInline(false)
    public abstract static class ArgumentsNode extends Node {
        public abstract Object[] execute(Object context, ValType[] params, Object[] hostArgs) throws ArityException, UnsupportedTypeException;

        @Specialization
        static Object[] convert(Object context, ValType[] params, Object[] hostArgs,
                        @Cached ToWasmNode toWasm) throws ArityException, UnsupportedTypeException {
            Object[] args = newArguments(context, params.length, hostArgs);
            for (int i = 0; i < params.length; i++) {
                args[CallingConvention.FIRST_VALUE + i] = toWasm.execute(hostArgs[i], params[i]);
            }
            return args;
        }
    }

    /**
     * {@link ArgumentsNode} for calls of one function type (a call site that calls one call target,
     * whose type is fixed): the parameter types are compilation constants and each parameter has
     * its own conversion node, so in compiled code the type dispatch folds away, each conversion
     * specializes on the values its position receives, and the arguments array has a constant
     * length and is written at constant indices. When the callee is inlined, escape analysis then
     * removes the array and the boxes of the values that pass through it.
     */
    public static final class ParametersNode extends Node {
        @CompilationFinal(dimensions = 1) private final ValType[] params;
        @Children private final ToWasmNode[] toWasm;

        private ParametersNode(ValType[] params) {
            this.params = params;
            this.toWasm = new ToWasmNode[params.length];
            for (int i = 0; i < params.length; i++) {
                toWasm[i] = ValueConversionFactory.ToWasmNodeGen.create();
            }
        }

        public static ParametersNode create(ValType[] params) {
            return new ParametersNode(params);
        }

        @ExplodeLoop
        public Object[] execute(Object context, Object[] hostArgs) throws ArityException, UnsupportedTypeException {
            Object[] args = newArguments(context, params.length, hostArgs);
            for (int i = 0; i < params.length; i++) {
                args[CallingConvention.FIRST_VALUE + i] = toWasm[i].execute(hostArgs[i], params[i]);
            }
            return args;
        }
    }

    private static Object[] newArguments(Object context, int paramCount, Object[] hostArgs) throws ArityException {
        if (hostArgs.length != paramCount) {
            throw ArityException.create(paramCount, paramCount, hostArgs.length);
        }
        return CallingConvention.newArguments(context, paramCount);
    }

    /** Uncached conversion, for slow paths (linking, instantiation). */
    public static Object toWasmUncached(Object value, ValType type) throws UnsupportedTypeException {
        return ValueConversionFactory.ToWasmNodeGen.getUncached().execute(value, type);
    }
}
