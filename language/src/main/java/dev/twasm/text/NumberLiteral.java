package dev.twasm.text;

import java.math.BigInteger;

/**
 * Numeric literals of the text format (spec §6.3.1 "Integers", §6.3.2 "Floating-Point"): their
 * lexical shape, and their values as the spec's text-to-abstract mapping defines them.
 *
 * <p>Integers may be written signed or unsigned: {@code i32.const} accepts {@code -2^31} to
 * {@code 2^32-1}. Floats are rounded exactly once, from the literal's exact rational value to the
 * nearest IEEE 754 value of the target width (ties to even), for decimal and hexadecimal literals
 * of any length; converting via {@code double} for {@code f32} would round twice. A literal whose
 * rounded value is infinite, or whose value does not fit, is "constant out of range".
 */
final class NumberLiteral {
    /** The literal's value does not fit its type. Carries no stack trace; callers add the position. */
    static final class OutOfRange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfRange() {
            super("constant out of range", null, false, false);
        }
    }

    private static final OutOfRange OUT_OF_RANGE = new OutOfRange();

    /** An IEEE 754 binary format: significand precision (with the hidden bit) and exponent range. */
    enum Format {
        F32(24, -126, 8),
        F64(53, -1022, 11);

        final int precision;
        final int minExp;
        final int maxExp;
        final int exponentBits;
        final long exponentMask;
        final long signBit;

        Format(int precision, int minExp, int exponentBits) {
            this.precision = precision;
            this.minExp = minExp;
            this.maxExp = 1 - minExp;
            this.exponentBits = exponentBits;
            this.exponentMask = ((1L << exponentBits) - 1) << (precision - 1);
            this.signBit = 1L << (precision + exponentBits - 1);
        }
    }

    /** Significant decimal digits kept; 800 exceed the 767 a double's exact halfway point needs. */
    private static final int MAX_DECIMAL_DIGITS = 800;
    /** Significant hex digits kept: 160 bits, far more than the 54 rounding needs. */
    private static final int MAX_HEX_DIGITS = 40;
    private static final long EXPONENT_LIMIT = 1_000_000_000L;

    private static final double[] DOUBLE_POWERS_OF_TEN = new double[23];
    private static final float[] FLOAT_POWERS_OF_TEN = new float[11];

    static {
        double d = 1;
        for (int i = 0; i < DOUBLE_POWERS_OF_TEN.length; i++) {
            DOUBLE_POWERS_OF_TEN[i] = d;
            d *= 10;
        }
        float f = 1;
        for (int i = 0; i < FLOAT_POWERS_OF_TEN.length; i++) {
            FLOAT_POWERS_OF_TEN[i] = f;
            f *= 10;
        }
    }

    private NumberLiteral() {
    }

    // ---- lexical shape --------------------------------------------------------------------------

    /**
     * The kind of numeric token {@code s[start, end)} is ({@link TokenKind#NAT}, {@link TokenKind#INT}
     * or {@link TokenKind#FLOAT}), or null when it is no number. Underscores may only separate
     * digits.
     */
    static TokenKind classify(String s, int start, int end) {
        int i = start;
        boolean signed = false;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            signed = true;
            i++;
        }
        if (i >= end) {
            return null;
        }
        if (s.startsWith("inf", i) && i + 3 == end || s.startsWith("nan", i) && i + 3 == end) {
            return TokenKind.FLOAT;
        }
        if (s.startsWith("nan:0x", i) && i + 6 <= end) {
            return scanDigits(s, i + 6, end, true) == end ? TokenKind.FLOAT : null;
        }
        boolean hex = s.startsWith("0x", i) && i + 2 <= end;
        int j = scanDigits(s, hex ? i + 2 : i, end, hex);
        if (j < 0) {
            return null;
        }
        boolean isFloat = false;
        if (j < end && s.charAt(j) == '.') {
            isFloat = true;
            j++;
            if (j < end && isDigit(s.charAt(j), hex)) {
                j = scanDigits(s, j, end, hex);
                if (j < 0) {
                    return null;
                }
            }
        }
        if (j < end && (hex ? s.charAt(j) == 'p' || s.charAt(j) == 'P' : s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            isFloat = true;
            j++;
            if (j < end && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            j = scanDigits(s, j, end, false);
            if (j < 0) {
                return null;
            }
        }
        if (j != end) {
            return null;
        }
        return isFloat ? TokenKind.FLOAT : signed ? TokenKind.INT : TokenKind.NAT;
    }

    private static boolean isDigit(char c, boolean hex) {
        return hex ? Lexer.isHexDigit(c) : c >= '0' && c <= '9';
    }

    /** Scans {@code digit ('_'? digit)*} from {@code i}; the index after it, or -1 if malformed. */
    private static int scanDigits(String s, int i, int end, boolean hex) {
        if (i >= end || !isDigit(s.charAt(i), hex)) {
            return -1;
        }
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '_') {
                if (i + 1 < end && isDigit(s.charAt(i + 1), hex)) {
                    i += 2;
                } else {
                    return -1;
                }
            } else if (isDigit(c, hex)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    // ---- integers -------------------------------------------------------------------------------

    /** The magnitude of an unsigned literal ({@code 0x} hex or decimal) as an unsigned 64-bit value. */
    private static long magnitude(String s, int i) {
        int end = s.length();
        long value = 0;
        if (s.startsWith("0x", i)) {
            for (int j = i + 2; j < end; j++) {
                char c = s.charAt(j);
                if (c != '_') {
                    if (value >>> 60 != 0) {
                        throw OUT_OF_RANGE;
                    }
                    value = value << 4 | Character.digit(c, 16);
                }
            }
        } else {
            for (int j = i; j < end; j++) {
                char c = s.charAt(j);
                if (c != '_') {
                    int d = c - '0';
                    // 2^64 - 1 = 1844674407370955161 * 10 + 5
                    if (Long.compareUnsigned(value, 1844674407370955161L) >= 0 && (value != 1844674407370955161L || d > 5)) {
                        throw OUT_OF_RANGE;
                    }
                    value = value * 10 + d;
                }
            }
        }
        return value;
    }

    /** An unsigned 32-bit literal (indices, limits, offsets); the token must be a NAT. */
    static long u32(String s) {
        long value = magnitude(s, 0);
        if (Long.compareUnsigned(value, 0xFFFF_FFFFL) > 0) {
            throw OUT_OF_RANGE;
        }
        return value;
    }

    /** An unsigned 64-bit literal; the token must be a NAT. */
    static long u64(String s) {
        return magnitude(s, 0);
    }

    /** An {@code i32} literal, signed or unsigned: {@code -2^31 .. 2^32-1}. */
    static int i32(String s) {
        return (int) integer(s, 32);
    }

    /** An {@code i64} literal, signed or unsigned: {@code -2^63 .. 2^64-1}. */
    static long i64(String s) {
        return integer(s, 64);
    }

    /**
     * An {@code iN} literal of {@code width} 8, 16, 32 or 64 bits, signed or unsigned:
     * {@code -2^(N-1) .. 2^N-1}. Returns the value as written (negative values sign-extended);
     * its low {@code width} bits are the integer's bits.
     */
    static long integer(String s, int width) {
        boolean negative = s.charAt(0) == '-';
        int start = negative || s.charAt(0) == '+' ? 1 : 0;
        long m = magnitude(s, start);
        if (negative) {
            if (Long.compareUnsigned(m, 1L << (width - 1)) > 0) {
                throw OUT_OF_RANGE;
            }
            return -m;
        }
        if (width < 64 && Long.compareUnsigned(m, (1L << width) - 1) > 0) {
            throw OUT_OF_RANGE;
        }
        return m;
    }

    // ---- floats ---------------------------------------------------------------------------------

    /** The bits of an {@code f32} literal (any numeric token). */
    static int f32Bits(String s) {
        return (int) floatBits(s, Format.F32);
    }

    /** The bits of an {@code f64} literal (any numeric token). */
    static long f64Bits(String s) {
        return floatBits(s, Format.F64);
    }

    static long floatBits(String s, Format f) {
        boolean negative = s.charAt(0) == '-';
        int i = negative || s.charAt(0) == '+' ? 1 : 0;
        long bits;
        if (s.startsWith("inf", i)) {
            bits = f.exponentMask;
        } else if (s.startsWith("nan:0x", i)) {
            long payload = magnitude(s, i + 4);
            if (payload == 0 || Long.compareUnsigned(payload, 1L << (f.precision - 1)) >= 0) {
                throw OUT_OF_RANGE;
            }
            bits = f.exponentMask | payload;
        } else if (s.startsWith("nan", i)) {
            bits = f.exponentMask | 1L << (f.precision - 2);
        } else if (s.startsWith("0x", i)) {
            bits = hexFloat(s, i + 2, f);
        } else {
            bits = decimalFloat(s, i, f);
        }
        return negative ? bits | f.signBit : bits;
    }

    /** Parses the exponent digits at {@code i}, saturating far beyond any meaningful magnitude. */
    private static long exponent(String s, int i) {
        boolean negative = false;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_') {
                value = Math.min(value * 10 + (c - '0'), EXPONENT_LIMIT);
            }
        }
        return negative ? -value : value;
    }

    /**
     * The significant digits of a float literal's mantissa: leading zeros dropped, at most
     * {@code maxDigits} kept, and whether any dropped digit was non-zero ({@code sticky}, which is
     * all correct rounding needs to know about them).
     *
     * @param exponent the power (of ten for decimal, of two for hex) to scale {@code digits} by
     */
    private record Significand(String digits, long exponent, boolean sticky) {
    }

    /**
     * Scans the mantissa and exponent of a decimal ({@code e}, each digit worth one power of ten)
     * or hexadecimal ({@code p}, each digit worth four powers of two) float literal.
     */
    private static Significand scanSignificand(String s, int start, char exponentMarker, int digitWeight, int maxDigits) {
        StringBuilder digits = new StringBuilder();
        long exp = 0;
        boolean sticky = false;
        boolean fraction = false;
        int end = s.length();
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (Character.toLowerCase(c) == exponentMarker) {
                exp += exponent(s, i + 1);
                break;
            }
            boolean leadingZero = c == '0' && digits.isEmpty();
            if (fraction) {
                if (leadingZero) {
                    exp -= digitWeight;
                } else if (digits.length() < maxDigits) {
                    digits.append(c);
                    exp -= digitWeight;
                } else {
                    sticky |= c != '0';
                }
            } else if (!leadingZero) {
                if (digits.length() < maxDigits) {
                    digits.append(c);
                } else {
                    exp += digitWeight;
                    sticky |= c != '0';
                }
            }
        }
        return new Significand(digits.toString(), exp, sticky);
    }

    private static long decimalFloat(String s, int start, Format f) {
        Significand scanned = scanSignificand(s, start, 'e', 1, MAX_DECIMAL_DIGITS);
        StringBuilder digits = new StringBuilder(scanned.digits());
        long exp = scanned.exponent();
        boolean sticky = scanned.sticky();
        if (digits.isEmpty()) {
            return 0;
        }
        if (sticky) {
            // A non-zero digit below the kept ones: the value lies strictly above the truncation,
            // which is all correct rounding needs to know about it.
            digits.append('1');
            exp--;
        }
        int length = digits.length();
        if (length - 1 + exp > 310) {
            throw OUT_OF_RANGE;
        }
        if (length + exp < -400) {
            return 0;
        }
        if (f == Format.F64 && length <= 15 && exp >= -22 && exp <= 22) {
            // Both operands are exact doubles, so one IEEE operation rounds correctly.
            double d = Long.parseLong(digits, 0, length, 10);
            double v = exp >= 0 ? d * DOUBLE_POWERS_OF_TEN[(int) exp] : d / DOUBLE_POWERS_OF_TEN[(int) -exp];
            return Double.doubleToRawLongBits(checkFinite(v));
        }
        if (f == Format.F32 && length <= 7 && exp >= -10 && exp <= 10) {
            float d = Long.parseLong(digits, 0, length, 10);
            float v = exp >= 0 ? d * FLOAT_POWERS_OF_TEN[(int) exp] : d / FLOAT_POWERS_OF_TEN[(int) -exp];
            return Float.floatToRawIntBits(checkFinite(v));
        }
        BigInteger significand = new BigInteger(digits.toString());
        BigInteger num = exp >= 0 ? significand.multiply(BigInteger.TEN.pow((int) exp)) : significand;
        BigInteger den = exp >= 0 ? BigInteger.ONE : BigInteger.TEN.pow((int) -exp);
        return round(num, den, 0, f);
    }

    private static double checkFinite(double v) {
        if (Double.isInfinite(v)) {
            throw OUT_OF_RANGE;
        }
        return v;
    }

    private static float checkFinite(float v) {
        if (Float.isInfinite(v)) {
            throw OUT_OF_RANGE;
        }
        return v;
    }

    private static long hexFloat(String s, int start, Format f) {
        Significand scanned = scanSignificand(s, start, 'p', 4, MAX_HEX_DIGITS);
        String digits = scanned.digits();
        long exp2 = scanned.exponent();
        boolean sticky = scanned.sticky();
        if (digits.isEmpty()) {
            return 0;
        }
        BigInteger significand = new BigInteger(digits, 16);
        if (sticky) {
            significand = significand.shiftLeft(1).setBit(0);
            exp2--;
        }
        return round(significand, BigInteger.ONE, exp2, f);
    }

    /**
     * Rounds the positive value {@code num / den * 2^exp2} to the nearest value of format
     * {@code f}, ties to even; returns its bits (sign clear). Overflow to infinity is
     * {@link OutOfRange}; values below half the smallest subnormal become zero.
     */
    static long round(BigInteger num, BigInteger den, long exp2, Format f) {
        // value lies in [2^(lg-1), 2^(lg+1))
        long lg = (long) num.bitLength() - den.bitLength() + exp2;
        if (lg - 1 > f.maxExp) {
            throw OUT_OF_RANGE;
        }
        if (lg + 1 <= f.minExp - f.precision) {
            return 0;
        }
        int shift = (int) (exp2 - lg);
        boolean atLeast = shift >= 0 ? num.shiftLeft(shift).compareTo(den) >= 0 : num.compareTo(den.shiftLeft(-shift)) >= 0;
        long exponent = atLeast ? lg : lg - 1; // floor(log2(value))
        long ulpExp = Math.max(exponent, f.minExp) - (f.precision - 1);
        int scale = (int) (exp2 - ulpExp);
        BigInteger n = scale >= 0 ? num.shiftLeft(scale) : num;
        BigInteger d = scale >= 0 ? den : den.shiftLeft(-scale);
        BigInteger[] qr = n.divideAndRemainder(d);
        long q = qr[0].longValue();
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || half == 0 && (q & 1) != 0) {
            q++;
        }
        if (q == 1L << f.precision) {
            q >>= 1;
            ulpExp++;
        }
        long hidden = 1L << (f.precision - 1);
        if (q < hidden) {
            return q; // subnormal or zero: exponent field 0
        }
        long biased = ulpExp + (f.precision - 1) + f.maxExp;
        if (biased >= (1L << f.exponentBits) - 1) {
            throw OUT_OF_RANGE;
        }
        return biased << (f.precision - 1) | (q - hidden);
    }
}
