package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.Function;

import static dev.twasm.binary.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryInputTest {
    private static BinaryInput input(String hex) {
        return new BinaryInput(TestBytes.hex(hex));
    }

    /** Reads {@code hex} completely with {@code reader}. */
    private static <T> T readAll(String hex, Function<BinaryInput, T> reader) {
        BinaryInput in = input(hex);
        T value = reader.apply(in);
        assertTrue(in.atEnd(), "all bytes consumed");
        return value;
    }

    private static String failure(String hex, Function<BinaryInput, ?> reader) {
        return assertThrows(MalformedModuleException.class, () -> reader.apply(input(hex))).reason();
    }

    @ParameterizedTest
    @CsvSource({
        "00, 0",
        "7f, 127",
        "80 01, 128",
        "e5 8e 26, 624485",
        "80 80 80 80 00, 0",
        "ff ff ff ff 0f, 4294967295",
        "ff ff ff ff 00, 268435455",
    })
    void u32(String hex, long expected) {
        assertEquals(expected, readAll(hex, BinaryInput::readU32));
    }

    @ParameterizedTest
    @CsvSource({
        // the fifth byte carries only 4 bits
        "ff ff ff ff 1f, integer too large",
        "80 80 80 80 10, integer too large",
        // the reference interpreter checks the payload before the continuation bit
        "80 80 80 80 90 00, integer too large",
        "80 80 80 80 80 00, integer representation too long",
        "82 80 80 80 80 00, integer representation too long",
        "80, unexpected end of section or function",
        "'', unexpected end of section or function",
    })
    void malformedU32(String hex, String reason) {
        assertEquals(reason, failure(hex, BinaryInput::readU32));
    }

    @ParameterizedTest
    @CsvSource({
        "00, 0",
        "3f, 63",
        "40, -64",
        "7f, -1",
        "80 7f, -128",
        "ff ff ff ff 07, 2147483647",
        "80 80 80 80 78, -2147483648",
        "ff ff ff ff 7f, -1",
        "80 80 80 80 00, 0",
    })
    void s32(String hex, int expected) {
        assertEquals(expected, readAll(hex, BinaryInput::readS32));
    }

    @ParameterizedTest
    @CsvSource({
        // unused bits of the last byte must equal the sign bit
        "ff ff ff ff 0f, integer too large",
        "80 80 80 80 70, integer too large",
        "80 80 80 80 08, integer too large",
        "80 80 80 80 77, integer too large",
        "ff ff ff ff ff 7f, integer representation too long",
        "80 80 80 80 80 00, integer representation too long",
    })
    void malformedS32(String hex, String reason) {
        assertEquals(reason, failure(hex, BinaryInput::readS32));
    }

    @ParameterizedTest
    @CsvSource({
        "ff ff ff ff ff ff ff ff ff 00, 9223372036854775807",
        "80 80 80 80 80 80 80 80 80 7f, -9223372036854775808",
        "ff ff ff ff ff ff ff ff ff 7f, -1",
        "80 80 80 80 80 80 80 80 80 00, 0",
        "f8 ff ff ff ff ff ff ff ff 00, 9223372036854775800",
    })
    void s64(String hex, long expected) {
        assertEquals(expected, readAll(hex, BinaryInput::readS64));
    }

    @ParameterizedTest
    @CsvSource({
        "80 80 80 80 80 80 80 80 80 01, integer too large",
        "ff ff ff ff ff ff ff ff ff 7e, integer too large",
        "80 80 80 80 80 80 80 80 80 80 00, integer representation too long",
    })
    void malformedS64(String hex, String reason) {
        assertEquals(reason, failure(hex, BinaryInput::readS64));
    }

    @Test
    void s33CoversTheU32RangeAndNegatives() {
        assertEquals((Long) 4294967295L, readAll("ff ff ff ff 0f", in -> in.readSigned(33)));
        assertEquals(Long.valueOf(-4294967296L), readAll("80 80 80 80 70", in -> in.readSigned(33)));
        assertEquals("integer too large", failure("80 80 80 80 20", in -> in.readSigned(33)));
    }

    @Test
    void oneBitFlagAsInTheLimitsOfWasm20() {
        assertEquals((Long) 0L, readAll("00", in -> in.readUnsigned(1)));
        assertEquals((Long) 1L, readAll("01", in -> in.readUnsigned(1)));
        assertEquals("integer too large", failure("02", in -> in.readUnsigned(1)));
        assertEquals("integer representation too long", failure("81 00", in -> in.readUnsigned(1)));
    }

    @Test
    void indicesAreClampedToIntRange() {
        assertEquals(Integer.MAX_VALUE, readAll("ff ff ff ff 0f", BinaryInput::readIndex));
        assertEquals(5, readAll("05", BinaryInput::readIndex));
    }

    @Test
    void lengthMustFitTheRemainingBytes() {
        BinaryInput in = input("03 aa bb cc");
        assertEquals(3, in.readLength());
        // As in the reference interpreter, the bound counts from the length's own first byte ...
        assertEquals("length out of bounds", failure("05 aa bb cc", BinaryInput::readLength));
        // ... so a length one past the contents passes here and fails when the contents are read.
        assertEquals("unexpected end of section or function", failure("04 aa bb cc", BinaryInput::readName));
        assertEquals("length out of bounds", failure("ff ff ff ff 0f", BinaryInput::readLength));
    }

    @Test
    void names() {
        assertEquals("", readAll("00", BinaryInput::readName));
        assertEquals("abc", readAll("03 61 62 63", BinaryInput::readName));
        assertEquals("\u00e9\u2323\ud83d\ude00", readAll("09 c3 a9 e2 8c a3 f0 9f 98 80", BinaryInput::readName));
    }

    @ParameterizedTest
    @CsvSource({
        "01 80, malformed UTF-8 encoding",
        "02 c0 80, malformed UTF-8 encoding", // overlong NUL
        "03 ed a0 80, malformed UTF-8 encoding", // surrogate
        "04 f4 90 80 80, malformed UTF-8 encoding", // above U+10FFFF
        "02 e2 8c, malformed UTF-8 encoding", // truncated sequence
        "05 61, length out of bounds",
    })
    void malformedNames(String hex, String reason) {
        assertEquals(reason, failure(hex, BinaryInput::readName));
    }

    @Test
    void floatsAreLittleEndian() {
        assertEquals(Float.floatToRawIntBits(1.0f), readAll("00 00 80 3f", BinaryInput::readF32Bits));
        assertEquals(Double.doubleToRawLongBits(-2.0), readAll("00 00 00 00 00 00 00 c0", BinaryInput::readF64Bits));
        assertEquals("unexpected end of section or function", failure("00 00 80", BinaryInput::readF32Bits));
    }

    @Test
    void errorsReportTheModuleOffset() {
        BinaryInput in = new BinaryInput(hex("00 00 80 80 80 80 10"), 2, 7, 100);
        MalformedModuleException e = assertThrows(MalformedModuleException.class, in::readU32);
        assertTrue(e.location().contains("byte offset 106"), e.getMessage());
    }

    @Test
    void readsStopAtTheLimit() {
        BinaryInput in = input("01 02 03");
        in.setLimit(1);
        assertEquals(1, in.readByte());
        assertThrows(MalformedModuleException.class, in::readByte);
        assertThrows(MalformedModuleException.class, () -> in.readBytes(1));
        assertThrows(MalformedModuleException.class, () -> in.readBytes(-1));
    }
}
