package dev.twasm.component.abi;

import dev.twasm.component.ValType;
import dev.twasm.component.ValType.Borrow;
import dev.twasm.component.ValType.Case;
import dev.twasm.component.ValType.EnumType;
import dev.twasm.component.ValType.Field;
import dev.twasm.component.ValType.FlagsType;
import dev.twasm.component.ValType.ListType;
import dev.twasm.component.ValType.OptionType;
import dev.twasm.component.ValType.Own;
import dev.twasm.component.ValType.Primitive;
import dev.twasm.component.ValType.RecordType;
import dev.twasm.component.ValType.ResultType;
import dev.twasm.component.ValType.TupleType;
import dev.twasm.component.ValType.VariantType;
import dev.twasm.component.abi.AbiValue.Bool;
import dev.twasm.component.abi.AbiValue.Char;
import dev.twasm.component.abi.AbiValue.F32;
import dev.twasm.component.abi.AbiValue.F64;
import dev.twasm.component.abi.AbiValue.FlagsValue;
import dev.twasm.component.abi.AbiValue.Handle;
import dev.twasm.component.abi.AbiValue.Int;
import dev.twasm.component.abi.AbiValue.ListValue;
import dev.twasm.component.abi.AbiValue.RecordValue;
import dev.twasm.component.abi.AbiValue.Str;
import dev.twasm.component.abi.AbiValue.VariantValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CanonicalAbi}'s {@code load}/{@code store} and {@code lift_flat}/{@code lower_flat}: round
 * trips of every supported type over a {@link ByteArrayMemory}, the bytes and flat values of a few
 * by hand, and the traps.
 */
class CanonicalAbiTest {
    private static final Layout L = Layout.NO_TYPE_INDICES;

    private static final VariantType STREAM_ERROR = LayoutTest.STREAM_ERROR;
    private static final RecordType POINT = new RecordType(List.of(new Field("x", Primitive.U8), new Field("y", Primitive.F64), new Field("name", Primitive.STRING)));
    private static final VariantType MIXED = new VariantType(List.of(new Case("i", Primitive.U32), new Case("f", Primitive.F32),
                    new Case("d", Primitive.F64), new Case("pair", new TupleType(List.of(Primitive.F32, Primitive.S64))), new Case("none", null)));

    private final ByteArrayMemory memory = new ByteArrayMemory(4096, 1024);
    private final CanonicalAbi abi = new CanonicalAbi(L, memory);

    private static Int i(Primitive p, long v) {
        return new Int(p, v);
    }

    private static FlagsValue flags(int... set) {
        return FlagsValue.of(set);
    }

