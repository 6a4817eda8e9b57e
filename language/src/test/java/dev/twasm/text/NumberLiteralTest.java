package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberLiteralTest {
    private static TokenKind classify(String s) {
        return NumberLiteral.classify(s, 0, s.length());
    }

    private static int f32(String s) {
        return NumberLiteral.f32Bits(s);
    }

    private static long f64(String s) {
        return NumberLiteral.f64Bits(s);
    }

    @Test
    void shapes() {
        assertEquals(TokenKind.NAT, classify("0"));
        assertEquals(TokenKind.NAT, classify("1_000_000"));
        assertEquals(TokenKind.NAT, classify("0xdead_BEEF"));
        assertEquals(TokenKind.INT, classify("-1"));
        assertEquals(TokenKind.INT, classify("+0x1"));
        assertEquals(TokenKind.FLOAT, classify("1."));
        assertEquals(TokenKind.FLOAT, classify("1.e5"));
        assertEquals(TokenKind.FLOAT, classify("1E-5"));
        assertEquals(TokenKind.FLOAT, classify("0x1.p4"));
        assertEquals(TokenKind.FLOAT, classify("0x1P+4"));
        assertEquals(TokenKind.FLOAT, classify("-inf"));
        assertEquals(TokenKind.FLOAT, classify("nan"));
        assertEquals(TokenKind.FLOAT, classify("+nan:0x7f_ffff"));
        for (String bad : new String[] {"1_", "_1", "1__0", "0x", "0x_1", "1._0", "1.0_", "1e", "1e+", "1e_1", ".5", "0x.1", "0x1p",
                        "0xg", "1x", "nan:1", "nan:0x", "infinity", "0X1", "-", "+"}) {
            assertNull(classify(bad), bad);
        }
    }

    @Test
    void integersAcceptSignedAndUnsignedRanges() {
        assertEquals(-1, NumberLiteral.i32("0xffff_ffff"));
        assertEquals(Integer.MIN_VALUE, NumberLiteral.i32("-0x8000_0000"));
        assertEquals(Integer.MIN_VALUE, NumberLiteral.i32("2147483648"));
        assertEquals(42, NumberLiteral.i32("+42"));
        assertEquals(-1L, NumberLiteral.i64("18446744073709551615"));
        assertEquals(Long.MIN_VALUE, NumberLiteral.i64("-9223372036854775808"));
        for (String bad : new String[] {"4294967296", "-2147483649", "0x1_0000_0000", "-0x8000_0001"}) {
            assertThrows(NumberLiteral.OutOfRange.class, () -> NumberLiteral.i32(bad), bad);
        }
        for (String bad : new String[] {"18446744073709551616", "-9223372036854775809", "0x1_0000_0000_0000_0000", "99999999999999999999999"}) {
            assertThrows(NumberLiteral.OutOfRange.class, () -> NumberLiteral.i64(bad), bad);
        }
        assertEquals(0xFFFF_FFFFL, NumberLiteral.u32("4294967295"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> NumberLiteral.u32("4294967296"));
    }

    @Test
    void specialFloats() {
        assertEquals(0x7f80_0000, f32("inf"));
        assertEquals(0xff80_0000, f32("-inf"));
        assertEquals(0x7fc0_0000, f32("nan"));
        assertEquals(0xffc0_0000, f32("-nan"));
        assertEquals(0x7f80_0001, f32("nan:0x1"));
        assertEquals(0x7fff_ffff, f32("nan:0x7f_ffff"));
        assertEquals(0x7ff8_0000_0000_0000L, f64("nan"));
        assertEquals(0xfff0_0000_0000_0001L, f64("-nan:0x1"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f32("nan:0x0"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f32("nan:0x80_0000"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f64("nan:0x10_0000_0000_0000"));
        assertEquals(0x8000_0000, f32("-0.0"));
        assertEquals(0x8000_0000_0000_0000L, f64("-0x0p+0"));
    }

    @Test
    void decimalRoundsOnceToNearestEven() {
        assertEquals(0x3dcc_cccd, f32("0.1"));
        assertEquals(Double.doubleToLongBits(0.1), f64("0.1"));
        assertEquals(Double.doubleToLongBits(1.7976931348623157e308), f64("1.7976931348623157e308"));
        // 1 + 2^-24 + 2^-80: rounding via double lands exactly halfway and then rounds down to 1.0
        assertEquals(0x3f80_0001, f32("1.00000005960464477539062582718061255302"));
        // exactly halfway between 1 and the next float: ties to even
        assertEquals(0x3f80_0000, f32("1.000000059604644775390625"));
        assertEquals(0x4b80_0000, f32("16777217"));
        assertEquals(0x4b80_0002, f32("16777219"));
        assertEquals(0x3ff0_0000_0000_0000L, f64("1.00000000000000011102230246251565404236316680908203125"));
        // the same halfway value plus a digit far beyond the digits kept: rounds up
        assertEquals(0x3ff0_0000_0000_0001L, f64("1.00000000000000011102230246251565404236316680908203125" + "0".repeat(2000) + "1"));
        assertEquals(0x4b80_0000, f32("16_777_217.0"));
    }

    @Test
    void subnormalsAndUnderflow() {
        String halfOfSmallest = "0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625";
        assertEquals(0, f32(halfOfSmallest));
        assertEquals(1, f32(halfOfSmallest + "0".repeat(1000) + "1"));
        assertEquals(1, f32("1e-45"));
        assertEquals(1, f32("0x1p-149"));
        assertEquals(0, f32("0x1p-150"));
        assertEquals(1, f32("0x1.000001p-150"));
        assertEquals(0x0040_0000, f32("0x1p-127"));
        assertEquals(0x0080_0000, f32("0x1.fffffep-127"));
        assertEquals(1L, f64("4.9e-324"));
        assertEquals(0L, f64("2e-324"));
        assertEquals(0L, f64("1e-1000000000000"));
        assertEquals(0x8000_0000, f32("-0x1p-100000000000"));
    }

    @Test
    void hexRoundsOnceToNearestEven() {
        assertEquals(0x2680_0000, f32("0x1.00000100000000000p-50"));
        assertEquals(0x2680_0001, f32("0x1.000001000000000001p-50"));
        assertEquals(0x2680_0002, f32("0x1.000003p-50"));
        assertEquals(0x2680_0001, f32("0x1.0000010000000000000000000000000000000000000000000000000000001p-50"));
        assertEquals(0x3ff0_0000_0000_0001L, f64("0x1.00000000000008000000000000000000000000000000000000001p0"));
        assertEquals(0x3ff0_0000_0000_0000L, f64("0x1.00000000000008p0"));
        assertEquals(0x4f80_0000, f32("0xffff_ffff"));
    }

    @Test
    void overflowIsOutOfRange() {
        assertEquals(0x7f7f_ffff, f32("340282356779733661637539395458142568447"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f32("340282356779733661637539395458142568448"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f32("1e39"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f32("0x1.ffffffp127"));
        assertEquals(0x7f7f_ffff, f32("0x1.fffffefffffp127"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f64("0x1.fffffffffffff8p1023"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f64("1e309"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f64("1e1000000000000000000000"));
        assertThrows(NumberLiteral.OutOfRange.class, () -> f64("0x1p1000000000000"));
    }
}
