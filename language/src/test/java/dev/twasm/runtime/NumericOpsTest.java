package dev.twasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import com.oracle.truffle.api.nodes.Node;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * Exact, bit-level tests of {@link NumericOps}: hand-picked edge cases (many ported from the
 * official scripts) and, in {@link SpecScripts}, every {@code assert_return}/{@code assert_trap} of
 * the numeric spec scripts whose function is a single numeric instruction.
 */
class NumericOpsTest {

    // ---------------------------------------------------------------------------------------
    // Bit-pattern helpers

    static final int F32_CANONICAL = 0x7fc00000;
    static final long F64_CANONICAL = 0x7ff8000000000000L;
    /** Signalling NaNs (quiet bit clear), as {@code nan:0x200000} / {@code nan:0x4000000000000}. */
    static final int F32_SNAN = 0x7fa00000;
    static final long F64_SNAN = 0x7ff4000000000000L;
    /** A quiet but non-canonical NaN. */
    static final int F32_QNAN_PAYLOAD = 0x7fc12345;
    static final long F64_QNAN_PAYLOAD = 0x7ff8000012345678L;

    static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    static void assertBits(float expected, float actual) {
        assertBits(Float.floatToRawIntBits(expected), actual);
    }

    static void assertBits(int expectedBits, float actual) {
        int actualBits = Float.floatToRawIntBits(actual);
        assertEquals(expectedBits, actualBits, () -> String.format("expected f32 0x%08x (%s) but got 0x%08x (%s)",
                        expectedBits, Float.intBitsToFloat(expectedBits), actualBits, actual));
    }

    static void assertBits(double expected, double actual) {
        assertBits(Double.doubleToRawLongBits(expected), actual);
    }

    static void assertBits(long expectedBits, double actual) {
        long actualBits = Double.doubleToRawLongBits(actual);
        assertEquals(expectedBits, actualBits, () -> String.format("expected f64 0x%016x (%s) but got 0x%016x (%s)",
                        expectedBits, Double.longBitsToDouble(expectedBits), actualBits, actual));
    }

    static void assertCanonical(float actual) {
        assertTrue(NumericOps.isCanonicalNaN(actual), () -> String.format("not a canonical NaN: 0x%08x", Float.floatToRawIntBits(actual)));
    }

    static void assertCanonical(double actual) {
        assertTrue(NumericOps.isCanonicalNaN(actual), () -> String.format("not a canonical NaN: 0x%016x", Double.doubleToRawLongBits(actual)));
    }

    static void assertArithmetic(float actual) {
        assertTrue(NumericOps.isArithmeticNaN(actual), () -> String.format("not an arithmetic NaN: 0x%08x", Float.floatToRawIntBits(actual)));
    }

    static void assertArithmetic(double actual) {
        assertTrue(NumericOps.isArithmeticNaN(actual), () -> String.format("not an arithmetic NaN: 0x%016x", Double.doubleToRawLongBits(actual)));
    }

    static void assertTrap(TrapKind kind, Executable operation) {
        WasmTrap trap = assertThrows(WasmTrap.class, operation);
        assertEquals(kind, trap.kind());
        assertEquals(kind.message(), trap.getMessage());
    }

    @FunctionalInterface
    interface F32Unary {
        float apply(float x);
    }

    @FunctionalInterface
    interface F32Binary {
        float apply(float a, float b);
    }

    @FunctionalInterface
    interface F64Unary {
        double apply(double x);
    }

    @FunctionalInterface
    interface F64Binary {
        double apply(double a, double b);
    }

    record Named<T>(String name, T op) {
    }

    static final List<Named<F32Unary>> F32_ROUNDING = List.of(
                    new Named<>("ceil", NumericOps::f32Ceil), new Named<>("floor", NumericOps::f32Floor),
                    new Named<>("trunc", NumericOps::f32Trunc), new Named<>("nearest", NumericOps::f32Nearest),
                    new Named<>("sqrt", NumericOps::f32Sqrt));
    static final List<Named<F64Unary>> F64_ROUNDING = List.of(
                    new Named<>("ceil", NumericOps::f64Ceil), new Named<>("floor", NumericOps::f64Floor),
                    new Named<>("trunc", NumericOps::f64Trunc), new Named<>("nearest", NumericOps::f64Nearest),
                    new Named<>("sqrt", NumericOps::f64Sqrt));
    static final List<Named<F32Binary>> F32_BINARY = List.of(
                    new Named<>("add", NumericOps::f32Add), new Named<>("sub", NumericOps::f32Sub),
                    new Named<>("mul", NumericOps::f32Mul), new Named<>("div", NumericOps::f32Div),
                    new Named<>("min", NumericOps::f32Min), new Named<>("max", NumericOps::f32Max));
    static final List<Named<F64Binary>> F64_BINARY = List.of(
                    new Named<>("add", NumericOps::f64Add), new Named<>("sub", NumericOps::f64Sub),
                    new Named<>("mul", NumericOps::f64Mul), new Named<>("div", NumericOps::f64Div),
                    new Named<>("min", NumericOps::f64Min), new Named<>("max", NumericOps::f64Max));

    // ---------------------------------------------------------------------------------------

    @Nested
    class OpcodeToMethod {

        @Test
        void everyNumericOpcodeHasAMethodWithItsSignature() {
            int numeric = 0;
            for (Opcode op : Opcode.values()) {
                if (!NumericOps.isNumeric(op)) {
                    continue;
                }
                numeric++;
                Method method = methodFor(op);
                assertTrue(Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()), op::toString);
                assertEquals(1, op.results().length, op::toString);
                assertEquals(javaType(op.results()[0]), method.getReturnType(), op::toString);
            }
            // 0x45..0xC4 plus the eight saturating truncations
            assertEquals(0xC4 - 0x45 + 1 + 8, numeric);
        }