    /** Every supported type with values that cover its range and cases. */
    private static List<Object[]> samples() {
        return List.of(
                        new Object[]{Primitive.BOOL, List.of(new Bool(false), new Bool(true))},
                        new Object[]{Primitive.S8, List.of(i(Primitive.S8, -128), i(Primitive.S8, 127), i(Primitive.S8, -1))},
                        new Object[]{Primitive.U8, List.of(i(Primitive.U8, 0), i(Primitive.U8, 255))},
                        new Object[]{Primitive.S16, List.of(i(Primitive.S16, -32768), i(Primitive.S16, 32767))},
                        new Object[]{Primitive.U16, List.of(i(Primitive.U16, 65535), i(Primitive.U16, 1))},
                        new Object[]{Primitive.S32, List.of(i(Primitive.S32, Integer.MIN_VALUE), i(Primitive.S32, -1), i(Primitive.S32, 7))},
                        new Object[]{Primitive.U32, List.of(i(Primitive.U32, 0xFFFF_FFFFL), i(Primitive.U32, 0x8000_0000L))},
                        new Object[]{Primitive.S64, List.of(i(Primitive.S64, Long.MIN_VALUE), i(Primitive.S64, Long.MAX_VALUE))},
                        new Object[]{Primitive.U64, List.of(i(Primitive.U64, -1), i(Primitive.U64, 1L << 63))},
                        new Object[]{Primitive.F32, List.of(new F32(1.5f), new F32(-0.0f), new F32(Float.POSITIVE_INFINITY), new F32(Float.MIN_VALUE))},
                        new Object[]{Primitive.F64, List.of(new F64(Math.PI), new F64(-0.0), new F64(Double.NEGATIVE_INFINITY))},
                        new Object[]{Primitive.CHAR, List.of(new Char('a'), new Char(0xD7FF), new Char(0xE000), new Char(0x10FFFF), new Char(0x1F600))},
                        new Object[]{Primitive.STRING, List.of(new Str(""), new Str("hello"), new Str("héllo wörld ✓ \uD83D\uDE00"))},
                        new Object[]{new ListType(Primitive.U8), List.of(new ListValue(List.of()), new ListValue(List.of(i(Primitive.U8, 1), i(Primitive.U8, 2))))},
                        new Object[]{new ListType(Primitive.STRING), List.of(new ListValue(List.of(new Str("a"), new Str(""), new Str("ccc"))))},
                        new Object[]{new ListType(new ListType(Primitive.U64)), List.of(new ListValue(List.of(
                                        new ListValue(List.of(i(Primitive.U64, 5))), new ListValue(List.of()))))},
                        new Object[]{POINT, List.of(new RecordValue(List.of(i(Primitive.U8, 9), new F64(2.25), new Str("p"))))},
                        new Object[]{new TupleType(List.of(Primitive.U16, Primitive.CHAR, Primitive.BOOL)), List.of(
                                        new RecordValue(List.of(i(Primitive.U16, 3), new Char('z'), new Bool(true))))},
                        new Object[]{MIXED, List.of(new VariantValue(0, i(Primitive.U32, 0xFFFF_FFFFL)), new VariantValue(1, new F32(-2.5f)),
                                        new VariantValue(2, new F64(1e300)), new VariantValue(3, new RecordValue(List.of(new F32(0.5f), i(Primitive.S64, -3)))),
                                        new VariantValue(4))},
                        new Object[]{new EnumType(List.of("a", "b", "c")), List.of(new VariantValue(0), new VariantValue(2))},
                        new Object[]{new EnumType(IntStream.range(0, 300).mapToObj(n -> "e" + n).toList()), List.of(new VariantValue(299))},
                        new Object[]{new OptionType(Primitive.STRING), List.of(new VariantValue(0), new VariantValue(1, new Str("some")))},
                        new Object[]{new ResultType(null, STREAM_ERROR), List.of(new VariantValue(0), new VariantValue(1, new VariantValue(0, new Handle(7))),
                                        new VariantValue(1, new VariantValue(1)))},
                        new Object[]{new ResultType(Primitive.U64, Primitive.F32), List.of(new VariantValue(0, i(Primitive.U64, -2)), new VariantValue(1, new F32(3f)))},
                        new Object[]{new FlagsType(List.of("r", "w", "x")), List.of(flags(), flags(0, 2))},
                        new Object[]{new FlagsType(IntStream.range(0, 12).mapToObj(n -> "f" + n).toList()), List.of(flags(11, 3))},
                        new Object[]{new FlagsType(IntStream.range(0, 40).mapToObj(n -> "f" + n).toList()), List.of(flags(0, 31, 32, 39))},
                        new Object[]{new Own(0), List.of(new Handle(1), new Handle(-1))},
                        new Object[]{new Borrow(0), List.of(new Handle(42))});
    }

