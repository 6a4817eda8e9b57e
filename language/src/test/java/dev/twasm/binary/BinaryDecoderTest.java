package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.CustomSection;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.GlobalType;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Names;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.twasm.binary.TestBytes.code;
import static dev.twasm.binary.TestBytes.concat;
import static dev.twasm.binary.TestBytes.custom;
import static dev.twasm.binary.TestBytes.hex;
import static dev.twasm.binary.TestBytes.module;
import static dev.twasm.binary.TestBytes.section;
import static dev.twasm.binary.TestBytes.typeAndFunctions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryDecoderTest {
    private static final ValType I32 = ValType.I32;

    private static MalformedModuleException malformed(byte[] bytes) {
        return assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(bytes));
    }

    private static void assertMalformed(String reason, byte[] bytes) {
        assertEquals(reason, malformed(bytes).reason());
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A module with one function {@code [] -> []} whose locals and body are {@code localsAndBody}. */
    private static byte[] function(String localsAndBody) {
        return module(typeAndFunctions(1), section(10, "01" + code(localsAndBody)));
    }

    @Nested
    class Header {
        @Test
        void emptyModule() {
            Module m = BinaryDecoder.decode(module());
            assertTrue(m.types().isEmpty() && m.imports().isEmpty() && m.functions().isEmpty() && m.customSections().isEmpty());
            assertFalse(m.start().isPresent());
            assertFalse(m.dataCount().isPresent());
            assertEquals(Names.NONE, m.names());
        }

        @Test
        void magicAndVersion() {
            assertMalformed("magic header not detected", hex("00 61 73 6e 01 00 00 00"));
            assertMalformed("unknown binary version", hex("00 61 73 6d 02 00 00 00"));
            assertMalformed("unknown binary version", hex("00 61 73 6d 01 00 00 01"));
            // a component: the same magic, version 0x0d and layer 1; the error says what the file is
            assertTrue(malformed(hex("00 61 73 6d 0d 00 01 00")).reason().startsWith("unknown binary version: this is a WebAssembly component"));
            assertTrue(malformed(hex("00 61 73")).reason().startsWith("unexpected end"));
            assertTrue(malformed(hex("")).reason().startsWith("unexpected end"));
        }
    }

    @Nested
    class Sections {
        @Test
        void malformedSectionId() {
            assertMalformed("malformed section id", module(hex("0d 00")));
            assertMalformed("malformed section id", module(hex("80 00")));
        }

        @ParameterizedTest
        @CsvSource({
            "01, 01", // type twice
            "02, 01", // type after import
            "0a, 0c", // data count after code
            "0b, 0a", // code after data
            "09, 08", // start after element
        })
        void sectionsOutOfOrderOrRepeated(String first, String second) {
            byte[] a = section(Integer.parseInt(first, 16), "00");
            byte[] b = section(Integer.parseInt(second, 16), "00");
            assertMalformed("unexpected content after last section", module(a, b));
        }

        @Test
        void dataCountComesBetweenElementAndCode() {
            Module m = BinaryDecoder.decode(module(section(9, "00"), section(12, "00"), section(10, "00"), section(11, "00")));
            assertEquals(0, m.dataCount().getAsInt());
        }

        @Test
        void customSectionsAnywhereAndKept() {
            Module m = BinaryDecoder.decode(module(custom("a", hex("01")), section(1, "00"), custom("b", hex("")), custom("a", hex("0203"))));
            List<CustomSection> customs = m.customSections();
            assertEquals(List.of("a", "b", "a"), customs.stream().map(CustomSection::name).toList());
            assertArrayEquals(hex("0203"), customs.get(2).contents());
        }

        @Test
        void sizeMismatch() {
            // a type section declaring one type but holding two
            assertMalformed("section size mismatch", module(section(1, "01 60 00 00 60 00 00")));
            // a memory section declaring 4 bytes of content that holds 3
            assertMalformed("section size mismatch", module(hex("05 04 01 00 00 00")));
        }

        @Test
        void sectionLongerThanTheModule() {
            assertMalformed("length out of bounds", module(hex("01 10 00")));
        }

        @Test
        void truncatedContents() {
            assertMalformed("unexpected end of section or function", module(hex("05 01 01")));
        }

        @Test
        void customSectionNameMustBeUtf8AndFitTheSection() {
            assertMalformed("malformed UTF-8 encoding", module(section(0, "02 c0 80")));
            // the name runs past the declared size
            assertMalformed("unexpected end of section or function", module(hex("00 01 03 61 62 63")));
            assertMalformed("unexpected end of section or function", module(hex("00 00")));
        }
    }

    @Nested
    class TypesAndGlobals {
        @Test
        void functionTypes() {
            Module m = BinaryDecoder.decode(module(section(1, "03 60 00 00 60 02 7f 7e 01 7d 60 01 7b 02 70 6f")));
            assertEquals(List.of(FuncType.EMPTY, new FuncType(new ValType[]{I32, ValType.I64}, new ValType[]{ValType.F32}),
                            new FuncType(new ValType[]{ValType.V128}, new ValType[]{ValType.FUNCREF, ValType.EXTERNREF})), m.types().stream().map(dev.twasm.model.SubType::composite).toList());
        }

        @Test
        void malformedFunctionTypeAndValueType() {
            assertMalformed("malformed function type", module(section(1, "01 61 00 00")));
            assertMalformed("malformed value type", module(section(1, "01 60 01 7a 00")));
            assertMalformed("integer representation too long", module(section(1, "01 60 01 ff 00")));
        }

        @Test
        void limits() {
            Module m = BinaryDecoder.decode(module(section(4, "02 70 00 05 6f 01 00 ff ff ff ff 0f"), section(5, "02 00 01 01 02 03")));
            assertEquals(List.of(new TableType(ValType.FUNCREF, new Limits(5, Limits.NO_MAX)),
                            new TableType(ValType.EXTERNREF, new Limits(0, 0xFFFF_FFFFL))), m.tables());
            assertEquals(List.of(new MemoryType(new Limits(1, Limits.NO_MAX)), new MemoryType(new Limits(2, 3))), m.memories());
        }

        @Test
        void malformedLimitsAndTableTypes() {
            assertMalformed("integer too large", module(section(5, "01 02 00")));
            assertMalformed("integer too large", module(section(5, "01 03 00 00")));
            assertMalformed("integer representation too long", module(section(5, "01 81 00 00")));
            assertMalformed("malformed reference type", module(section(4, "01 7f 00 00")));
        }

        @Test
        void globals() {
            Module m = BinaryDecoder.decode(module(section(6, "02 7f 00 41 2a 0b 7e 01 42 00 0b")));
            assertEquals(new GlobalType(I32, false), m.globals().get(0).type());
            assertEquals(new GlobalType(ValType.I64, true), m.globals().get(1).type());
            assertEquals("412a0b", hexOf(m.globals().get(0).init().code()));
            assertEquals(13, m.globals().get(0).init().moduleOffset());
            assertMalformed("malformed mutability", module(section(6, "01 7f 02 41 00 0b")));
        }

        @Test
        void globalInitializerIsReadUpToItsEndWhateverItHolds() {
            // constness is the validator's concern; nesting is followed
            Module m = BinaryDecoder.decode(module(section(6, "01 7f 00 02 40 0b 41 01 41 02 6a 0b")));
            assertEquals("0240 0b 4101 4102 6a 0b".replace(" ", ""), hexOf(m.globals().get(0).init().code()));
        }
    }

    @Nested
    class ImportsAndExports {
        @Test
        void importsOfEachKind() {
            Module m = BinaryDecoder.decode(module(section(1, "01 60 00 00"),
                            section(2, "04 01 6d 01 66 00 00  01 6d 01 74 01 70 00 01  01 6d 01 6d 02 01 01 02  01 6d 01 67 03 7d 01")));
            assertEquals(List.of(new ImportDesc.Func(0), new ImportDesc.Table(new TableType(ValType.FUNCREF, new Limits(1, Limits.NO_MAX))),
                            new ImportDesc.Memory(new MemoryType(new Limits(1, 2))), new ImportDesc.Global(new GlobalType(ValType.F32, true))),
                            m.imports().stream().map(i -> i.desc()).toList());
            assertEquals("m", m.imports().get(0).module());
            assertEquals("f", m.imports().get(0).name());
            assertEquals(1, m.importedFunctionCount());
        }

        @Test
        void malformedImports() {
            assertMalformed("malformed import kind", module(section(2, "01 00 00 04")));
            assertMalformed("malformed UTF-8 encoding", module(section(2, "01 01 ff 00 00 00")));
            assertMalformed("length out of bounds", module(section(2, "01 05 61")));
        }

        @Test
        void exports() {
            Module m = BinaryDecoder.decode(module(section(7, "04 01 61 00 00 01 62 01 01 01 63 02 02 01 64 03 ff ff ff ff 0f")));
            assertEquals(List.of(new Export("a", ExternKind.FUNC, 0), new Export("b", ExternKind.TABLE, 1),
                            new Export("c", ExternKind.MEMORY, 2), new Export("d", ExternKind.GLOBAL, Integer.MAX_VALUE)), m.exports());
            assertMalformed("malformed export kind", module(section(7, "01 01 61 04 00")));
        }

        @Test
        void start() {
            assertEquals(3, BinaryDecoder.decode(module(section(8, "03"))).start().getAsInt());
        }
    }

    @Nested
    class Code {
        @Test
        void functionsCombineTypeIndicesWithLocalsAndBodies() {
            byte[] bytes = module(section(1, "02 60 00 00 60 01 7f 00"), section(3, "02 01 00"),
                            section(10, "02" + code("02 02 7f 01 7e 20 00 1a 0b") + code("00 0b")));
            Module m = BinaryDecoder.decode(bytes);
            Function f = m.functions().get(0);
            assertEquals(1, f.typeIndex());
            assertArrayEquals(new ValType[]{I32, I32, ValType.I64}, f.locals());
            assertEquals("20001a0b", hexOf(f.body().code()));
            assertEquals("20001a0b", hexOf(Arrays.copyOfRange(bytes, f.body().moduleOffset(), f.body().moduleOffset() + 4)));
            assertEquals(0, m.functions().get(1).typeIndex());
            assertEquals(0, m.functions().get(1).locals().length);
            assertEquals("0b", hexOf(m.functions().get(1).body().code()));
        }

        @Test
        void inconsistentFunctionAndCodeSections() {
            assertMalformed("function and code section have inconsistent lengths", module(typeAndFunctions(2), section(10, "01" + code("00 0b"))));
            assertMalformed("function and code section have inconsistent lengths", module(section(10, "01" + code("00 0b"))));
            assertMalformed("function and code section have inconsistent lengths", module(typeAndFunctions(1)));
        }

        @Test
        void localsLimit() {
            assertEquals(BinaryDecoder.MAX_LOCALS, BinaryDecoder.decode(function("02 cf 86 03 7f 01 7e 0b")).functions().get(0).locals().length);
            assertMalformed("too many locals", function("02 cf 86 03 7f 02 7e 0b"));
            assertMalformed("too many locals", function("02 ff ff ff ff 0f 7f ff ff ff ff 0f 7e 0b"));
            assertMalformed("integer too large", function("01 80 80 80 80 10 7f 0b"));
            assertMalformed("malformed value type", function("01 01 40 0b"));
        }

        @Test
        void structuredInstructionsNest() {
            // block (loop (result i32) i32.const 1 end) drop i32.const 0 if nop else nop end end end
            String body = "02 40 03 7f 41 01 0b 1a 41 00 04 40 01 05 01 0b 0b 0b";
            Module m = BinaryDecoder.decode(function("00" + body));
            assertEquals(body.replace(" ", ""), hexOf(m.functions().get(0).body().code()));
        }

        @ParameterizedTest
        @CsvSource({
            // illegal opcodes, single, 0xFC-prefixed and 0xFD-prefixed (154 is unassigned)
            "'00 06 0b', illegal opcode 06",
            "'00 fc 12 0b', illegal opcode fc 12",
            "'00 fd 9a 01 0b', illegal opcode fd 9a",
            // else outside if, and a second else
            "'00 05 0b', END opcode expected",
            "'00 02 40 05 0b 0b', END opcode expected",
            "'00 41 00 04 40 05 05 0b 0b', END opcode expected",
            // Wasm 2.0 reserved memory index bytes
            "'00 3f 01 1a 0b', zero byte expected",
            "'00 41 00 40 80 00 1a 0b', zero byte expected",
            "'00 41 00 41 00 41 00 fc 0a 00 01 0b', zero byte expected",
            // alignment exponents of 32 and more
            "'00 41 00 28 20 00 1a 0b', malformed memop flags",
            "'00 41 00 28 40 00 1a 0b', malformed memop flags",
            "'00 d0 7f 1a 0b', malformed reference type",
            "'00 1c 01 7a 0b', malformed value type",
            "'00 0e ff ff ff ff 0f 00 0b', length out of bounds",
            "'00 42 80 80 80 80 80 80 80 80 80 7e 0b', integer too large",
        })
        void malformedCode(String body, String reason) {
            assertMalformed(reason, function(body));
        }

        @Test
        void missingEndOrBytesAfterIt() {
            // the body's end is missing: decoding runs into the next function's bytes
            assertMalformed("END opcode expected", module(typeAndFunctions(2), hex("0a 0c 02 04 00 41 01 1a 05 00 41 01 1a 0b")));
            // ... or off the end of the module
            assertMalformed("unexpected end of section or function", module(typeAndFunctions(1), hex("0a 05 01 03 00 41 01")));
            // bytes after the final end
            assertMalformed("section size mismatch", function("00 0b 01"));
            // nested block left open
            assertMalformed("unexpected end of section or function", module(typeAndFunctions(1), hex("0a 06 01 04 00 02 40 0b")));
        }

        @Test
        void multiValueBlockTypeIndex() {
            Module m = BinaryDecoder.decode(function("00 02 00 0b 02 80 01 0b 0b"));
            assertEquals("0200 0b 028001 0b 0b".replace(" ", ""), hexOf(m.functions().get(0).body().code()));
        }

        @Test
        void dataCountRequiredForDataIndices() {
            byte[] memoryInit = function("00 41 00 41 00 41 00 fc 08 00 00 0b");
            assertMalformed("data count section required", concat(memoryInit, section(11, "01 01 00")));
            assertMalformed("data count section required", function("00 fc 09 00 0b"));
            byte[] withCount = module(typeAndFunctions(1), section(5, "01 00 01"), section(12, "01"),
                            section(10, "01" + code("00 fc 09 00 0b")), section(11, "01 01 00"));
            assertEquals(1, BinaryDecoder.decode(withCount).dataCount().getAsInt());
        }
    }

    @Nested
    class Segments {
        private ElemSegment elem(String segmentHex) {
            return BinaryDecoder.decode(module(section(9, "01 " + segmentHex))).elems().get(0);
        }

        private static List<String> items(ElemSegment e) {
            return Arrays.stream(e.items()).map(item -> hexOf(item.code())).toList();
        }

        @Test
        void functionIndexEncodingsBecomeRefFuncExpressions() {
            ElemSegment e0 = elem("00 41 01 0b 02 00 80 01");
            assertEquals(SegmentMode.ACTIVE, e0.mode());
            assertEquals(ElemSegment.FUNCTION_INDICES, e0.elemType(), "function indices are (ref func) in Wasm 3.0");
            assertEquals(0, e0.tableIndex());
            assertEquals("41010b", hexOf(e0.offset().code()));
            assertEquals(List.of("d2000b", "d280010b"), items(e0));

            ElemSegment e1 = elem("01 00 01 05");
            assertEquals(SegmentMode.PASSIVE, e1.mode());
            assertNull(e1.offset());
            assertEquals(List.of("d2050b"), items(e1));

            ElemSegment e2 = elem("02 03 41 00 0b 00 01 07");
            assertEquals(SegmentMode.ACTIVE, e2.mode());
            assertEquals(3, e2.tableIndex());
            assertEquals(List.of("d2070b"), items(e2));

            ElemSegment e3 = elem("03 00 00");
            assertEquals(SegmentMode.DECLARATIVE, e3.mode());
            assertEquals(List.of(), items(e3));
        }

        @Test
        void expressionEncodings() {
            ElemSegment e4 = elem("04 41 00 0b 02 d2 00 0b d0 70 0b");
            assertEquals(SegmentMode.ACTIVE, e4.mode());
            assertEquals(ValType.FUNCREF, e4.elemType());
            assertEquals(List.of("d2000b", "d0700b"), items(e4));

            ElemSegment e5 = elem("05 6f 01 d0 6f 0b");
            assertEquals(SegmentMode.PASSIVE, e5.mode());
            assertEquals(ValType.EXTERNREF, e5.elemType());

            ElemSegment e6 = elem("06 02 41 00 0b 70 01 23 00 0b");
            assertEquals(2, e6.tableIndex());
            assertEquals(List.of("23000b"), items(e6));

            ElemSegment e7 = elem("07 70 00");
            assertEquals(SegmentMode.DECLARATIVE, e7.mode());
        }

        @Test
        void malformedElementSegments() {
            assertMalformed("malformed elements segment kind", module(section(9, "01 08")));
            assertMalformed("malformed element kind", module(section(9, "01 01 01 00")));
            assertMalformed("malformed reference type", module(section(9, "01 05 7f 00")));
            assertMalformed("illegal opcode f3", module(section(9, "01 05 70 01 f3 00 0b")));
        }

        @Test
        void dataSegments() {
            Module m = BinaryDecoder.decode(module(section(11, "03 00 41 08 0b 02 61 62  01 01 63  02 01 41 00 0b 00")));
            List<DataSegment> d = m.datas();
            assertEquals(SegmentMode.ACTIVE, d.get(0).mode());
            assertEquals("41080b", hexOf(d.get(0).offset().code()));
            assertArrayEquals("ab".getBytes(), d.get(0).bytes());
            assertEquals(SegmentMode.PASSIVE, d.get(1).mode());
            assertNull(d.get(1).offset());
            assertEquals(1, d.get(2).memoryIndex());
            assertEquals(0, d.get(2).bytes().length);
        }

        @Test
        void malformedDataSegments() {
            assertMalformed("malformed data segment kind", module(section(11, "01 03")));
            assertMalformed("data count and data section have inconsistent lengths", module(section(12, "02"), section(11, "01 01 00")));
            assertMalformed("data count and data section have inconsistent lengths", module(section(12, "01")));
            assertMalformed("unexpected end of section or function", module(hex("0b 07 01 00 41 00 0b 02 61")));
        }
    }

    @Nested
    class NameSection {
        private Names names(String contentsHex) {
            return BinaryDecoder.decode(module(custom("name", hex(contentsHex)))).names();
        }

        @Test
        void moduleFunctionAndLocalNames() {
            Names n = names("00 04 03 6d 6f 64  01 07 02 00 01 66 02 01 67  02 09 01 00 02 00 01 61 01 01 62");
            assertEquals("mod", n.moduleName());
            assertEquals(Map.of(0, "f", 2, "g"), n.functionNames());
            assertEquals(Map.of(0, Map.of(0, "a", 1, "b")), n.localNames());
        }

        @Test
        void unknownSubsectionsAreSkipped() {
            assertEquals(Map.of(1, "f"), names("01 04 01 01 01 66  07 02 aa bb").functionNames());
        }

        @Test
        void brokenNameSectionsAreIgnored() {
            for (String broken : List.of("01 04 01 01 01", "01 05 02 01 01 66 00", "00 02 01 ff", "01 07 02 01 01 66 01 01 67",
                            "01 01 00 00 01 00", "01 ff")) {
                Module m = BinaryDecoder.decode(module(custom("name", hex(broken))));
                assertEquals(Names.NONE, m.names(), broken);
                assertEquals(1, m.customSections().size());
            }
        }
    }

    @Nested
    class Robustness {
        @Test
        void lyingCountsDoNotAllocate() {
            assertMalformed("length out of bounds", module(hex("01 06 ff ff ff ff 0f 60")));
            assertMalformed("length out of bounds", module(hex("0b 06 01 01 ff ff ff 0f")));
            assertMalformed("length out of bounds", function("ff ff ff ff 0f 7f 0b"));
        }

        @Test
        void deepNestingDoesNotRecurse() {
            int depth = 1_000_000;
            BinaryOutput body = new BinaryOutput(3 * depth);
            body.writeByte(0);
            for (int i = 0; i < depth; i++) {
                body.writeByte(0x02).writeByte(0x40);
            }
            for (int i = 0; i <= depth; i++) {
                body.writeByte(0x0b);
            }
            BinaryOutput codeSection = new BinaryOutput().writeU32(1).writeSized(body);
            byte[] bytes = module(typeAndFunctions(1), section(10, codeSection.toByteArray()));
            assertEquals(3 * depth + 1, BinaryDecoder.decode(bytes).functions().get(0).body().code().length);
        }

        @Test
        void arbitraryBytesOnlyEverFailAsMalformed() {
            java.util.Random random = new java.util.Random(42);
            byte[] seed = module(section(1, "02 60 01 7f 01 7f 60 00 00"), section(2, "01 01 6d 01 66 00 01"), section(3, "01 00"),
                            section(4, "01 70 00 01"), section(5, "01 01 01 02"), section(6, "01 7f 01 41 00 0b"),
                            section(7, "01 01 65 00 01"), section(9, "01 00 41 00 0b 01 01"), section(12, "01"),
                            section(10, "01" + code("01 01 7f 20 00 04 7f 41 01 05 41 02 0b 28 02 00 0b")),
                            section(11, "01 01 02 61 62"), custom("name", hex("01 04 01 01 01 66")));
            BinaryDecoder.decode(seed);
            for (int round = 0; round < 20_000; round++) {
                byte[] mutated = mutate(seed, random);
                try {
                    BinaryDecoder.decode(mutated);
                } catch (MalformedModuleException e) {
                    assertTrue(e.reason() != null && !e.reason().isEmpty());
                }
            }
        }

        private static byte[] mutate(byte[] seed, java.util.Random random) {
            byte[] bytes = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                int at = 8 + random.nextInt(bytes.length - 8);
                switch (random.nextInt(4)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                    case 2 -> bytes = Arrays.copyOf(bytes, at);
                    default -> bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x80);
                }
                if (bytes.length <= 8) {
                    break;
                }
            }
            return bytes;
        }
    }
}
