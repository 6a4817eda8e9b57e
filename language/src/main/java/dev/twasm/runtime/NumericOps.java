package dev.twasm.runtime;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;

import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.Opcode;

/**
 * The numeric instructions of WebAssembly 2.0 (spec §4.3 "Numerics", executed as in §4.4.1 "Numeric
 * Instructions"): one static method per instruction. Instruction nodes, the evaluation of constant
 * expressions and the unit tests all call these methods, so the exact semantics (traps, rounding,
 * signed zeros, NaN payloads) are written down in exactly one place.
 *
 * <h2>From opcode to method</h2>
 * Every {@link Opcode} for which {@link #isNumeric(Opcode)} holds (all instructions with a fixed
 * signature that do not access memory) is implemented by the method named
 * {@link #methodName(Opcode)}: the enum constant in lower camel case, so {@code I32_DIV_S} is
 * {@code i32DivS}, {@code I64_TRUNC_SAT_F64_U} is {@code i64TruncSatF64U} and
 * {@code F32_CONVERT_I64_U} is {@code f32ConvertI64U}. Its Java parameters are the instruction's
 * {@link Opcode#params() operand types} in order ({@code int}, {@code long}, {@code float},
 * {@code double} for i32, i64, f32, f64) and it returns the single {@link Opcode#results() result}
 * type; tests and comparisons return an i32 that is 0 or 1. Instructions that can trap
 * ({@link #mayTrap(Opcode)}: integer division and remainder, non-saturating float-to-integer
 * truncation) take one more, last, parameter: the {@link Node} the trap is reported at (may be
 * {@code null}). {@code NumericOpsTest} checks this convention for every opcode by reflection.
 *
 * <h2>Shaped for partial evaluation</h2>
 * Graal inlines these methods into the partially evaluated code of every Wasm function, so the
 * fast paths are a few instructions without allocation, boxing or {@code @TruffleBoundary}. A trap
 * first calls {@link CompilerDirectives#transferToInterpreter()} (deoptimizes without invalidating:
 * code that traps once usually does not trap on every call) and only then creates the
 * {@link WasmTrap}, whose factory is a boundary, so no trap path stays in compiled code.
 *
 * <h2>NaN policy</h2>
 * Spec §4.3.3 ("NaN propagation"): when an operator other than {@code neg}, {@code abs} and
 * {@code copysign} returns a NaN, its payload must be canonical if the payloads of all NaN operands
 * are canonical, and otherwise may be any <em>arithmetic</em> NaN (quiet bit set); the sign is
 * free. Java leaves NaN payloads unspecified, so this class pins them down with three rules:
 * <ol>
 * <li><b>IEEE arithmetic</b> ({@code add}, {@code sub}, {@code mul}, {@code div}, {@code sqrt},
 * integer-to-float conversions) is the hardware's: IEEE 754 operations never return a signalling
 * NaN, and x86-64 and AArch64 propagate an operand's payload or produce the default NaN, which is
 * canonical. Graal, however, legally (for Java) simplifies {@code x + -0.0}, {@code x - 0.0},
 * {@code -0.0 - x}, {@code x * 1.0} and {@code x / 1.0} to {@code x} or {@code -x} when an operand
 * is a compilation constant, which would forward a signalling NaN unquieted
 * ({@code float_exprs.wast} checks exactly this). Therefore, when both operands are partial
 * evaluation constants or one is a constant zero or one of either sign (and always in the
 * interpreter, where it costs one compare), a NaN result also gets its quiet bit set explicitly.
 * Compiled code with other operands keeps the bare operator, also {@code x * 0.5}, which Graal
 * cannot simplify away. (Measured on Truffle 25.0.1: a compiled bare {@code x * 1.0f} returns
 * {@code nan:0x200000} unchanged, {@link #f32Mul} returns {@code nan:0x600000}. Constants that only
 * appear after partial evaluation, e.g. through escape analysis of frame slots, are not covered.)</li>
 * <li><b>Operations Java defines to return a NaN argument unchanged</b> ({@link Math#min},
 * {@link Math#max}, {@link Math#ceil}, {@link Math#floor}, {@link Math#rint}) or that Graal may
 * fold to the identity ({@code f32.demote_f64} of {@code f64.promote_f32}) detect a NaN and return
 * the NaN operand with its quiet bit set: a canonical NaN stays canonical, a signalling one becomes
 * arithmetic.</li>
 * <li><b>Bit operations</b> ({@code abs}, {@code neg}, {@code copysign}, {@code reinterpret})
 * work on the raw bits ({@link Float#floatToRawIntBits}, never {@link Float#floatToIntBits}, which
 * canonicalizes NaNs; never Java's unary minus or {@link Math#abs} on floats), so payloads are
 * kept exactly.</li>
 * </ol>
 * Signed zeros follow the spec too: {@code min(-0, +0) = -0}, {@code max(-0, +0) = +0}, and the
 * rounding operators keep the sign of a zero result ({@code nearest(-0.5) = -0.0}).
 */