    @SuppressWarnings("unchecked")
    @Test
    void storeThenLoad() {
        for (Object[] sample : samples()) {
            ValType t = (ValType) sample[0];
            for (AbiValue v : (List<AbiValue>) sample[1]) {
                int ptr = 64;
                abi.store(v, t, ptr);
                assertEquals(v, abi.load(ptr, t), () -> t.witName() + ": " + v);
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void lowerThenLift() {
        for (Object[] sample : samples()) {
            ValType t = (ValType) sample[0];
            for (AbiValue v : (List<AbiValue>) sample[1]) {
                long[] flat = abi.lowerFlat(v, t);
                assertEquals(L.flatten(t).size(), flat.length, t::witName);
                assertEquals(v, abi.liftFlat(t, flat), () -> t.witName() + ": " + v);
            }
        }
    }

    @Test
    void littleEndianLayout() {
        abi.store(new RecordValue(List.of(i(Primitive.U8, 0xAB), i(Primitive.U32, 0x01020304), i(Primitive.U16, 0xBEEF))),
                        new RecordType(List.of(new Field("a", Primitive.U8), new Field("b", Primitive.U32), new Field("c", Primitive.U16))), 16);
        assertArrayEquals(new byte[]{(byte) 0xAB, 0, 0, 0, 4, 3, 2, 1, (byte) 0xEF, (byte) 0xBE, 0, 0}, Arrays.copyOfRange(memory.bytes, 16, 28));
    }

    @Test
    void stringsAreUtf8InAllocatedMemory() {
        abi.store(new Str("hé"), Primitive.STRING, 8);
        assertArrayEquals(new int[]{0, 0, 1, 3}, memory.reallocs.getFirst());
        assertArrayEquals(new byte[]{0, 4, 0, 0, 3, 0, 0, 0}, Arrays.copyOfRange(memory.bytes, 8, 16));
        assertArrayEquals("hé".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(memory.bytes, 1024, 1027));
    }

    @Test
    void listsAreAllocatedAlignedToTheirElements() {
        long[] flat = abi.lowerFlat(new ListValue(List.of(i(Primitive.U64, 1), i(Primitive.U64, 2))), new ListType(Primitive.U64));
        assertArrayEquals(new int[]{0, 0, 8, 16}, memory.reallocs.getFirst());
        assertArrayEquals(new long[]{1024, 2}, flat);
        assertEquals(2, memory.bytes[1032]);
    }

    @Test
    void flatValues() {
        assertArrayEquals(new long[]{0xFFFF_FFFFL}, abi.lowerFlat(i(Primitive.S32, -1), Primitive.S32));
        assertArrayEquals(new long[]{0xFFL}, abi.lowerFlat(i(Primitive.U8, 255), Primitive.U8));
        assertArrayEquals(new long[]{-1}, abi.lowerFlat(i(Primitive.S64, -1), Primitive.S64));
        assertArrayEquals(new long[]{Float.floatToRawIntBits(1.5f)}, abi.lowerFlat(new F32(1.5f), Primitive.F32));
        // slot 1 joins u32, f32, f64 and f32 to i64, slot 2 holds the tuple's s64; unused slots are 0
        assertEquals(List.of(FlatType.I32, FlatType.I64, FlatType.I64), L.flatten(MIXED));
        assertArrayEquals(new long[]{1, Float.floatToRawIntBits(-2.5f) & 0xFFFF_FFFFL, 0}, abi.lowerFlat(new VariantValue(1, new F32(-2.5f)), MIXED));
        assertArrayEquals(new long[]{2, Double.doubleToRawLongBits(1e300), 0},
                        abi.lowerFlat(new VariantValue(2, new F64(1e300)), MIXED));
        assertArrayEquals(new long[]{3, Float.floatToRawIntBits(0.5f), -3},
                        abi.lowerFlat(new VariantValue(3, new RecordValue(List.of(new F32(0.5f), i(Primitive.S64, -3)))), MIXED));
        assertArrayEquals(new long[]{4, 0, 0}, abi.lowerFlat(new VariantValue(4), MIXED));
        assertArrayEquals(new long[]{0x8000_0001L, 0x80L}, abi.lowerFlat(flags(0, 31, 39), new FlagsType(IntStream.range(0, 40).mapToObj(n -> "f" + n).toList())));
        // several values, one after the other
        assertArrayEquals(new long[]{1, 1, 0, 7}, abi.lowerFlat(List.of(new Bool(true), new VariantValue(1, new VariantValue(0, new Handle(7)))),
                        List.of(Primitive.BOOL, new ResultType(null, STREAM_ERROR))));
        assertEquals(List.of(new Bool(true), new VariantValue(1, new VariantValue(1))),
                        abi.liftFlat(List.of(Primitive.BOOL, new ResultType(null, STREAM_ERROR)), new long[]{1, 1, 1, 0}));
    }

    @Test
    void liftingIgnoresHighBitsAndBoolIsNonZero() {
        assertEquals(i(Primitive.U8, 0xFF), abi.liftFlat(Primitive.U8, new long[]{0x1FF}));
        assertEquals(i(Primitive.S8, -1), abi.liftFlat(Primitive.S8, new long[]{0xFF}));
        assertEquals(i(Primitive.S16, -2), abi.liftFlat(Primitive.S16, new long[]{0xFFFE}));
        assertEquals(i(Primitive.U32, 0xFFFF_FFFFL), abi.liftFlat(Primitive.U32, new long[]{-1}));
        assertEquals(new Bool(true), abi.liftFlat(Primitive.BOOL, new long[]{2}));
        assertEquals(new Bool(false), abi.liftFlat(Primitive.BOOL, new long[]{0x1_0000_0000L}));
        memory.bytes[100] = 7;
        assertEquals(new Bool(true), abi.load(100, Primitive.BOOL));
        // flags beyond the labels are dropped
        memory.bytes[101] = (byte) 0xFF;
        assertEquals(flags(0, 1, 2), abi.load(101, new FlagsType(List.of("a", "b", "c"))));
    }

    @Test
    void nansAreCanonical() {
        float nan = Float.intBitsToFloat(0x7fa00001);
        assertEquals(CanonicalAbi.CANONICAL_F32_NAN, Float.floatToRawIntBits(((F32) abi.liftFlat(Primitive.F32, new long[]{0x7fa00001})).value()));
        assertArrayEquals(new long[]{CanonicalAbi.CANONICAL_F32_NAN}, abi.lowerFlat(new F32(nan), Primitive.F32));
        abi.store(new F64(Double.longBitsToDouble(0xfff0000000000001L)), Primitive.F64, 0);
        assertEquals(CanonicalAbi.CANONICAL_F64_NAN, Double.doubleToRawLongBits(((F64) abi.load(0, Primitive.F64)).value()));
        Arrays.fill(memory.bytes, 8, 16, (byte) 0xFF);
        assertEquals(CanonicalAbi.CANONICAL_F64_NAN, Double.doubleToRawLongBits(((F64) abi.load(8, Primitive.F64)).value()));
    }

    private void assertTrap(String fragment, Runnable r) {
        AbiTrap trap = assertThrows(AbiTrap.class, r::run);
        assertTrue(trap.getMessage().contains(fragment), trap.getMessage());
    }

    private void putInt(int ptr, int value) {
        for (int b = 0; b < 4; b++) {
            memory.bytes[ptr + b] = (byte) (value >>> (8 * b));
        }
    }

    @Test
    void misalignedAndOutOfBounds() {
        assertTrap("misaligned", () -> abi.load(2, Primitive.U32));
        assertTrap("misaligned", () -> abi.store(i(Primitive.U64, 1), Primitive.U64, 4));
        assertTrap("misaligned", () -> abi.load(1, new ResultType(null, STREAM_ERROR)));
        assertTrap("out of bounds", () -> abi.load(4096, Primitive.U32));
        assertTrap("out of bounds", () -> abi.load(4094, new TupleType(List.of(Primitive.U16, Primitive.U16))));
        assertTrap("out of bounds", () -> abi.load(-4, Primitive.U32));
        assertTrap("out of bounds", () -> abi.store(new Bool(true), Primitive.BOOL, 4096));
        // a list's elements misaligned or beyond the memory
        putInt(0, 2);
        putInt(4, 1);
        assertTrap("misaligned", () -> abi.load(0, new ListType(Primitive.U32)));
        assertTrap("misaligned", () -> abi.liftFlat(new ListType(Primitive.U16), new long[]{1, 1}));
        assertTrap("out of bounds", () -> abi.liftFlat(new ListType(Primitive.U32), new long[]{4092, 2}));
        assertTrap("out of bounds", () -> abi.liftFlat(new ListType(Primitive.U64), new long[]{8, 0xFFFF_FFFFL}));
        assertTrap("out of bounds", () -> abi.liftFlat(Primitive.STRING, new long[]{4000, 97}));
        // realloc's answers are checked too
        memory.forcedPointer = 2;
        assertTrap("misaligned", () -> abi.lowerFlat(new ListValue(List.of(i(Primitive.U32, 1))), new ListType(Primitive.U32)));
        memory.forcedPointer = 4094;
        assertTrap("out of bounds", () -> abi.lowerFlat(new Str("abc"), Primitive.STRING));
    }

    @Test
    void invalidUtf8() {
        for (byte[] bad : new byte[][]{{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            System.arraycopy(bad, 0, memory.bytes, 200, bad.length);
            assertTrap("invalid UTF-8", () -> abi.liftFlat(Primitive.STRING, new long[]{200, bad.length}));
        }
        memory.bytes[300] = 'o';
        memory.bytes[301] = 'k';
        putInt(8, 300);
        putInt(12, 2);
        assertEquals(new Str("ok"), abi.load(8, Primitive.STRING));
        memory.bytes[301] = (byte) 0x80;
        assertTrap("invalid UTF-8", () -> abi.load(8, Primitive.STRING));
    }

    @Test
    void invalidDiscriminants() {
        memory.bytes[0] = 2;
        assertTrap("invalid discriminant 2", () -> abi.load(0, new OptionType(Primitive.U8)));
        memory.bytes[0] = 3;
        assertTrap("invalid discriminant 3", () -> abi.load(0, new EnumType(List.of("a", "b", "c"))));
        putInt(4, 0);
        memory.bytes[4] = 1;
        memory.bytes[8] = 2;
        assertTrap("invalid discriminant 2", () -> abi.load(4, new ResultType(null, STREAM_ERROR)));
        assertTrap("invalid discriminant 5", () -> abi.liftFlat(MIXED, new long[]{5, 0, 0}));
        assertTrap("invalid discriminant 4294967295", () -> abi.liftFlat(MIXED, new long[]{-1, 0, 0}));
    }

    @Test
    void invalidChars() {
        for (int bad : new int[]{0xD800, 0xDFFF, 0x110000, -1}) {
            assertTrap("invalid char", () -> abi.liftFlat(Primitive.CHAR, new long[]{bad & 0xFFFF_FFFFL}));
            putInt(0, bad);
            assertTrap("invalid char", () -> abi.load(0, Primitive.CHAR));
        }
    }

    @Test
    void hostValuesMustFitTheirTypes() {
        assertThrows(IllegalArgumentException.class, () -> new Int(Primitive.U8, 256));
        assertThrows(IllegalArgumentException.class, () -> new Int(Primitive.S32, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> new Int(Primitive.STRING, 0));
        assertThrows(IllegalArgumentException.class, () -> new Char(0xD800));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(i(Primitive.U16, 1), Primitive.U32));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(new Bool(true), Primitive.U32));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(new VariantValue(2), new OptionType(Primitive.U8)));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(new VariantValue(1), new OptionType(Primitive.U8)));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(flags(3), new FlagsType(List.of("a", "b", "c"))));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(new RecordValue(List.of()), POINT));
        assertThrows(IllegalArgumentException.class, () -> abi.lowerFlat(new Str("\uD800"), Primitive.STRING));
        assertThrows(IllegalArgumentException.class, () -> abi.liftFlat(Primitive.STRING, new long[]{0}));
    }
}