        @Test
        void everyInstructionMethodBelongsToAnOpcode() {
            Set<String> expected = new HashSet<>();
            for (Opcode op : Opcode.values()) {
                if (NumericOps.isNumeric(op)) {
                    expected.add(NumericOps.methodName(op));
                }
            }
            for (Method m : NumericOps.class.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getName().matches("[if](32|64)[A-Z].*")) {
                    assertTrue(expected.contains(m.getName()), () -> "no opcode for " + m.getName());
                }
            }
        }

        @Test
        void methodNamesAreLowerCamelCaseOfTheOpcode() {
            assertEquals("i32DivS", NumericOps.methodName(Opcode.I32_DIV_S));
            assertEquals("i64TruncSatF64U", NumericOps.methodName(Opcode.I64_TRUNC_SAT_F64_U));
            assertEquals("f32ConvertI64U", NumericOps.methodName(Opcode.F32_CONVERT_I64_U));
            assertEquals("i64ExtendI32U", NumericOps.methodName(Opcode.I64_EXTEND_I32_U));
            assertEquals("i32Extend8S", NumericOps.methodName(Opcode.I32_EXTEND8_S));
            assertEquals("i32Eqz", NumericOps.methodName(Opcode.I32_EQZ));
            assertEquals("f64PromoteF32", NumericOps.methodName(Opcode.F64_PROMOTE_F32));
        }

        @Test
        void nonNumericOpcodesAreRejected() {
            assertFalse(NumericOps.isNumeric(Opcode.I32_LOAD));
            assertFalse(NumericOps.isNumeric(Opcode.I32_CONST));
            assertFalse(NumericOps.isNumeric(Opcode.MEMORY_FILL));
            assertFalse(NumericOps.isNumeric(Opcode.SELECT));
            assertThrows(IllegalArgumentException.class, () -> NumericOps.methodName(Opcode.F64_STORE));
        }

        @Test
        void exactlyDivisionsAndTruncationsMayTrap() {
            Set<Opcode> trapping = new HashSet<>();
            for (Opcode op : Opcode.values()) {
                if (NumericOps.isNumeric(op) && NumericOps.mayTrap(op)) {
                    trapping.add(op);
                }
            }
            for (Opcode op : trapping) {
                String m = op.mnemonic();
                assertTrue(m.matches("i(32|64)\\.(div|rem)_[su]") || m.matches("i(32|64)\\.trunc_f(32|64)_[su]"), m);
            }
            assertEquals(16, trapping.size());
        }
    }

    /** The method implementing {@code op}: its operand types, plus a trailing Node if it may trap. */
    static Method methodFor(Opcode op) {
        List<Class<?>> params = new ArrayList<>();
        for (ValType t : op.params()) {
            params.add(javaType(t));
        }
        if (NumericOps.mayTrap(op)) {
            params.add(Node.class);
        }
        try {
            return NumericOps.class.getMethod(NumericOps.methodName(op), params.toArray(new Class<?>[0]));
        } catch (NoSuchMethodException e) {
            throw new AssertionError("missing " + NumericOps.methodName(op) + params + " for " + op, e);
        }
    }

    static Class<?> javaType(ValType t) {
        return switch (t.kind()) {
            case I32 -> int.class;
            case I64 -> long.class;
            case F32 -> float.class;
            case F64 -> double.class;
            default -> throw new AssertionError(t);
        };
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class Traps {

        @Test
        void trapCarriesKindMessageAndLocation() {
            Node location = new Node() {
            };
            WasmTrap trap = assertThrows(WasmTrap.class, () -> NumericOps.i32DivU(1, 0, location));
            assertSame(location, trap.getLocation());
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
            assertEquals("integer divide by zero", trap.getMessage());

            trap = assertThrows(WasmTrap.class, () -> NumericOps.i64TruncF32U(Float.NaN, location));
            assertSame(location, trap.getLocation());
            assertEquals("invalid conversion to integer", trap.getMessage());
        }

        @Test
        void locationMayBeNull() {
            assertTrap(TrapKind.INTEGER_OVERFLOW, () -> NumericOps.i64DivS(Long.MIN_VALUE, -1, null));
        }
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class IntegerDivision {

        @Test
        void i32DivS() {
            assertEquals(1, NumericOps.i32DivS(1, 1, null));
            assertEquals(0xc0000000, NumericOps.i32DivS(0x80000000, 2, null));
            assertEquals(0xffdf3b65, NumericOps.i32DivS(0x80000001, 1000, null));
            assertEquals(-3, NumericOps.i32DivS(-7, 2, null)); // truncates toward zero
            assertEquals(-3, NumericOps.i32DivS(7, -2, null));
            assertEquals(3, NumericOps.i32DivS(-7, -2, null));
            assertEquals(0x80000001, NumericOps.i32DivS(0x7fffffff, -1, null));
            assertEquals(0x80000000, NumericOps.i32DivS(0x80000000, 1, null));
            assertTrap(TrapKind.INTEGER_OVERFLOW, () -> NumericOps.i32DivS(0x80000000, -1, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32DivS(1, 0, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32DivS(0, 0, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32DivS(0x80000000, 0, null));
        }

        @Test
        void i32DivU() {
            assertEquals(0, NumericOps.i32DivU(0x80000000, -1, null));
            assertEquals(0x40000000, NumericOps.i32DivU(0x80000000, 2, null));
            assertEquals(0x7fffffff, NumericOps.i32DivU(-1, 2, null));
            assertEquals(0x20c49b, NumericOps.i32DivU(0x80000001, 1000, null));
            assertEquals(0x7ffffffd, NumericOps.i32DivU(-5, 2, null));
            assertEquals(1, NumericOps.i32DivU(-1, -1, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32DivU(1, 0, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32DivU(0, 0, null));
        }

        @Test
        void i32RemS() {
            assertEquals(0, NumericOps.i32RemS(0x80000000, -1, null)); // no overflow trap for rem
            assertEquals(0, NumericOps.i32RemS(0x7fffffff, -1, null));
            assertEquals(0, NumericOps.i32RemS(0x80000000, 2, null));
            assertEquals(-647, NumericOps.i32RemS(0x80000001, 1000, null));
            assertEquals(-1, NumericOps.i32RemS(-7, 2, null)); // sign of the dividend
            assertEquals(1, NumericOps.i32RemS(7, -2, null));
            assertEquals(-1, NumericOps.i32RemS(-7, -2, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32RemS(1, 0, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32RemS(0x80000000, 0, null));
        }

        @Test
        void i32RemU() {
            assertEquals(0x80000000, NumericOps.i32RemU(0x80000000, -1, null));
            assertEquals(1, NumericOps.i32RemU(-1, 2, null));
            assertEquals(649, NumericOps.i32RemU(0x80000001, 1000, null));
            assertEquals(Integer.remainderUnsigned(0x8ff00ff0, 0x10001), NumericOps.i32RemU(0x8ff00ff0, 0x10001, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i32RemU(1, 0, null));
        }

        @Test
        void i64DivAndRem() {
            assertEquals(0xffdf3b645a1cac09L, NumericOps.i64DivS(0x8000000000000001L, 1000, null));
            assertEquals(0xc000000000000000L, NumericOps.i64DivS(Long.MIN_VALUE, 2, null));
            assertEquals(-3L, NumericOps.i64DivS(-7, 2, null));
            assertTrap(TrapKind.INTEGER_OVERFLOW, () -> NumericOps.i64DivS(Long.MIN_VALUE, -1, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i64DivS(Long.MIN_VALUE, 0, null));

            assertEquals(0x20c49ba5e353f7L, NumericOps.i64DivU(0x8000000000000001L, 1000, null));
            assertEquals(0x8ff00fefL, NumericOps.i64DivU(0x8ff00ff00ff00ff0L, 0x100000001L, null));
            assertEquals(0L, NumericOps.i64DivU(Long.MIN_VALUE, -1, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i64DivU(1, 0, null));

            assertEquals(0L, NumericOps.i64RemS(Long.MIN_VALUE, -1, null));
            assertEquals(-807L, NumericOps.i64RemS(0x8000000000000001L, 1000, null));
            assertEquals(-1L, NumericOps.i64RemS(-7, 2, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i64RemS(1, 0, null));

            assertEquals(809L, NumericOps.i64RemU(0x8000000000000001L, 1000, null));
            assertEquals(0x80000001L, NumericOps.i64RemU(0x8ff00ff00ff00ff0L, 0x100000001L, null));
            assertEquals(Long.MIN_VALUE, NumericOps.i64RemU(Long.MIN_VALUE, -1, null));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> NumericOps.i64RemU(1, 0, null));
        }
    }

    @Nested
    class IntegerBits {

        @Test
        void shiftCountsAreMasked() {
            assertEquals(1, NumericOps.i32Shl(1, 32));
            assertEquals(2, NumericOps.i32Shl(1, 33));
            assertEquals(0x80000000, NumericOps.i32Shl(1, -1));
            assertEquals(0x80000000, NumericOps.i32Shl(1, 0x7fffffff));
            assertEquals(-1, NumericOps.i32ShrS(0x80000000, 31));
            assertEquals(0x80000000, NumericOps.i32ShrS(0x80000000, 32));
            assertEquals(-1, NumericOps.i32ShrS(-1, 33));
            assertEquals(0x7fffffff, NumericOps.i32ShrU(-1, 33));
            assertEquals(1, NumericOps.i32ShrU(0x80000000, -1));
            assertEquals(1L, NumericOps.i64Shl(1, 64));
            assertEquals(Long.MIN_VALUE, NumericOps.i64Shl(1, -1));
            assertEquals(Long.MIN_VALUE, NumericOps.i64Shl(1, 0x7fffffffffffffffL));
            assertEquals(-1L, NumericOps.i64ShrS(Long.MIN_VALUE, 63));
            assertEquals(Long.MIN_VALUE, NumericOps.i64ShrS(Long.MIN_VALUE, 64));
            assertEquals(0x7fffffffffffffffL, NumericOps.i64ShrU(-1, 65));
            assertEquals(1L, NumericOps.i64ShrU(Long.MIN_VALUE, -1));
        }

        @Test
        void rotates() {
            assertEquals(0x579b30ed, NumericOps.i32Rotl(0xabcd9876, 1));
            assertEquals(0x1d860e97, NumericOps.i32Rotr(0xb0c1d2e3, 5));
            assertEquals(1, NumericOps.i32Rotl(1, 32));
            assertEquals(0x80000000, NumericOps.i32Rotl(1, 31));
            assertEquals(0x80000000, NumericOps.i32Rotr(1, 1));
            assertEquals(0x80000000, NumericOps.i32Rotr(1, 33));
            assertEquals(0x579b30ec048d159dL, NumericOps.i64Rotl(0xabcd987602468aceL, 1));
            assertEquals(Long.MIN_VALUE, NumericOps.i64Rotl(1, 63));
            assertEquals(Long.MIN_VALUE, NumericOps.i64Rotr(1, 1));
            assertEquals(1L, NumericOps.i64Rotl(1, 64));
            assertEquals(Long.MIN_VALUE, NumericOps.i64Rotl(1, -1));
            assertEquals(2L, NumericOps.i64Rotr(1, -1));
        }

        @Test
        void countBits() {
            assertEquals(32, NumericOps.i32Clz(0));
            assertEquals(0, NumericOps.i32Clz(-1));
            assertEquals(16, NumericOps.i32Clz(0x00008000));
            assertEquals(31, NumericOps.i32Clz(1));
            assertEquals(32, NumericOps.i32Ctz(0));
            assertEquals(31, NumericOps.i32Ctz(0x80000000));
            assertEquals(15, NumericOps.i32Ctz(0x00008000));
            assertEquals(32, NumericOps.i32Popcnt(-1));
            assertEquals(0, NumericOps.i32Popcnt(0));
            assertEquals(16, NumericOps.i32Popcnt(0xaaaaaaaa));
            assertEquals(64L, NumericOps.i64Clz(0));
            assertEquals(0L, NumericOps.i64Clz(Long.MIN_VALUE));
            assertEquals(64L, NumericOps.i64Ctz(0));
            assertEquals(63L, NumericOps.i64Ctz(Long.MIN_VALUE));
            assertEquals(64L, NumericOps.i64Popcnt(-1));
            assertEquals(32L, NumericOps.i64Popcnt(0xaaaaaaaa55555555L));
        }

        @Test
        void comparisonsAreSignedOrUnsigned() {
            assertEquals(1, NumericOps.i32LtS(-1, 0));
            assertEquals(0, NumericOps.i32LtU(-1, 0));
            assertEquals(1, NumericOps.i32GtU(0x80000000, 0x7fffffff));
            assertEquals(0, NumericOps.i32GtS(0x80000000, 0x7fffffff));
            assertEquals(1, NumericOps.i32LeU(5, 5));
            assertEquals(1, NumericOps.i32GeU(-1, -1));
            assertEquals(1, NumericOps.i32Eqz(0));
            assertEquals(0, NumericOps.i32Eqz(0x80000000));
            assertEquals(1, NumericOps.i64LtS(-1, 0));
            assertEquals(0, NumericOps.i64LtU(-1, 0));
            assertEquals(1, NumericOps.i64GeU(Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(0, NumericOps.i64LeU(Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(1, NumericOps.i64Eqz(0));
            assertEquals(0, NumericOps.i64Eqz(0x100000000L));
            assertEquals(1, NumericOps.i64Ne(0x100000000L, 0));
        }

        @Test
        void extendAndWrap() {
            assertEquals(127, NumericOps.i32Extend8S(0x7f));
            assertEquals(-128, NumericOps.i32Extend8S(0x80));
            assertEquals(-128, NumericOps.i32Extend8S(0x12345680));
            assertEquals(0x7f, NumericOps.i32Extend8S(0xfedcba7f));
            assertEquals(-32768, NumericOps.i32Extend16S(0x8000));
            assertEquals(0x7fff, NumericOps.i32Extend16S(0x12347fff));
            assertEquals(-128L, NumericOps.i64Extend8S(0x0123456789abcd80L));
            assertEquals(-32768L, NumericOps.i64Extend16S(0x0123456789ab8000L));
            assertEquals(0xffffffff89abcdefL, NumericOps.i64Extend32S(0x0123456789abcdefL));
            assertEquals(0x7fffffffL, NumericOps.i64Extend32S(0xffffffff7fffffffL));
            assertEquals(-1L, NumericOps.i64ExtendI32S(-1));
            assertEquals(0xffffffffL, NumericOps.i64ExtendI32U(-1));
            assertEquals(0x80000000L, NumericOps.i64ExtendI32U(0x80000000));
            assertEquals(0x23456789, NumericOps.i32WrapI64(0x123456789L));
            assertEquals(-1, NumericOps.i32WrapI64(-1L));
            assertEquals(0, NumericOps.i32WrapI64(Long.MIN_VALUE));
            assertEquals(0x80000000, NumericOps.i32WrapI64(0xffffffff80000000L));
        }
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class FloatNaNs {

        @Test
        void roundingAndSqrtQuietSignallingNaNs() {
            for (Named<F32Unary> op : F32_ROUNDING) {
                for (int nan : new int[]{F32_SNAN, F32_SNAN | 0x80000000, 0x7f800001, 0xff800001}) {
                    float result = op.op().apply(f32(nan));
                    assertTrue(NumericOps.isArithmeticNaN(result), () -> String.format("f32.%s(0x%08x) = 0x%08x", op.name(), nan, Float.floatToRawIntBits(result)));
                }
                assertCanonical(op.op().apply(f32(F32_CANONICAL)));
                assertCanonical(op.op().apply(f32(F32_CANONICAL | 0x80000000)));
                assertArithmetic(op.op().apply(f32(F32_QNAN_PAYLOAD)));
            }
            for (Named<F64Unary> op : F64_ROUNDING) {
                for (long nan : new long[]{F64_SNAN, F64_SNAN | Long.MIN_VALUE, 0x7ff0000000000001L, 0xfff0000000000001L}) {
                    double result = op.op().apply(f64(nan));
                    assertTrue(NumericOps.isArithmeticNaN(result), () -> String.format("f64.%s(0x%016x) = 0x%016x", op.name(), nan, Double.doubleToRawLongBits(result)));
                }
                assertCanonical(op.op().apply(f64(F64_CANONICAL)));
                assertCanonical(op.op().apply(f64(F64_CANONICAL | Long.MIN_VALUE)));
                assertArithmetic(op.op().apply(f64(F64_QNAN_PAYLOAD)));
            }
        }

        @Test
        void binaryOpsReturnArithmeticNaNsAndCanonicalForCanonicalInputs() {
            // includes the neutral elements a compiler could be tempted to fold away
            float[] others = {1.0f, -1.0f, 0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1p-149f, Float.MAX_VALUE};
            for (Named<F32Binary> op : F32_BINARY) {
                for (float other : others) {
                    for (int nan : new int[]{F32_SNAN, F32_SNAN | 0x80000000, F32_QNAN_PAYLOAD, 0x7f800001}) {
                        float left = op.op().apply(f32(nan), other);
                        float right = op.op().apply(other, f32(nan));
                        assertTrue(NumericOps.isArithmeticNaN(left) && NumericOps.isArithmeticNaN(right),
                                        () -> String.format("f32.%s with 0x%08x and %s: 0x%08x, 0x%08x", op.name(), nan, other,
                                                        Float.floatToRawIntBits(left), Float.floatToRawIntBits(right)));
                    }
                    for (int nan : new int[]{F32_CANONICAL, F32_CANONICAL | 0x80000000}) {
                        assertCanonical(op.op().apply(f32(nan), other));
                        assertCanonical(op.op().apply(other, f32(nan)));
                    }
                }
                assertCanonical(op.op().apply(f32(F32_CANONICAL), f32(F32_CANONICAL | 0x80000000)));
                assertArithmetic(op.op().apply(f32(F32_SNAN), f32(F32_SNAN)));
                assertArithmetic(op.op().apply(f32(F32_CANONICAL), f32(F32_SNAN)));
                assertArithmetic(op.op().apply(f32(F32_SNAN), f32(F32_CANONICAL)));
            }
            double[] others64 = {1.0, -1.0, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
            for (Named<F64Binary> op : F64_BINARY) {
                for (double other : others64) {
                    for (long nan : new long[]{F64_SNAN, F64_SNAN | Long.MIN_VALUE, F64_QNAN_PAYLOAD, 0x7ff0000000000001L}) {
                        double left = op.op().apply(f64(nan), other);
                        double right = op.op().apply(other, f64(nan));
                        assertTrue(NumericOps.isArithmeticNaN(left) && NumericOps.isArithmeticNaN(right),
                                        () -> String.format("f64.%s with 0x%016x and %s: 0x%016x, 0x%016x", op.name(), nan, other,
                                                        Double.doubleToRawLongBits(left), Double.doubleToRawLongBits(right)));
                    }
                    for (long nan : new long[]{F64_CANONICAL, F64_CANONICAL | Long.MIN_VALUE}) {
                        assertCanonical(op.op().apply(f64(nan), other));
                        assertCanonical(op.op().apply(other, f64(nan)));
                    }
                }
                assertCanonical(op.op().apply(f64(F64_CANONICAL), f64(F64_CANONICAL | Long.MIN_VALUE)));
                assertArithmetic(op.op().apply(f64(F64_SNAN), f64(F64_SNAN)));
                assertArithmetic(op.op().apply(f64(F64_CANONICAL), f64(F64_SNAN)));
            }
        }

        @Test
        void invalidOperationsGiveCanonicalNaNs() {
            assertCanonical(NumericOps.f32Sub(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY));
            assertCanonical(NumericOps.f32Add(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
            assertCanonical(NumericOps.f32Mul(0.0f, Float.NEGATIVE_INFINITY));
            assertCanonical(NumericOps.f32Div(0.0f, -0.0f));
            assertCanonical(NumericOps.f32Div(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
            assertCanonical(NumericOps.f32Sqrt(-1.0f));
            assertCanonical(NumericOps.f32Sqrt(Float.NEGATIVE_INFINITY));
            assertCanonical(NumericOps.f64Sub(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
            assertCanonical(NumericOps.f64Mul(Double.POSITIVE_INFINITY, -0.0));
            assertCanonical(NumericOps.f64Div(-0.0, 0.0));
            assertCanonical(NumericOps.f64Sqrt(-0x1p-1074));
        }

        @Test
        void minAndMaxReturnAQuietNaNIfEitherOperandIsNaN() {
            assertArithmetic(NumericOps.f32Min(f32(F32_SNAN), Float.NEGATIVE_INFINITY));
            assertArithmetic(NumericOps.f32Max(Float.POSITIVE_INFINITY, f32(F32_SNAN)));
            assertArithmetic(NumericOps.f64Min(Double.NEGATIVE_INFINITY, f64(F64_SNAN)));
            assertArithmetic(NumericOps.f64Max(f64(F64_SNAN | Long.MIN_VALUE), 0.0));
            // the payload of a quiet NaN operand survives (allowed, and what the hardware does)
            assertBits(F32_QNAN_PAYLOAD, NumericOps.f32Min(f32(F32_QNAN_PAYLOAD), 1.0f));
            assertBits(F32_SNAN | 0x00400000, NumericOps.f32Max(1.0f, f32(F32_SNAN)));
            assertBits(F64_SNAN | 0x0008000000000000L, NumericOps.f64Min(1.0, f64(F64_SNAN)));
        }

        @Test
        void absNegCopysignKeepPayloadsExactly() {
            for (int nan : new int[]{F32_SNAN, F32_CANONICAL, F32_QNAN_PAYLOAD, 0x7f800001, 0x7fffffff}) {
                assertBits(nan, NumericOps.f32Abs(f32(nan | 0x80000000)));
                assertBits(nan, NumericOps.f32Abs(f32(nan)));
                assertBits(nan | 0x80000000, NumericOps.f32Neg(f32(nan)));
                assertBits(nan, NumericOps.f32Neg(f32(nan | 0x80000000)));
                assertBits(nan | 0x80000000, NumericOps.f32Copysign(f32(nan), -1.0f));
                assertBits(nan, NumericOps.f32Copysign(f32(nan | 0x80000000), f32(F32_CANONICAL)));
            }
            for (long nan : new long[]{F64_SNAN, F64_CANONICAL, F64_QNAN_PAYLOAD, 0x7ff0000000000001L, 0x7fffffffffffffffL}) {
                assertBits(nan, NumericOps.f64Abs(f64(nan | Long.MIN_VALUE)));
                assertBits(nan | Long.MIN_VALUE, NumericOps.f64Neg(f64(nan)));
                assertBits(nan, NumericOps.f64Neg(f64(nan | Long.MIN_VALUE)));
                assertBits(nan | Long.MIN_VALUE, NumericOps.f64Copysign(f64(nan), -0.0));
                assertBits(nan, NumericOps.f64Copysign(f64(nan | Long.MIN_VALUE), 0.0));
            }
            // the sign of a NaN is copied too
            assertBits(-1.0f, NumericOps.f32Copysign(1.0f, f32(F32_CANONICAL | 0x80000000)));
            assertBits(2.0, NumericOps.f64Copysign(-2.0, f64(F64_SNAN)));
            assertBits(-0.0f, NumericOps.f32Neg(0.0f));
            assertBits(0.0f, NumericOps.f32Abs(-0.0f));
            assertBits(-0.0, NumericOps.f64Copysign(0.0, -0x1p-1074));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32Abs(Float.NEGATIVE_INFINITY));
            assertBits(Double.NEGATIVE_INFINITY, NumericOps.f64Neg(Double.POSITIVE_INFINITY));
        }

        @Test
        void reinterpretKeepsPayloadsExactly() {
            for (int bits : new int[]{F32_SNAN, F32_SNAN | 0x80000000, F32_CANONICAL, 0x7f800001, 0xffffffff, 0x80000000, 1}) {
                assertEquals(bits, NumericOps.i32ReinterpretF32(NumericOps.f32ReinterpretI32(bits)));
                assertBits(bits, NumericOps.f32ReinterpretI32(bits));
            }
            for (long bits : new long[]{F64_SNAN, F64_SNAN | Long.MIN_VALUE, F64_CANONICAL, 0x7ff0000000000001L, -1L, Long.MIN_VALUE, 1L}) {
                assertEquals(bits, NumericOps.i64ReinterpretF64(NumericOps.f64ReinterpretI64(bits)));
                assertBits(bits, NumericOps.f64ReinterpretI64(bits));
            }
            assertEquals(0x3f800000, NumericOps.i32ReinterpretF32(1.0f));
            assertEquals(0xbff0000000000000L, NumericOps.i64ReinterpretF64(-1.0));
        }

        @Test
        void demoteAndPromoteGiveArithmeticOrCanonicalNaNs() {
            assertCanonical(NumericOps.f32DemoteF64(f64(F64_CANONICAL)));
            assertCanonical(NumericOps.f32DemoteF64(f64(F64_CANONICAL | Long.MIN_VALUE)));
            assertArithmetic(NumericOps.f32DemoteF64(f64(F64_SNAN)));
            assertArithmetic(NumericOps.f32DemoteF64(f64(0x7ff0000000000001L))); // payload only in the low bits
            assertArithmetic(NumericOps.f32DemoteF64(f64(0xfff0000000000001L)));
            assertArithmetic(NumericOps.f32DemoteF64(f64(F64_QNAN_PAYLOAD)));
            assertCanonical(NumericOps.f64PromoteF32(f32(F32_CANONICAL)));
            assertCanonical(NumericOps.f64PromoteF32(f32(F32_CANONICAL | 0x80000000)));
            assertArithmetic(NumericOps.f64PromoteF32(f32(F32_SNAN)));
            assertArithmetic(NumericOps.f64PromoteF32(f32(0x7f800001)));
            // float_exprs.wast "no_fold_promote_demote"
            assertArithmetic(NumericOps.f32DemoteF64(NumericOps.f64PromoteF32(f32(F32_SNAN))));
        }
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class FloatValues {

        @Test
        void signedZeros() {
            assertBits(-0.0f, NumericOps.f32Add(-0.0f, -0.0f));
            assertBits(0.0f, NumericOps.f32Add(-0.0f, 0.0f));
            assertBits(-0.0f, NumericOps.f32Sub(-0.0f, 0.0f));
            assertBits(0.0f, NumericOps.f32Sub(0.0f, 0.0f));
            assertBits(-0.0f, NumericOps.f32Mul(-0.0f, 5.0f));
            assertBits(0.0f, NumericOps.f32Mul(-0.0f, -5.0f));
            assertBits(Float.NEGATIVE_INFINITY, NumericOps.f32Div(1.0f, -0.0f));
            assertBits(-0.0, NumericOps.f64Add(-0.0, -0.0));
            assertBits(0.0, NumericOps.f64Add(0.0, -0.0));
            assertBits(-0.0, NumericOps.f64Mul(0.0, -1.0));
            assertBits(Double.NEGATIVE_INFINITY, NumericOps.f64Div(-1.0, 0.0));
            assertBits(-0.0f, NumericOps.f32Sqrt(-0.0f));
            assertBits(-0.0, NumericOps.f64Sqrt(-0.0));
        }

        @Test
        void minMaxOfZerosAndInfinities() {
            assertBits(-0.0f, NumericOps.f32Min(-0.0f, 0.0f));
            assertBits(-0.0f, NumericOps.f32Min(0.0f, -0.0f));
            assertBits(0.0f, NumericOps.f32Max(-0.0f, 0.0f));
            assertBits(0.0f, NumericOps.f32Max(0.0f, -0.0f));
            assertBits(-0.0, NumericOps.f64Min(-0.0, 0.0));
            assertBits(-0.0, NumericOps.f64Min(0.0, -0.0));
            assertBits(0.0, NumericOps.f64Max(-0.0, 0.0));
            assertBits(0.0, NumericOps.f64Max(0.0, -0.0));
            assertBits(Float.NEGATIVE_INFINITY, NumericOps.f32Min(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32Max(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
            assertBits(-0x1p-149f, NumericOps.f32Min(-0x1p-149f, -0.0f));
            assertBits(0x1p-1074, NumericOps.f64Max(0x1p-1074, 0.0));
            assertBits(-Double.MAX_VALUE, NumericOps.f64Min(-Double.MAX_VALUE, Double.MAX_VALUE));
        }

        @Test
        void nearestRoundsHalfToEvenAndKeepsTheSignOfZero() {
            float[][] f32Cases = {
                            {0.5f, 0.0f}, {-0.5f, -0.0f}, {1.5f, 2.0f}, {-1.5f, -2.0f}, {2.5f, 2.0f}, {-2.5f, -2.0f},
                            {3.5f, 4.0f}, {4.5f, 4.0f}, {0.49999997f, 0.0f}, {-0.49999997f, -0.0f}, {-0.0f, -0.0f},
                            {0.0f, 0.0f}, {0x1p-149f, 0.0f}, {-0x1p-149f, -0.0f}, {0x1.fffffep22f, 0x1p23f},
                            {8388609.0f, 8388609.0f}, {-0x1.fffffep22f, -0x1p23f}, {0x1.fffffep127f, 0x1.fffffep127f},
                            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}};
            for (float[] c : f32Cases) {
                assertBits(c[1], NumericOps.f32Nearest(c[0]));
            }
            double[][] f64Cases = {
                            {0.5, 0.0}, {-0.5, -0.0}, {1.5, 2.0}, {2.5, 2.0}, {-2.5, -2.0}, {-3.5, -4.0},
                            {0.49999999999999994, 0.0}, {-0.49999999999999994, -0.0}, {-0.0, -0.0}, {0x1p-1074, 0.0},
                            {0x1.fffffffffffffp51, 0x1p52}, {4503599627370497.0, 4503599627370497.0},
                            {-0x1.fffffffffffffp51, -0x1p52}, {Double.MAX_VALUE, Double.MAX_VALUE},
                            {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}};
            for (double[] c : f64Cases) {
                assertBits(c[1], NumericOps.f64Nearest(c[0]));
            }
        }

        @Test
        void ceilFloorTruncKeepTheSignOfZero() {
            assertBits(-0.0f, NumericOps.f32Ceil(-0.5f));
            assertBits(1.0f, NumericOps.f32Ceil(0x1p-149f));
            assertBits(-0.0f, NumericOps.f32Ceil(-0x1p-149f));
            assertBits(-1.0f, NumericOps.f32Ceil(-1.5f));
            assertBits(0x1p23f, NumericOps.f32Ceil(0x1.fffffep22f));
            assertBits(0.0f, NumericOps.f32Floor(0.5f));
            assertBits(-1.0f, NumericOps.f32Floor(-0x1p-149f));
            assertBits(-0.0f, NumericOps.f32Floor(-0.0f));
            assertBits(0x1.fffffcp22f, NumericOps.f32Floor(0x1.fffffep22f));
            assertBits(-0.0f, NumericOps.f32Trunc(-0.5f));
            assertBits(0.0f, NumericOps.f32Trunc(0.5f));
            assertBits(-1.0f, NumericOps.f32Trunc(-1.5f));
            assertBits(1.0f, NumericOps.f32Trunc(1.9999999f));
            assertBits(-0.0f, NumericOps.f32Trunc(-0.0f));
            assertBits(-0x1.fffffep127f, NumericOps.f32Trunc(-0x1.fffffep127f));
            assertBits(Float.NEGATIVE_INFINITY, NumericOps.f32Trunc(Float.NEGATIVE_INFINITY));

            assertBits(-0.0, NumericOps.f64Ceil(-0.5));
            assertBits(1.0, NumericOps.f64Ceil(0x1p-1074));
            assertBits(-0.0, NumericOps.f64Ceil(-0x1p-1074));
            assertBits(0x1p52, NumericOps.f64Ceil(0x1.fffffffffffffp51));
            assertBits(-1.0, NumericOps.f64Floor(-0x1p-1074));
            assertBits(0.0, NumericOps.f64Floor(0x1p-1074));
            assertBits(-0.0, NumericOps.f64Floor(-0.0));
            assertBits(-0.0, NumericOps.f64Trunc(-0.9999999999999999));
            assertBits(0.0, NumericOps.f64Trunc(0.9999999999999999));
            assertBits(-0x1.ffffffffffffep51, NumericOps.f64Trunc(-0x1.fffffffffffffp51));
            assertBits(Double.POSITIVE_INFINITY, NumericOps.f64Trunc(Double.POSITIVE_INFINITY));
        }

        @Test
        void sqrtIsCorrectlyRounded() {
            assertBits(0x1.6a09e6p-75f, NumericOps.f32Sqrt(0x1p-149f)); // f32.wast
            assertBits(0x1p-63f, NumericOps.f32Sqrt(0x1p-126f));
            assertBits(0x1.fffffep63f, NumericOps.f32Sqrt(0x1.fffffcp127f));
            assertBits(0x1.6a09e667f3bcdp-1, NumericOps.f64Sqrt(0.5));
            assertBits(0x1p-537, NumericOps.f64Sqrt(0x1p-1074));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32Sqrt(Float.POSITIVE_INFINITY));
        }

        @Test
        void floatMiscSample() {
            // float_misc.wast
            assertBits(1.123456789f, NumericOps.f32Add(1.1234567890f, 1.2345e-10f));
            assertBits(0x1.1f9add37c11f7p+0, NumericOps.f64Add(1.1234567890, 1.2345e-10));
            assertBits(0x1.0p+0f, NumericOps.f32Add(1.0f, 0x1p-24f)); // tie to even
            assertBits(0x1.000002p+0f, NumericOps.f32Add(1.0f, 0x1.000002p-24f));
            assertBits(0x1.0p+0, NumericOps.f64Add(1.0, 0x1p-53));
            assertBits(0x1.0000000000001p+0, NumericOps.f64Add(1.0, 0x1.0000000000001p-53));
            assertBits(0x1p-126f, NumericOps.f32Add(0x1p-149f, 0x1.fffffcp-127f)); // max subnormal + min subnormal
            assertBits(0x1.000008p+31f, NumericOps.f32Add(0x1p+31f, 1024.25f)); // double rounding trap
            assertBits(0x1.0000000000001p+63, NumericOps.f64Add(0x1p+63, 1024.25));
            assertBits(-0x1.fffffffffffffp-1009, NumericOps.f64Add(-0x1p-1008, 0x0.0000000001716p-1022));
            assertBits(9007199254740994.0, NumericOps.f64Add(9007199254740992.0, 1.00001));
            assertBits(0x1p23f, NumericOps.f32Add(0x1p23f, 0x1p-1f)); // ties-to-odd would differ
            assertBits(0x1.000004p+23f, NumericOps.f32Add(0x1.000002p+23f, 0x1p-1f));
            assertBits(0x1.0000000000002p+52, NumericOps.f64Add(0x1.0000000000001p+52, 0x1p-1));
            assertBits(0x1p-24f, NumericOps.f32Sub(0x1p+0f, 0x1.fffffep-1f));
            assertBits(0x1p-149f, NumericOps.f32Mul(0x1p-126f, 0x1p-23f));
            assertBits(0.0f, NumericOps.f32Mul(0x1p-149f, 0.5f)); // tie to even: +0
            assertBits(0x1.555556p-2f, NumericOps.f32Div(1.0f, 3.0f));
            assertBits(0x1.5555555555555p-2, NumericOps.f64Div(1.0, 3.0));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32Mul(Float.MAX_VALUE, 2.0f));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32Add(Float.MAX_VALUE, 0x1p103f)); // a tie: to even, i.e. up
            assertBits(Float.MAX_VALUE, NumericOps.f32Add(Float.MAX_VALUE, 0x1.fffffep102f));
        }

        @Test
        void comparisonsFollowIeee() {
            float nan = f32(F32_SNAN);
            assertEquals(1, NumericOps.f32Eq(-0.0f, 0.0f));
            assertEquals(0, NumericOps.f32Eq(nan, nan));
            assertEquals(1, NumericOps.f32Ne(nan, nan));
            assertEquals(0, NumericOps.f32Ne(-0.0f, 0.0f));
            assertEquals(0, NumericOps.f32Lt(nan, 1.0f));
            assertEquals(0, NumericOps.f32Gt(nan, 1.0f));
            assertEquals(0, NumericOps.f32Le(1.0f, nan));
            assertEquals(0, NumericOps.f32Ge(nan, nan));
            assertEquals(1, NumericOps.f32Le(-0.0f, 0.0f));
            assertEquals(0, NumericOps.f32Lt(-0.0f, 0.0f));
            assertEquals(1, NumericOps.f32Gt(Float.POSITIVE_INFINITY, Float.MAX_VALUE));
            double dnan = f64(F64_CANONICAL);
            assertEquals(1, NumericOps.f64Eq(0.0, -0.0));
            assertEquals(0, NumericOps.f64Eq(dnan, dnan));
            assertEquals(1, NumericOps.f64Ne(dnan, 0.0));
            assertEquals(0, NumericOps.f64Lt(dnan, Double.POSITIVE_INFINITY));
            assertEquals(0, NumericOps.f64Ge(Double.NEGATIVE_INFINITY, dnan));
            assertEquals(1, NumericOps.f64Ge(0.0, -0.0));
            assertEquals(1, NumericOps.f64Lt(-Double.MIN_VALUE, 0.0));
        }
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class Truncation {

        private static final TrapKind OVERFLOW = TrapKind.INTEGER_OVERFLOW;
        private static final TrapKind INVALID = TrapKind.INVALID_CONVERSION_TO_INTEGER;

        @Test
        void i32TruncF32S() {
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF32S(-2147483648.0f, null));
            assertEquals(2147483520, NumericOps.i32TruncF32S(Math.nextDown(2147483648.0f), null));
            assertEquals(0, NumericOps.i32TruncF32S(-0.99999994f, null));
            assertEquals(0, NumericOps.i32TruncF32S(-0.0f, null));
            assertEquals(0, NumericOps.i32TruncF32S(0x1p-149f, null));
            assertEquals(-1, NumericOps.i32TruncF32S(-1.5f, null));
            assertEquals(1, NumericOps.i32TruncF32S(1.9f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(-2147483904.0f, null)); // next float below -2^31
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(2147483648.0f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(Float.POSITIVE_INFINITY, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32S(Float.NEGATIVE_INFINITY, null));
            assertTrap(INVALID, () -> NumericOps.i32TruncF32S(Float.NaN, null));
            assertTrap(INVALID, () -> NumericOps.i32TruncF32S(f32(F32_SNAN | 0x80000000), null));
        }

        @Test
        void i32TruncF32U() {
            assertEquals(0, NumericOps.i32TruncF32U(-0.99999994f, null));
            assertEquals(0, NumericOps.i32TruncF32U(-0.0f, null));
            assertEquals(0x80000000, NumericOps.i32TruncF32U(2147483648.0f, null));
            assertEquals(0xffffff00, NumericOps.i32TruncF32U(4294967040.0f, null)); // next float below 2^32
            assertEquals(1, NumericOps.i32TruncF32U(1.9f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32U(-1.0f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32U(4294967296.0f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF32U(Float.NEGATIVE_INFINITY, null));
            assertTrap(INVALID, () -> NumericOps.i32TruncF32U(f32(F32_SNAN), null));
        }

        @Test
        void i32TruncF64S() {
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF64S(-2147483648.9, null));
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncF64S(Math.nextUp(-2147483649.0), null));
            assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncF64S(2147483647.9, null));
            assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncF64S(Math.nextDown(2147483648.0), null));
            assertEquals(0, NumericOps.i32TruncF64S(-0.9999999999999999, null));
            assertEquals(-1, NumericOps.i32TruncF64S(-1.9, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64S(-2147483649.0, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64S(2147483648.0, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64S(1e300, null));
            assertTrap(INVALID, () -> NumericOps.i32TruncF64S(f64(F64_SNAN), null));
        }

        @Test
        void i32TruncF64U() {
            assertEquals(0, NumericOps.i32TruncF64U(-0.9999999999999999, null));
            assertEquals(0xffffffff, NumericOps.i32TruncF64U(4294967295.9, null));
            assertEquals(0xffffffff, NumericOps.i32TruncF64U(Math.nextDown(4294967296.0), null));
            assertEquals(100000000, NumericOps.i32TruncF64U(1e8, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64U(-1.0, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64U(4294967296.0, null));
            assertTrap(OVERFLOW, () -> NumericOps.i32TruncF64U(1e16, null));
            assertTrap(INVALID, () -> NumericOps.i32TruncF64U(f64(F64_CANONICAL | Long.MIN_VALUE), null));
        }

        @Test
        void i64TruncF32S() {
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF32S(-0x1p63f, null));
            assertEquals(0x7fffff8000000000L, NumericOps.i64TruncF32S(Math.nextDown(0x1p63f), null));
            assertEquals(-4294967296L, NumericOps.i64TruncF32S(-4294967296.0f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32S(Math.nextDown(-0x1p63f), null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32S(0x1p63f, null));
            assertTrap(INVALID, () -> NumericOps.i64TruncF32S(Float.NaN, null));
        }

        @Test
        void i64TruncF32U() {
            assertEquals(0L, NumericOps.i64TruncF32U(-0.99999994f, null));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF32U(0x1p63f, null));
            assertEquals(0xffffff0000000000L, NumericOps.i64TruncF32U(Math.nextDown(0x1p64f), null));
            assertEquals(0x7fffff8000000000L, NumericOps.i64TruncF32U(Math.nextDown(0x1p63f), null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32U(-1.0f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32U(0x1p64f, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF32U(Float.POSITIVE_INFINITY, null));
            assertTrap(INVALID, () -> NumericOps.i64TruncF32U(f32(0xffc00000), null));
        }

        @Test
        void i64TruncF64S() {
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF64S(-0x1p63, null));
            assertEquals(0x7ffffffffffffc00L, NumericOps.i64TruncF64S(Math.nextDown(0x1p63), null));
            assertEquals(-1L, NumericOps.i64TruncF64S(-1.9, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64S(Math.nextDown(-0x1p63), null)); // -2^63 - 2048
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64S(0x1p63, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64S(Double.NEGATIVE_INFINITY, null));
            assertTrap(INVALID, () -> NumericOps.i64TruncF64S(f64(F64_SNAN), null));
        }

        @Test
        void i64TruncF64U() {
            assertEquals(0L, NumericOps.i64TruncF64U(-0.9999999999999999, null));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncF64U(0x1p63, null));
            assertEquals(0xfffffffffffff800L, NumericOps.i64TruncF64U(Math.nextDown(0x1p64), null));
            assertEquals(0x7ffffffffffffc00L, NumericOps.i64TruncF64U(Math.nextDown(0x1p63), null));
            assertEquals(0x8000000000000800L, NumericOps.i64TruncF64U(Math.nextUp(0x1p63), null));
            assertEquals(1000000000000000L, NumericOps.i64TruncF64U(1e15, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64U(-1.0, null));
            assertTrap(OVERFLOW, () -> NumericOps.i64TruncF64U(0x1p64, null));
            assertTrap(INVALID, () -> NumericOps.i64TruncF64U(Double.NaN, null));
        }

        @Test
        void saturatingSigned() {
            assertEquals(0, NumericOps.i32TruncSatF32S(Float.NaN));
            assertEquals(0, NumericOps.i32TruncSatF32S(f32(F32_SNAN | 0x80000000)));
            assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncSatF32S(2147483648.0f));
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF32S(-2147483904.0f));
            assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncSatF32S(Float.POSITIVE_INFINITY));
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF32S(Float.NEGATIVE_INFINITY));
            assertEquals(-1, NumericOps.i32TruncSatF32S(-1.9f));
            assertEquals(0, NumericOps.i32TruncSatF64S(f64(F64_SNAN)));
            assertEquals(Integer.MAX_VALUE, NumericOps.i32TruncSatF64S(2147483648.0));
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF64S(-2147483649.0));
            assertEquals(Integer.MIN_VALUE, NumericOps.i32TruncSatF64S(-2147483648.9));
            assertEquals(0L, NumericOps.i64TruncSatF32S(Float.NaN));
            assertEquals(Long.MAX_VALUE, NumericOps.i64TruncSatF32S(0x1p63f));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF32S(Float.NEGATIVE_INFINITY));
            assertEquals(0L, NumericOps.i64TruncSatF64S(f64(F64_CANONICAL | Long.MIN_VALUE)));
            assertEquals(Long.MAX_VALUE, NumericOps.i64TruncSatF64S(0x1p63));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF64S(Math.nextDown(-0x1p63)));
            assertEquals(0x7ffffffffffffc00L, NumericOps.i64TruncSatF64S(Math.nextDown(0x1p63)));
        }

        @Test
        void saturatingUnsigned() {
            assertEquals(0, NumericOps.i32TruncSatF32U(Float.NaN));
            assertEquals(0, NumericOps.i32TruncSatF32U(-1.0f));
            assertEquals(0, NumericOps.i32TruncSatF32U(-0.99999994f));
            assertEquals(0, NumericOps.i32TruncSatF32U(Float.NEGATIVE_INFINITY));
            assertEquals(0xffffff00, NumericOps.i32TruncSatF32U(4294967040.0f));
            assertEquals(0xffffffff, NumericOps.i32TruncSatF32U(4294967296.0f));
            assertEquals(0xffffffff, NumericOps.i32TruncSatF32U(Float.POSITIVE_INFINITY));
            assertEquals(0x80000000, NumericOps.i32TruncSatF32U(2147483648.0f));
            assertEquals(0, NumericOps.i32TruncSatF64U(f64(F64_SNAN)));
            assertEquals(0, NumericOps.i32TruncSatF64U(-1e300));
            assertEquals(0xffffffff, NumericOps.i32TruncSatF64U(4294967295.9));
            assertEquals(0xffffffff, NumericOps.i32TruncSatF64U(1e300));
            assertEquals(100000000, NumericOps.i32TruncSatF64U(1e8));

            assertEquals(0L, NumericOps.i64TruncSatF32U(Float.NaN));
            assertEquals(0L, NumericOps.i64TruncSatF32U(-5.0f));
            assertEquals(0L, NumericOps.i64TruncSatF32U(Float.NEGATIVE_INFINITY));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF32U(0x1p63f));
            assertEquals(0xffffff0000000000L, NumericOps.i64TruncSatF32U(Math.nextDown(0x1p64f)));
            assertEquals(-1L, NumericOps.i64TruncSatF32U(0x1p64f));
            assertEquals(-1L, NumericOps.i64TruncSatF32U(Float.POSITIVE_INFINITY));
            assertEquals(0L, NumericOps.i64TruncSatF64U(f64(F64_SNAN)));
            assertEquals(0L, NumericOps.i64TruncSatF64U(-0.9));
            assertEquals(Long.MIN_VALUE, NumericOps.i64TruncSatF64U(0x1p63));
            assertEquals(0x7ffffffffffffc00L, NumericOps.i64TruncSatF64U(Math.nextDown(0x1p63)));
            assertEquals(0xfffffffffffff800L, NumericOps.i64TruncSatF64U(Math.nextDown(0x1p64)));
            assertEquals(-1L, NumericOps.i64TruncSatF64U(0x1p64));
            assertEquals(-1L, NumericOps.i64TruncSatF64U(1e300));
            assertEquals(-1L, NumericOps.i64TruncSatF64U(Double.POSITIVE_INFINITY));
        }
    }

    // ---------------------------------------------------------------------------------------

    @Nested
    class IntegerToFloat {

        @Test
        void f32ConvertI64URoundsOnce() {
            assertBits(0x1.fffffep62f, NumericOps.f32ConvertI64U(0x7fffff4000000001L));
            assertBits(0x1.fffffep62f, NumericOps.f32ConvertI64U(0x7fffffbfffffffffL));
            assertBits(0x1.000002p63f, NumericOps.f32ConvertI64U(0x8000008000000001L)); // (float) (double) gives 0x1p63
            assertBits(0x1p63f, NumericOps.f32ConvertI64U(0x8000008000000000L)); // tie to even
            assertBits(0x1.000004p63f, NumericOps.f32ConvertI64U(0x8000018000000000L)); // tie to even, upward
            assertBits(0x1.fffffep63f, NumericOps.f32ConvertI64U(0xfffffe8000000001L));
            assertBits(0x1p64f, NumericOps.f32ConvertI64U(0xffffff8000000000L)); // tie to even into 2^64
            assertBits(0x1p64f, NumericOps.f32ConvertI64U(-1L));
            assertBits(0x1p63f, NumericOps.f32ConvertI64U(Long.MIN_VALUE));
            assertBits(0x1.000002p53f, NumericOps.f32ConvertI64U(0x0020000020000001L));
            assertBits(16777216.0f, NumericOps.f32ConvertI64U(16777217L));
            assertBits(0.0f, NumericOps.f32ConvertI64U(0L));
            for (long x : new long[]{0x8000008000000001L, 0x8000018000000000L, 0xffffff7fffffffffL, 0x9000004000000001L}) {
                assertBits(exactlyRoundedF32(x), NumericOps.f32ConvertI64U(x));
            }
        }

        @Test
        void f64ConvertI64URoundsOnce() {
            assertBits(0x1p63, NumericOps.f64ConvertI64U(0x8000000000000400L));
            assertBits(0x1.0000000000001p63, NumericOps.f64ConvertI64U(0x8000000000000401L));
            assertBits(0x1.0000000000001p63, NumericOps.f64ConvertI64U(0x8000000000000402L));
            assertBits(0x1.0000000000002p63, NumericOps.f64ConvertI64U(0x8000000000000c00L));
            assertBits(0x1.ffffffffffffep63, NumericOps.f64ConvertI64U(0xfffffffffffff400L));
            assertBits(0x1.fffffffffffffp63, NumericOps.f64ConvertI64U(0xfffffffffffff401L));
            assertBits(0x1p64, NumericOps.f64ConvertI64U(-1L));
            assertBits(0x1p63, NumericOps.f64ConvertI64U(Long.MIN_VALUE));
            assertBits(9007199254740992.0, NumericOps.f64ConvertI64U(9007199254740993L));
            assertBits(0x1.fffffffffffffp62, NumericOps.f64ConvertI64U(0x7ffffffffffffdffL));
        }

        @Test
        void i32ToFloat() {
            assertBits(0x1p32f, NumericOps.f32ConvertI32U(0xffffffff));
            assertBits(0x1p31f, NumericOps.f32ConvertI32U(0x80000000));
            assertBits(0x1p31f, NumericOps.f32ConvertI32U(0x80000080));
            assertBits(0x1.000002p31f, NumericOps.f32ConvertI32U(0x80000081));
            assertBits(0x1.fffffcp31f, NumericOps.f32ConvertI32U(0xfffffe80));
            assertBits(0x1.fffffep31f, NumericOps.f32ConvertI32U(0xfffffe81));
            assertBits(0x1.234568p28f, NumericOps.f32ConvertI32U(0x12345678));
            assertBits(16777216.0f, NumericOps.f32ConvertI32S(16777217));
            assertBits(-16777220.0f, NumericOps.f32ConvertI32S(-16777219));
            assertBits(-0x1p31f, NumericOps.f32ConvertI32S(Integer.MIN_VALUE));
            assertBits(0x1.26580cp30f, NumericOps.f32ConvertI32S(1234567890));
            assertBits(4294967295.0, NumericOps.f64ConvertI32U(-1));
            assertBits(2147483648.0, NumericOps.f64ConvertI32U(Integer.MIN_VALUE));
            assertBits(-2147483648.0, NumericOps.f64ConvertI32S(Integer.MIN_VALUE));
            assertBits(0.0f, NumericOps.f32ConvertI32S(0)); // +0, never -0
            assertBits(0.0, NumericOps.f64ConvertI32U(0));
        }

        @Test
        void i64SignedToFloat() {
            assertBits(0x1.fffffep62f, NumericOps.f32ConvertI64S(0x7fffff4000000001L));
            assertBits(-0x1.fffffep62f, NumericOps.f32ConvertI64S(0x8000004000000001L));
            assertBits(0x1.000002p53f, NumericOps.f32ConvertI64S(0x0020000020000001L)); // double rounding would give 0x1p53
            assertBits(-0x1.000002p53f, NumericOps.f32ConvertI64S(0xffdfffffdfffffffL));
            assertBits(-0x1p63f, NumericOps.f32ConvertI64S(Long.MIN_VALUE));
            assertBits(9007199254740992.0, NumericOps.f64ConvertI64S(9007199254740993L));
            assertBits(-9007199254740996.0, NumericOps.f64ConvertI64S(-9007199254740995L));
            assertBits(-0x1p63, NumericOps.f64ConvertI64S(Long.MIN_VALUE));
        }

        /** The float nearest to unsigned {@code x} (ties to even), computed exactly with BigInteger. */
        private static float exactlyRoundedF32(long x) {
            BigInteger value = new BigInteger(Long.toUnsignedString(x));
            int shift = value.bitLength() - 24;
            if (shift <= 0) {
                return value.floatValue();
            }
            BigInteger[] qr = value.divideAndRemainder(BigInteger.ONE.shiftLeft(shift));
            BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
            BigInteger q = qr[0];
            int cmp = qr[1].compareTo(half);
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            return Math.scalb(q.floatValue(), shift);
        }
    }

    @Nested
    class FloatToFloat {

        @Test
        void demoteRoundsToNearest() {
            assertBits(0x1p-149f, NumericOps.f32DemoteF64(0x1p-149));
            assertBits(0.0f, NumericOps.f32DemoteF64(0x1p-150)); // tie to even
            assertBits(0x1p-149f, NumericOps.f32DemoteF64(0x1.0000000000001p-150));
            assertBits(-0.0f, NumericOps.f32DemoteF64(-0x1p-1074));
            assertBits(0x1.fffffep127f, NumericOps.f32DemoteF64(0x1.fffffefffffffp127));
            assertBits(Float.POSITIVE_INFINITY, NumericOps.f32DemoteF64(0x1.ffffffp127)); // tie rounds to even: inf
            assertBits(Float.NEGATIVE_INFINITY, NumericOps.f32DemoteF64(-Double.MAX_VALUE));
            assertBits(0x1.000004p0f, NumericOps.f32DemoteF64(0x1.0000030000000p0)); // tie to even, upward
            assertBits(0x1p0f, NumericOps.f32DemoteF64(0x1.0000010000000p0));
            assertBits(0x1.000002p0f, NumericOps.f32DemoteF64(0x1.0000010000001p0));
            assertBits(-0.0f, NumericOps.f32DemoteF64(-0.0));
        }

        @Test
        void promoteIsExact() {
            assertBits(0x1p-149, NumericOps.f64PromoteF32(0x1p-149f));
            assertBits(-0x1.fffffep127, NumericOps.f64PromoteF32(-Float.MAX_VALUE));
            assertBits(-0.0, NumericOps.f64PromoteF32(-0.0f));
            assertBits(Double.NEGATIVE_INFINITY, NumericOps.f64PromoteF32(Float.NEGATIVE_INFINITY));
        }
    }

    // ---------------------------------------------------------------------------------------
    // The official scripts

    /**
     * Runs every {@code assert_return} and {@code assert_trap} of the numeric spec scripts whose
     * function body is a single numeric instruction applied to the parameters, through the method
     * {@link NumericOps#methodName} names. Scripts come from {@code twasm.testsuite}, by default
     * {@code ../shared/wasm-testsuite-2.0} next to the project root.
     */
    @Nested
    class SpecScripts {

        /** Script files, with the number of assertions each must run (all that invoke numeric ops). */
        private static final Map<String, Integer> SCRIPTS = expectedCounts();

        private static Map<String, Integer> expectedCounts() {
            Map<String, Integer> m = new java.util.LinkedHashMap<>();
            m.put("conversions.wast", 593);
            m.put("f32.wast", 2500);
            m.put("f64.wast", 2500);
            m.put("i32.wast", 374);
            m.put("i64.wast", 384);
            m.put("float_misc.wast", 470);
            m.put("f32_bitwise.wast", 360);
            m.put("f64_bitwise.wast", 360);
            m.put("f32_cmp.wast", 2400);
            m.put("f64_cmp.wast", 2400);
            return m;
        }

        @TestFactory
        Stream<DynamicTest> singleInstructionAssertions() {
            Path suite = testsuite();
            return SCRIPTS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                ScriptRun run = runScript(suite.resolve(e.getKey()));
                if (!run.failures.isEmpty()) {
                    fail(run.failures.size() + " of " + run.executed + " assertions failed in " + e.getKey() + ":\n"
                                    + String.join("\n", run.failures.subList(0, Math.min(40, run.failures.size()))));
                }
                assertEquals(e.getValue(), run.executed, () -> "assertions run in " + e.getKey() + " (skipped " + run.skipped + ")");
            }));
        }
    }

    static Path testsuite() {
        String property = System.getProperty("twasm.testsuite");
        Path suite;
        if (property != null) {
            suite = Path.of(property);
        } else {
            Path root = Path.of("").toAbsolutePath();
            while (root != null && !Files.exists(root.resolve("mvnw"))) {
                root = root.getParent();
            }
            suite = (root == null ? Path.of("..") : root.resolveSibling("shared")).resolve("wasm-testsuite-2.0");
        }
        if (!Files.isDirectory(suite)) {
            fail("WebAssembly spec test suite not found at " + suite.toAbsolutePath()
                            + ": put the top-level .wast files of https://github.com/WebAssembly/testsuite (Wasm 2.0, commit a8101597)"
                            + " in ../shared/wasm-testsuite-2.0 next to the project root, or run with -Dtwasm.testsuite=<folder>");
        }
        return suite;
    }

    static final class ScriptRun {
        int executed;
        int skipped;
        final List<String> failures = new ArrayList<>();
    }

    static ScriptRun runScript(Path file) throws IOException {
        String name = file.getFileName().toString();
        ScriptRun run = new ScriptRun();
        Map<String, Opcode> exports = new HashMap<>();
        for (SList command : new SExprReader(Files.readString(file)).readAll()) {
            String head = command.head();
            if (head.equals("module")) {
                exports = singleInstructionExports(command);
                continue;
            }
            if (!head.equals("assert_return") && !head.equals("assert_trap")) {
                continue;
            }
            SList invoke = (SList) command.items().get(1);
            if (!invoke.head().equals("invoke")) {
                continue;
            }
            Opcode op = exports.get(invoke.string(1));
            if (op == null) {
                run.skipped++;
                continue;
            }
            run.executed++;
            String where = name + ":" + command.line() + " " + op;
            try {
                Object[] args = new Object[op.params().length + (NumericOps.mayTrap(op) ? 1 : 0)];
                for (int i = 0; i < op.params().length; i++) {
                    args[i] = ScriptValue.parse((SList) invoke.items().get(2 + i)).toJava();
                }
                Object result;
                try {
                    result = methodFor(op).invoke(null, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof WasmTrap trap && head.equals("assert_trap")) {
                        String expected = command.string(2);
                        if (!trap.getMessage().startsWith(expected)) {
                            run.failures.add(where + ": trapped with \"" + trap.getMessage() + "\", expected \"" + expected + "\"");
                        }
                        continue;
                    }
                    run.failures.add(where + ": threw " + e.getCause());
                    continue;
                }
                if (head.equals("assert_trap")) {
                    run.failures.add(where + ": returned " + result + ", expected trap " + command.string(2));
                    continue;
                }
                ScriptValue expected = ScriptValue.parse((SList) command.items().get(2));
                if (!expected.matches(result)) {
                    run.failures.add(where + " " + Arrays.toString(args) + ": got " + ScriptValue.describe(result) + ", expected " + expected);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                run.failures.add(where + ": " + e);
            }
        }
        return run;
    }

    /**
     * The exports of a module whose body is exactly one numeric instruction applied to the
     * parameters in order, e.g. {@code (func (export "add") (param $x f32) (param $y f32) (result
     * f32) (f32.add (local.get $x) (local.get $y)))}.
     */
    static Map<String, Opcode> singleInstructionExports(SList module) {
        Map<String, Opcode> exports = new HashMap<>();
        for (SExpr item : module.items()) {
            if (!(item instanceof SList func) || !func.head().equals("func")) {
                continue;
            }
            String export = null;
            List<String> params = new ArrayList<>();
            List<SList> body = new ArrayList<>();
            for (SExpr part : func.items().subList(1, func.items().size())) {
                if (!(part instanceof SList list)) {
                    continue; // the function's $name
                }
                switch (list.head()) {
                    case "export" -> export = list.string(1);
                    case "param" -> {
                        List<SExpr> rest = list.items().subList(1, list.items().size());
                        if (rest.size() == 2 && rest.get(0) instanceof Atom id && id.text().startsWith("$")) {
                            params.add(id.text());
                        } else {
                            rest.forEach(t -> params.add(null));
                        }
                    }
                    case "result", "type", "local" -> {
                    }
                    default -> body.add(list);
                }
            }
            if (export == null || body.size() != 1) {
                continue;
            }
            SList instr = body.get(0);
            Opcode op = Opcode.fromMnemonic(instr.head());
            if (op == null || !NumericOps.isNumeric(op) || instr.items().size() - 1 != params.size() || params.size() != op.params().length) {
                continue;
            }
            boolean operandsAreParams = true;
            for (int i = 0; i < params.size(); i++) {
                if (!(instr.items().get(1 + i) instanceof SList get) || !get.head().equals("local.get") || get.items().size() != 2) {
                    operandsAreParams = false;
                    break;
                }
                String ref = ((Atom) get.items().get(1)).text();
                operandsAreParams &= ref.equals(params.get(i)) || ref.equals(Integer.toString(i));
            }
            if (operandsAreParams) {
                exports.put(export, op);
            }
        }
        return exports;
    }

    /** A constant of a script: {@code (t.const literal)}, or {@code nan:canonical}/{@code nan:arithmetic}. */
    record ScriptValue(ValType type, long bits, String nanClass) {

        static ScriptValue parse(SList constant) {
            String head = constant.head();
            ValType type = switch (head) {
                case "i32.const" -> ValType.I32;
                case "i64.const" -> ValType.I64;
                case "f32.const" -> ValType.F32;
                case "f64.const" -> ValType.F64;
                default -> throw new IllegalArgumentException("unsupported value " + constant);
            };
            String literal = ((Atom) constant.items().get(1)).text();
            if (literal.equals("nan:canonical") || literal.equals("nan:arithmetic")) {
                return new ScriptValue(type, 0, literal);
            }
            return new ScriptValue(type, switch (type.kind()) {
                case I32, I64 -> parseInteger(literal);
                case F32 -> parseFloatBits(literal, false);
                default -> parseFloatBits(literal, true);
            }, null);
        }

        Object toJava() {
            return switch (type.kind()) {
                case I32 -> (int) bits;
                case I64 -> bits;
                case F32 -> Float.intBitsToFloat((int) bits);
                default -> Double.longBitsToDouble(bits);
            };
        }

        boolean matches(Object actual) {
            return switch (type.kind()) {
                case I32 -> actual instanceof Integer i && i == (int) bits;
                case I64 -> actual instanceof Long l && l == bits;
                case F32 -> actual instanceof Float f && (nanClass == null ? Float.floatToRawIntBits(f) == (int) bits
                                : nanClass.equals("nan:canonical") ? NumericOps.isCanonicalNaN(f) : NumericOps.isArithmeticNaN(f));
                default -> actual instanceof Double d && (nanClass == null ? Double.doubleToRawLongBits(d) == bits
                                : nanClass.equals("nan:canonical") ? NumericOps.isCanonicalNaN(d) : NumericOps.isArithmeticNaN(d));
            };
        }

        static String describe(Object value) {
            if (value instanceof Float f) {
                return String.format("f32 0x%08x (%s)", Float.floatToRawIntBits(f), f);
            } else if (value instanceof Double d) {
                return String.format("f64 0x%016x (%s)", Double.doubleToRawLongBits(d), d);
            }
            return value.getClass().getSimpleName() + " " + value;
        }

        @Override
        public String toString() {
            return nanClass != null ? type + " " + nanClass : describe(toJava());
        }

        static long parseInteger(String literal) {
            String s = literal.replace("_", "");
            boolean negative = s.startsWith("-");
            if (negative || s.startsWith("+")) {
                s = s.substring(1);
            }
            BigInteger value = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            return (negative ? value.negate() : value).longValue();
        }

        static long parseFloatBits(String literal, boolean f64) {
            String s = literal.replace("_", "");
            boolean negative = s.startsWith("-");
            if (negative || s.startsWith("+")) {
                s = s.substring(1);
            }
            long sign = negative ? (f64 ? Long.MIN_VALUE : 0x80000000L) : 0;
            long exponentAllOnes = f64 ? 0x7ff0000000000000L : 0x7f800000L;
            if (s.equals("inf")) {
                return sign | exponentAllOnes;
            } else if (s.equals("nan")) {
                return sign | (f64 ? F64_CANONICAL : F32_CANONICAL);
            } else if (s.startsWith("nan:0x")) {
                return sign | exponentAllOnes | Long.parseLong(s.substring(6), 16);
            }
            if (s.startsWith("0x") && s.indexOf('p') < 0 && s.indexOf('P') < 0) {
                s = s + "p0";
            }
            return sign | (f64 ? Double.doubleToRawLongBits(Double.parseDouble(s)) : Float.floatToRawIntBits(Float.parseFloat(s)) & 0xffffffffL);
        }
    }

    // ---------------------------------------------------------------------------------------
    // A minimal S-expression reader for the .wast scripts

    sealed interface SExpr permits Atom, SList {
    }

    /** A token; strings keep their quotes. */
    record Atom(String text) implements SExpr {
    }

    record SList(List<SExpr> items, int line) implements SExpr {
        String head() {
            return !items.isEmpty() && items.get(0) instanceof Atom a ? a.text() : "";
        }

        /** The string at {@code index}, without quotes. */
        String string(int index) {
            String text = ((Atom) items.get(index)).text();
            return text.substring(1, text.length() - 1);
        }
    }

    static final class SExprReader {
        private final String src;
        private int pos;
        private int line = 1;

        SExprReader(String src) {
            this.src = src;
        }

        List<SList> readAll() {
            List<SList> forms = new ArrayList<>();
            skipSpace();
            while (pos < src.length()) {
                forms.add(readList());
                skipSpace();
            }
            return forms;
        }

        private SList readList() {
            int startLine = line;
            expect('(');
            List<SExpr> items = new ArrayList<>();
            skipSpace();
            while (src.charAt(pos) != ')') {
                items.add(src.charAt(pos) == '(' ? readList() : readAtom());
                skipSpace();
            }
            pos++;
            return new SList(items, startLine);
        }

        private Atom readAtom() {
            int start = pos;
            if (src.charAt(pos) == '"') {
                pos++;
                while (src.charAt(pos) != '"') {
                    pos += src.charAt(pos) == '\\' ? 2 : 1;
                }
                pos++;
            } else {
                while (pos < src.length() && !Character.isWhitespace(src.charAt(pos)) && src.charAt(pos) != '(' && src.charAt(pos) != ')') {
                    pos++;
                }
            }
            return new Atom(src.substring(start, pos));
        }

        private void skipSpace() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (src.startsWith(";;", pos)) {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (src.startsWith("(;", pos)) {
                    skipBlockComment();
                } else {
                    return;
                }
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            do {
                if (src.startsWith("(;", pos)) {
                    depth++;
                    pos += 2;
                } else if (src.startsWith(";)", pos)) {
                    depth--;
                    pos += 2;
                } else {
                    line += src.charAt(pos) == '\n' ? 1 : 0;
                    pos++;
                }
            } while (depth > 0);
        }

        private void expect(char c) {
            if (src.charAt(pos) != c) {
                throw new IllegalStateException("expected '" + c + "' at line " + line);
            }
            pos++;
        }
    }
}