public final class NumericOps {

    private static final int F32_SIGN = 0x8000_0000;
    private static final int F32_QUIET = 0x0040_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;

    private static final float TWO_POW_63_F32 = 0x1p63f;
    private static final double TWO_POW_63 = 0x1p63;

    /** The numeric instructions whose method takes a trailing {@code Node location}. */
    private static final Set<Opcode> TRAPPING = EnumSet.of(
                    Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U,
                    Opcode.I64_DIV_S, Opcode.I64_DIV_U, Opcode.I64_REM_S, Opcode.I64_REM_U,
                    Opcode.I32_TRUNC_F32_S, Opcode.I32_TRUNC_F32_U, Opcode.I32_TRUNC_F64_S, Opcode.I32_TRUNC_F64_U,
                    Opcode.I64_TRUNC_F32_S, Opcode.I64_TRUNC_F32_U, Opcode.I64_TRUNC_F64_S, Opcode.I64_TRUNC_F64_U);

    private NumericOps() {
    }

    // ---------------------------------------------------------------------------------------
    // Opcode -> method

    /**
     * Whether {@code op} is a scalar numeric instruction implemented here (fixed signature, no
     * memory, not a vector instruction: those are {@code dev.twasm.simd}'s).
     */
    public static boolean isNumeric(Opcode op) {
        return op.hasFixedSignature() && !op.isMemoryAccess() && !op.isVector();
    }

    /**
     * The name of the method implementing numeric instruction {@code op}: its enum constant in
     * lower camel case ({@code I64_EXTEND_I32_U} is {@code i64ExtendI32U}).
     *
     * @throws IllegalArgumentException if {@code op} is not {@linkplain #isNumeric numeric}
     */
    public static String methodName(Opcode op) {
        if (!isNumeric(op)) {
            throw new IllegalArgumentException("not a numeric instruction: " + op);
        }
        String[] words = op.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }

    /**
     * Whether numeric instruction {@code op} can trap, i.e. its method takes a trailing
     * {@link Node} location. The node builder also needs this to keep traps ordered with effects.
     */
    public static boolean mayTrap(Opcode op) {
        return TRAPPING.contains(op);
    }

    // ---------------------------------------------------------------------------------------
    // NaN classification (spec §2.2.3 "Floating-Point", §4.3.3)

    /** Whether {@code x} is a canonical NaN: payload is exactly the quiet bit, sign is free. */
    public static boolean isCanonicalNaN(float x) {
        return (Float.floatToRawIntBits(x) & ~F32_SIGN) == 0x7FC0_0000;
    }

    /** Whether {@code x} is a canonical NaN: payload is exactly the quiet bit, sign is free. */
    public static boolean isCanonicalNaN(double x) {
        return (Double.doubleToRawLongBits(x) & ~F64_SIGN) == 0x7FF8_0000_0000_0000L;
    }

    /** Whether {@code x} is an arithmetic NaN: a NaN with the quiet bit set (any other payload). */
    public static boolean isArithmeticNaN(float x) {
        return (Float.floatToRawIntBits(x) & 0x7FC0_0000) == 0x7FC0_0000;
    }

    /** Whether {@code x} is an arithmetic NaN: a NaN with the quiet bit set (any other payload). */
    public static boolean isArithmeticNaN(double x) {
        return (Double.doubleToRawLongBits(x) & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
    }

    // ---------------------------------------------------------------------------------------
    // i32 tests and comparisons (spec §4.3.2 ieqz, ieq, ..., results are 0 or 1)

    public static int i32Eqz(int x) {
        return x == 0 ? 1 : 0;
    }

    public static int i32Eq(int a, int b) {
        return a == b ? 1 : 0;
    }

    public static int i32Ne(int a, int b) {
        return a != b ? 1 : 0;
    }

    public static int i32LtS(int a, int b) {
        return a < b ? 1 : 0;
    }

    public static int i32LtU(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static int i32GtS(int a, int b) {
        return a > b ? 1 : 0;
    }

    public static int i32GtU(int a, int b) {
        return Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
    }

    public static int i32LeS(int a, int b) {
        return a <= b ? 1 : 0;
    }

    public static int i32LeU(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
    }

    public static int i32GeS(int a, int b) {
        return a >= b ? 1 : 0;
    }

    public static int i32GeU(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------
    // i64 tests and comparisons (results are i32 0 or 1)

    public static int i64Eqz(long x) {
        return x == 0 ? 1 : 0;
    }

    public static int i64Eq(long a, long b) {
        return a == b ? 1 : 0;
    }

    public static int i64Ne(long a, long b) {
        return a != b ? 1 : 0;
    }

    public static int i64LtS(long a, long b) {
        return a < b ? 1 : 0;
    }

    public static int i64LtU(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static int i64GtS(long a, long b) {
        return a > b ? 1 : 0;
    }

    public static int i64GtU(long a, long b) {
        return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
    }

    public static int i64LeS(long a, long b) {
        return a <= b ? 1 : 0;
    }

    public static int i64LeU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
    }

    public static int i64GeS(long a, long b) {
        return a >= b ? 1 : 0;
    }

    public static int i64GeU(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------
    // f32 / f64 comparisons (spec §4.3.3 feq, ...: IEEE comparisons, false for NaN except ne)

    public static int f32Eq(float a, float b) {
        return a == b ? 1 : 0;
    }

    /** spec §4.3.3 fne: 1 if either operand is NaN. */
    public static int f32Ne(float a, float b) {
        return a != b ? 1 : 0;
    }

    public static int f32Lt(float a, float b) {
        return a < b ? 1 : 0;
    }

    public static int f32Gt(float a, float b) {
        return a > b ? 1 : 0;
    }

    public static int f32Le(float a, float b) {
        return a <= b ? 1 : 0;
    }

    public static int f32Ge(float a, float b) {
        return a >= b ? 1 : 0;
    }

    public static int f64Eq(double a, double b) {
        return a == b ? 1 : 0;
    }

    /** spec §4.3.3 fne: 1 if either operand is NaN. */
    public static int f64Ne(double a, double b) {
        return a != b ? 1 : 0;
    }

    public static int f64Lt(double a, double b) {
        return a < b ? 1 : 0;
    }

    public static int f64Gt(double a, double b) {
        return a > b ? 1 : 0;
    }

    public static int f64Le(double a, double b) {
        return a <= b ? 1 : 0;
    }

    public static int f64Ge(double a, double b) {
        return a >= b ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------
    // i32 arithmetic (spec §4.3.2)

    public static int i32Clz(int x) {
        return Integer.numberOfLeadingZeros(x);
    }

    public static int i32Ctz(int x) {
        return Integer.numberOfTrailingZeros(x);
    }

    public static int i32Popcnt(int x) {
        return Integer.bitCount(x);
    }

    public static int i32Add(int a, int b) {
        return a + b;
    }

    public static int i32Sub(int a, int b) {
        return a - b;
    }

    public static int i32Mul(int a, int b) {
        return a * b;
    }

    /** spec §4.3.2 idiv_s: traps on a zero divisor and on the unrepresentable -2^31 / -1. */
    public static int i32DivS(int a, int b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw trap(TrapKind.INTEGER_OVERFLOW, location);
        }
        return a / b;
    }

    /** spec §4.3.2 idiv_u: traps on a zero divisor. */
    public static int i32DivU(int a, int b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return Integer.divideUnsigned(a, b);
    }

    /**
     * spec §4.3.2 irem_s: traps on a zero divisor; the sign is the dividend's and
     * {@code -2^31 rem -1} is 0, as Java's {@code %}.
     */
    public static int i32RemS(int a, int b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return a % b;
    }

    /** spec §4.3.2 irem_u: traps on a zero divisor. */
    public static int i32RemU(int a, int b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return Integer.remainderUnsigned(a, b);
    }

    public static int i32And(int a, int b) {
        return a & b;
    }

    public static int i32Or(int a, int b) {
        return a | b;
    }

    public static int i32Xor(int a, int b) {
        return a ^ b;
    }

    /** spec §4.3.2 ishl: the count is taken modulo 32. */
    public static int i32Shl(int a, int b) {
        return a << (b & 31);
    }

    /** spec §4.3.2 ishr_s: the count is taken modulo 32. */
    public static int i32ShrS(int a, int b) {
        return a >> (b & 31);
    }

    /** spec §4.3.2 ishr_u: the count is taken modulo 32. */
    public static int i32ShrU(int a, int b) {
        return a >>> (b & 31);
    }

    /** spec §4.3.2 irotl: the count is taken modulo 32. */
    public static int i32Rotl(int a, int b) {
        return Integer.rotateLeft(a, b & 31);
    }

    /** spec §4.3.2 irotr: the count is taken modulo 32. */
    public static int i32Rotr(int a, int b) {
        return Integer.rotateRight(a, b & 31);
    }

    // ---------------------------------------------------------------------------------------
    // i64 arithmetic (spec §4.3.2)

    public static long i64Clz(long x) {
        return Long.numberOfLeadingZeros(x);
    }

    public static long i64Ctz(long x) {
        return Long.numberOfTrailingZeros(x);
    }

    public static long i64Popcnt(long x) {
        return Long.bitCount(x);
    }

    public static long i64Add(long a, long b) {
        return a + b;
    }

    public static long i64Sub(long a, long b) {
        return a - b;
    }

    public static long i64Mul(long a, long b) {
        return a * b;
    }

    /** spec §4.3.2 idiv_s: traps on a zero divisor and on the unrepresentable -2^63 / -1. */
    public static long i64DivS(long a, long b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw trap(TrapKind.INTEGER_OVERFLOW, location);
        }
        return a / b;
    }

    /** spec §4.3.2 idiv_u: traps on a zero divisor. */
    public static long i64DivU(long a, long b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return Long.divideUnsigned(a, b);
    }

    /** spec §4.3.2 irem_s: traps on a zero divisor; {@code -2^63 rem -1} is 0, as Java's {@code %}. */
    public static long i64RemS(long a, long b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return a % b;
    }

    /** spec §4.3.2 irem_u: traps on a zero divisor. */
    public static long i64RemU(long a, long b, Node location) {
        if (b == 0) {
            throw trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, location);
        }
        return Long.remainderUnsigned(a, b);
    }

    public static long i64And(long a, long b) {
        return a & b;
    }

    public static long i64Or(long a, long b) {
        return a | b;
    }

    public static long i64Xor(long a, long b) {
        return a ^ b;
    }

    /** spec §4.3.2 ishl: the count is taken modulo 64. */
    public static long i64Shl(long a, long b) {
        return a << (b & 63);
    }

    /** spec §4.3.2 ishr_s: the count is taken modulo 64. */
    public static long i64ShrS(long a, long b) {
        return a >> (b & 63);
    }

    /** spec §4.3.2 ishr_u: the count is taken modulo 64. */
    public static long i64ShrU(long a, long b) {
        return a >>> (b & 63);
    }

    /** spec §4.3.2 irotl: the count is taken modulo 64. */
    public static long i64Rotl(long a, long b) {
        return Long.rotateLeft(a, (int) (b & 63));
    }

    /** spec §4.3.2 irotr: the count is taken modulo 64. */
    public static long i64Rotr(long a, long b) {
        return Long.rotateRight(a, (int) (b & 63));
    }

    // ---------------------------------------------------------------------------------------
    // f32 arithmetic (spec §4.3.3)

    /** spec §4.3.3 fabs: clears the sign bit, keeping a NaN's payload. */
    public static float f32Abs(float x) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) & ~F32_SIGN);
    }

    /** spec §4.3.3 fneg: flips the sign bit, keeping a NaN's payload. */
    public static float f32Neg(float x) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ F32_SIGN);
    }

    /** spec §4.3.3 fceil; a NaN operand is quieted. */
    public static float f32Ceil(float x) {
        if (x != x) {
            return quiet(x);
        }
        return (float) Math.ceil(x); // exact: the integral result of a float is a float
    }

    /** spec §4.3.3 ffloor; a NaN operand is quieted. */
    public static float f32Floor(float x) {
        if (x != x) {
            return quiet(x);
        }
        return (float) Math.floor(x);
    }

    /** spec §4.3.3 ftrunc: rounds toward zero, keeping the sign of a zero result. */
    public static float f32Trunc(float x) {
        if (x != x) {
            return quiet(x);
        }
        return (float) roundTowardZero(x);
    }

    /** spec §4.3.3 fnearest: ties to even, keeping the sign of a zero result (nearest(-0.5) = -0). */
    public static float f32Nearest(float x) {
        if (x != x) {
            return quiet(x);
        }
        return (float) Math.rint(x);
    }

    /** spec §4.3.3 fsqrt: the double square root of a float, rounded to float, is correctly rounded. */
    public static float f32Sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    public static float f32Add(float a, float b) {
        return arithmetic(a + b, a, b);
    }

    public static float f32Sub(float a, float b) {
        return arithmetic(a - b, a, b);
    }

    public static float f32Mul(float a, float b) {
        return arithmetic(a * b, a, b);
    }

    public static float f32Div(float a, float b) {
        return arithmetic(a / b, a, b);
    }

    /** spec §4.3.3 fmin: NaN if either operand is NaN (quieted), and min(-0, +0) = -0. */
    public static float f32Min(float a, float b) {
        float result = Math.min(a, b);
        if (result != result) {
            return quiet(a != a ? a : b);
        }
        return result;
    }

    /** spec §4.3.3 fmax: NaN if either operand is NaN (quieted), and max(-0, +0) = +0. */
    public static float f32Max(float a, float b) {
        float result = Math.max(a, b);
        if (result != result) {
            return quiet(a != a ? a : b);
        }
        return result;
    }

    /** spec §4.3.3 fcopysign: magnitude bits of {@code a}, sign bit of {@code b}; payloads kept. */
    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & ~F32_SIGN) | (Float.floatToRawIntBits(b) & F32_SIGN));
    }

    // ---------------------------------------------------------------------------------------
    // f64 arithmetic (spec §4.3.3)

    /** spec §4.3.3 fabs: clears the sign bit, keeping a NaN's payload. */
    public static double f64Abs(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & ~F64_SIGN);
    }

    /** spec §4.3.3 fneg: flips the sign bit, keeping a NaN's payload. */
    public static double f64Neg(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ F64_SIGN);
    }

    /** spec §4.3.3 fceil; a NaN operand is quieted. */
    public static double f64Ceil(double x) {
        if (x != x) {
            return quiet(x);
        }
        return Math.ceil(x);
    }

    /** spec §4.3.3 ffloor; a NaN operand is quieted. */
    public static double f64Floor(double x) {
        if (x != x) {
            return quiet(x);
        }
        return Math.floor(x);
    }

    /** spec §4.3.3 ftrunc: rounds toward zero, keeping the sign of a zero result. */
    public static double f64Trunc(double x) {
        if (x != x) {
            return quiet(x);
        }
        return roundTowardZero(x);
    }

    /** spec §4.3.3 fnearest: ties to even, keeping the sign of a zero result (nearest(-0.5) = -0). */
    public static double f64Nearest(double x) {
        if (x != x) {
            return quiet(x);
        }
        return Math.rint(x);
    }

    public static double f64Sqrt(double x) {
        return Math.sqrt(x);
    }

    public static double f64Add(double a, double b) {
        return arithmetic(a + b, a, b);
    }

    public static double f64Sub(double a, double b) {
        return arithmetic(a - b, a, b);
    }

    public static double f64Mul(double a, double b) {
        return arithmetic(a * b, a, b);
    }

    public static double f64Div(double a, double b) {
        return arithmetic(a / b, a, b);
    }

    /** spec §4.3.3 fmin: NaN if either operand is NaN (quieted), and min(-0, +0) = -0. */
    public static double f64Min(double a, double b) {
        double result = Math.min(a, b);
        if (result != result) {
            return quiet(a != a ? a : b);
        }
        return result;
    }

    /** spec §4.3.3 fmax: NaN if either operand is NaN (quieted), and max(-0, +0) = +0. */
    public static double f64Max(double a, double b) {
        double result = Math.max(a, b);
        if (result != result) {
            return quiet(a != a ? a : b);
        }
        return result;
    }

    /** spec §4.3.3 fcopysign: magnitude bits of {@code a}, sign bit of {@code b}; payloads kept. */
    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & ~F64_SIGN) | (Double.doubleToRawLongBits(b) & F64_SIGN));
    }

    // ---------------------------------------------------------------------------------------
    // Integer conversions (spec §4.3.4)

    /** spec §4.3.4 wrap: the low 32 bits. */
    public static int i32WrapI64(long x) {
        return (int) x;
    }

    public static long i64ExtendI32S(int x) {
        return x;
    }

    /** spec §4.3.4 extend_u: zero-extends. */
    public static long i64ExtendI32U(int x) {
        return Integer.toUnsignedLong(x);
    }

    /** spec §4.3.2 iextend8_s: sign-extends the low 8 bits. */
    public static int i32Extend8S(int x) {
        return (byte) x;
    }

    /** spec §4.3.2 iextend16_s: sign-extends the low 16 bits. */
    public static int i32Extend16S(int x) {
        return (short) x;
    }

    /** spec §4.3.2 iextend8_s: sign-extends the low 8 bits. */
    public static long i64Extend8S(long x) {
        return (byte) x;
    }

    /** spec §4.3.2 iextend16_s: sign-extends the low 16 bits. */
    public static long i64Extend16S(long x) {
        return (short) x;
    }

    /** spec §4.3.2 iextend32_s: sign-extends the low 32 bits. */
    public static long i64Extend32S(long x) {
        return (int) x;
    }

    // ---------------------------------------------------------------------------------------
    // Float to integer truncation (spec §4.3.4 trunc_s, trunc_u: trap on NaN and out of range).
    // An f32 operand is widened to f64 (exactly) and shares the f64 range check: no float lies
    // between the f32 and f64 bounds, so the bounds are the same on the f32 values.

    /** spec §4.3.4 trunc_s: defined for -2^31 - 1 < x < 2^31. */
    public static int i32TruncF32S(float x, Node location) {
        return i32TruncF64S(x, location);
    }

    /** spec §4.3.4 trunc_u: defined for -1 < x < 2^32. */
    public static int i32TruncF32U(float x, Node location) {
        return i32TruncF64U(x, location);
    }

    /** spec §4.3.4 trunc_s: defined for -2^31 - 1 < x < 2^31. */
    public static int i32TruncF64S(double x, Node location) {
        if (!(x > -2147483649.0 && x < 2147483648.0)) {
            throw truncationTrap(x, location);
        }
        return (int) x;
    }

    /** spec §4.3.4 trunc_u: defined for -1 < x < 2^32. */
    public static int i32TruncF64U(double x, Node location) {
        if (!(x > -1.0 && x < 4294967296.0)) {
            throw truncationTrap(x, location);
        }
        return (int) (long) x;
    }

    /** spec §4.3.4 trunc_s: defined for -2^63 - 1 < x < 2^63. */
    public static long i64TruncF32S(float x, Node location) {
        return i64TruncF64S(x, location);
    }

    /** spec §4.3.4 trunc_u: defined for -1 < x < 2^64. */
    public static long i64TruncF32U(float x, Node location) {
        return i64TruncF64U(x, location);
    }

    /** spec §4.3.4 trunc_s: defined for -2^63 - 1 < x < 2^63 (no double lies in (-2^63 - 1, -2^63)). */
    public static long i64TruncF64S(double x, Node location) {
        if (!(x >= -0x1p63 && x < 0x1p63)) {
            throw truncationTrap(x, location);
        }
        return (long) x;
    }

    /** spec §4.3.4 trunc_u: defined for -1 < x < 2^64. */
    public static long i64TruncF64U(double x, Node location) {
        if (!(x > -1.0 && x < 0x1p64)) {
            throw truncationTrap(x, location);
        }
        return i64TruncSatF64U(x);
    }

    // ---------------------------------------------------------------------------------------
    // Saturating truncation (spec §4.3.4 trunc_sat_s, trunc_sat_u: NaN is 0, out of range clamps).
    // Java's (int) and (long) casts are exactly trunc_sat_s.

    public static int i32TruncSatF32S(float x) {
        return (int) x;
    }

    public static int i32TruncSatF32U(float x) {
        return i32TruncSatF64U(x);
    }

    public static int i32TruncSatF64S(double x) {
        return (int) x;
    }

    /** spec §4.3.4 trunc_sat_u: (long) x is exact or saturated, then clamped to [0, 2^32 - 1]. */
    public static int i32TruncSatF64U(double x) {
        return (int) Math.min(Math.max((long) x, 0L), 0xFFFF_FFFFL);
    }

    public static long i64TruncSatF32S(float x) {
        return (long) x;
    }

    /** spec §4.3.4 trunc_sat_u: below 2^63 as signed; from 2^63 on, the top bit is set explicitly. */
    public static long i64TruncSatF32U(float x) {
        if (x >= TWO_POW_63_F32) {
            // x - 2^63 is exact; at and beyond 2^64 the cast saturates to 2^63 - 1, giving 2^64 - 1
            return (long) (x - TWO_POW_63_F32) | Long.MIN_VALUE;
        }
        return Math.max((long) x, 0L); // NaN casts to 0
    }

    public static long i64TruncSatF64S(double x) {
        return (long) x;
    }

    /** spec §4.3.4 trunc_sat_u: below 2^63 as signed; from 2^63 on, the top bit is set explicitly. */
    public static long i64TruncSatF64U(double x) {
        if (x >= TWO_POW_63) {
            // x - 2^63 is exact; at and beyond 2^64 the cast saturates to 2^63 - 1, giving 2^64 - 1
            return (long) (x - TWO_POW_63) | Long.MIN_VALUE;
        }
        return Math.max((long) x, 0L); // NaN casts to 0
    }

    // ---------------------------------------------------------------------------------------
    // Integer to float conversion (spec §4.3.4 convert_s, convert_u: round to nearest, ties to
    // even). Java's int/long to float/double casts round once, correctly.

    public static float f32ConvertI32S(int x) {
        return x;
    }

    /** spec §4.3.4 convert_u: the unsigned value as a long, rounded once. */
    public static float f32ConvertI32U(int x) {
        return Integer.toUnsignedLong(x);
    }

    public static float f32ConvertI64S(long x) {
        return x;
    }

    /**
     * spec §4.3.4 convert_u. Values from 2^63 on are halved, keeping the shifted-out bit as a
     * sticky bit so the single rounding of the cast is still correct, then doubled exactly; going
     * through {@code double} instead would round twice.
     */
    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return x;
        }
        return (float) ((x >>> 1) | (x & 1)) * 2.0f;
    }

    public static double f64ConvertI32S(int x) {
        return x;
    }

    /** spec §4.3.4 convert_u: exact. */
    public static double f64ConvertI32U(int x) {
        return Integer.toUnsignedLong(x);
    }

    public static double f64ConvertI64S(long x) {
        return x;
    }

    /** spec §4.3.4 convert_u: as {@link #f32ConvertI64U}, halving with a sticky bit from 2^63 on. */
    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    // ---------------------------------------------------------------------------------------
    // Float conversions (spec §4.3.4 demote, promote, reinterpret)

    /**
     * spec §4.3.4 demote: round to nearest; a NaN gives an arithmetic NaN (canonical for a
     * canonical operand), also when Graal folds demote(promote(x)) to x.
     */
    public static float f32DemoteF64(double x) {
        if (x != x) {
            return quiet((float) x);
        }
        return (float) x;
    }

    /** spec §4.3.4 promote: exact; a NaN gives an arithmetic NaN (canonical for a canonical operand). */
    public static double f64PromoteF32(float x) {
        if (x != x) {
            return quiet((double) x);
        }
        return x;
    }

    /** spec §4.3.4 reinterpret: the raw bits, a NaN's payload included. */
    public static int i32ReinterpretF32(float x) {
        return Float.floatToRawIntBits(x);
    }

    /** spec §4.3.4 reinterpret: the raw bits, a NaN's payload included. */
    public static long i64ReinterpretF64(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** spec §4.3.4 reinterpret: the raw bits, a NaN's payload included. */
    public static float f32ReinterpretI32(int x) {
        return Float.intBitsToFloat(x);
    }

    /** spec §4.3.4 reinterpret: the raw bits, a NaN's payload included. */
    public static double f64ReinterpretI64(long x) {
        return Double.longBitsToDouble(x);
    }

    // ---------------------------------------------------------------------------------------
    // Helpers

    /** {@code nan} with its quiet bit set: canonical stays canonical, signalling becomes arithmetic. */
    private static float quiet(float nan) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(nan) | F32_QUIET);
    }

    /** {@code nan} with its quiet bit set: canonical stays canonical, signalling becomes arithmetic. */
    private static double quiet(double nan) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(nan) | F64_QUIET);
    }

    /**
     * The result of IEEE operation on {@code a} and {@code b}, safe from Graal's constant-operand
     * simplifications (rule 1 of the class comment). {@code inInterpreter()} comes first so the
     * interpreter never boxes the operands for the constant checks, which unbox them during partial
     * evaluation.
     */
    private static float arithmetic(float result, float a, float b) {
        if (CompilerDirectives.inInterpreter() || foldable(a, b)) {
            return result != result ? quiet(result) : result;
        }
        return result;
    }

    /**
     * Whether Graal may rewrite an operation on {@code a} and {@code b} into one that passes a
     * signalling NaN through: both operands constant (the operation is folded), or one of them a
     * constant zero or one of either sign, which make add, sub, mul and div an identity or a
     * negation. Other constants ({@code x * 0.5}, {@code x + 1e-9}) stay real operations that
     * the hardware quiets, so they need no check in compiled code.
     */
    private static boolean foldable(double a, double b) {
        boolean constantA = CompilerDirectives.isPartialEvaluationConstant(a);
        boolean constantB = CompilerDirectives.isPartialEvaluationConstant(b);
        return (constantA && constantB) || (constantA && isZeroOrOne(a)) || (constantB && isZeroOrOne(b));
    }

    private static boolean isZeroOrOne(double constant) {
        return constant == 0 || constant == 1 || constant == -1;
    }

    /** As {@link #arithmetic(float, float, float)}. */
    private static double arithmetic(double result, double a, double b) {
        if (CompilerDirectives.inInterpreter() || foldable(a, b)) {
            return result != result ? quiet(result) : result;
        }
        return result;
    }

    /** {@code x} rounded toward zero, keeping its sign (also of a zero result); x is not NaN. */
    private static double roundTowardZero(double x) {
        return Math.copySign(Math.floor(Math.abs(x)), x);
    }

    private static WasmTrap truncationTrap(double x, Node location) {
        CompilerDirectives.transferToInterpreter();
        return WasmTrap.create(x != x ? TrapKind.INVALID_CONVERSION_TO_INTEGER : TrapKind.INTEGER_OVERFLOW, location);
    }

    private static WasmTrap trap(TrapKind kind, Node location) {
        CompilerDirectives.transferToInterpreter();
        return WasmTrap.create(kind, location);
    }
}
