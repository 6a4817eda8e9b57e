package dev.twasm.binary;

import dev.twasm.model.CustomSection;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Names;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.twasm.binary.ModuleDescription.assertSameModule;
import static dev.twasm.binary.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleEncoderTest {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private static Expr expr(String hex) {
        return new Expr(hex(hex), 0);
    }

    private static Module roundTrip(Module m) {
        return BinaryDecoder.decode(ModuleEncoder.encode(m));
    }

    /** The bytes of the section with id {@code id} in an encoded module (without id and size). */
    private static String sectionContents(byte[] module, int id) {
        BinaryInput in = new BinaryInput(module);
        in.skip(8);
        while (!in.atEnd()) {
            int sectionId = in.readByte();
            int size = in.readLength();
            byte[] contents = in.readBytes(size);
            if (sectionId == id) {
                return HexFormat.of().formatHex(contents);
            }
        }
        return null;
    }

    @Test
    void smallModuleEncodesAsExpected() {
        Module m = Module.builder()
                        .addType(new FuncType(new ValType[0], new ValType[]{I32}))
                        .addFunction(new Function(0, new ValType[0], expr("41 2a 0b")))
                        .addExport(new Export("f", ExternKind.FUNC, 0))
                        .build();
        assertArrayEquals(hex("0061736d 01000000  01 05 01 60 00 01 7f  03 02 01 00  07 05 01 01 66 00 00  0a 06 01 04 00 41 2a 0b"),
                        ModuleEncoder.encode(m));
    }

    @Test
    void everySectionRoundTrips() {
        Module m = Module.builder()
                        .addType(FuncType.EMPTY)
                        .addType(new FuncType(new ValType[]{I32, I64}, new ValType[]{ValType.F32, ValType.F64}))
                        .addImport(new Import("env", "f", new ImportDesc.Func(1)))
                        .addImport(new Import("env", "t", new ImportDesc.Table(new TableType(ValType.EXTERNREF, new Limits(1, 10)))))
                        .addImport(new Import("env", "m", new ImportDesc.Memory(new MemoryType(new Limits(1, Limits.NO_MAX)))))
                        .addImport(new Import("env", "g\u00e9", new ImportDesc.Global(new GlobalType(I64, true))))
                        .addFunction(new Function(0, new ValType[]{I32, I32, I64, I32}, expr("41 00 fc 09 00 1a 0b")))
                        .addFunction(new Function(1, new ValType[0], expr("20 00 20 01 1a 1a 43 00 00 80 3f 44 00 00 00 00 00 00 f0 3f 0b")))
                        .addTable(new TableType(ValType.FUNCREF, new Limits(2, 0xFFFF_FFFFL)))
                        .addMemory(new MemoryType(new Limits(0, 65536)))
                        .addGlobal(new Global(new GlobalType(ValType.FUNCREF, false), expr("d2 01 0b")))
                        .addExport(new Export("run", ExternKind.FUNC, 2))
                        .addExport(new Export("mem", ExternKind.MEMORY, 1))
                        .start(1)
                        .addElem(new ElemSegment(SegmentMode.ACTIVE, ValType.FUNCREF, 1, expr("41 00 0b"),
                                        new Expr[]{RefFuncItem.of(1, 0), RefFuncItem.of(2, 0)}))
                        .addElem(new ElemSegment(SegmentMode.PASSIVE, ValType.EXTERNREF, 0, null, new Expr[]{expr("d0 6f 0b")}))
                        .addElem(new ElemSegment(SegmentMode.DECLARATIVE, ValType.FUNCREF, 0, null, new Expr[]{RefFuncItem.of(200, 0)}))
                        .addData(new DataSegment(SegmentMode.ACTIVE, 0, expr("41 10 0b"), "hello".getBytes()))
                        .addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0]))
                        .addData(new DataSegment(SegmentMode.ACTIVE, 1, expr("23 00 0b"), new byte[]{1, 2, 3}))
                        .dataCount(3)
                        .addCustomSection(new CustomSection("producers", hex("00 01 02")))
                        .addCustomSection(new CustomSection("", new byte[0]))
                        .build();
        assertSameModule(m, roundTrip(m));
    }

    @Test
    void localsAreRunLengthEncoded() {
        Module m = Module.builder().addType(FuncType.EMPTY)
                        .addFunction(new Function(0, new ValType[]{I32, I32, I64, I32}, expr("0b"))).build();
        assertEquals("01" + "08" + "03 02 7f 01 7e 01 7f".replace(" ", "") + "0b", sectionContents(ModuleEncoder.encode(m), 10));
        assertSameModule(m, roundTrip(m));
    }

    @Test
    void elementSegmentsUseTheCompactEncodingWhenTheyCan() {
        Expr[] indices = {RefFuncItem.of(0, 0), RefFuncItem.of(300, 0)};
        Module m = Module.builder()
                        .addElem(new ElemSegment(SegmentMode.ACTIVE, ElemSegment.FUNCTION_INDICES, 0, expr("41 00 0b"), indices))
                        .addElem(new ElemSegment(SegmentMode.ACTIVE, ValType.FUNCREF, 0, expr("41 00 0b"), new Expr[]{expr("d2 80 00 0b")}))
                        .addElem(new ElemSegment(SegmentMode.PASSIVE, ElemSegment.FUNCTION_INDICES, 0, null, indices))
                        .addElem(new ElemSegment(SegmentMode.ACTIVE, ElemSegment.FUNCTION_INDICES, 2, expr("41 00 0b"), indices))
                        .addElem(new ElemSegment(SegmentMode.DECLARATIVE, ValType.FUNCREF, 0, null, new Expr[]{expr("d0 70 0b")}))
                        .addElem(new ElemSegment(SegmentMode.ACTIVE, ValType.EXTERNREF, 1, expr("41 00 0b"), new Expr[]{expr("d0 6f 0b")}))
                        .build();
        String expected = "06"
                        + "00 41000b 02 00 ac02" // flags 0: offset, function indices
                        + "04 41000b 01 d280000b" // flags 4: a padded index stays an expression, bytes kept
                        + "01 00 02 00 ac02" // flags 1: passive, elemkind, indices
                        + "02 02 41000b 00 02 00 ac02" // flags 2: table index, offset, elemkind, indices
                        + "07 70 01 d0700b" // flags 7: declarative, reftype, expressions
                        + "06 01 41000b 6f 01 d06f0b"; // flags 6: table index, offset, reftype, expressions
        assertEquals(expected.replace(" ", ""), sectionContents(ModuleEncoder.encode(m), 9));
        assertSameModule(m, roundTrip(m));
    }

    @Test
    void namesWithoutANameSectionAreWrittenAsOne() {
        Names names = new Names("mod", Map.of(0, "main", 3, "helper"), Map.of(0, Map.of(0, "x", 1, "y"), 3, Map.of()));
        Module m = Module.builder().addType(FuncType.EMPTY).addFunction(new Function(0, new ValType[0], expr("0b")))
                        .addCustomSection(new CustomSection("other", hex("aa"))).names(names).build();
        Module decoded = roundTrip(m);
        assertEquals(names, decoded.names());
        assertEquals(List.of("other", "name"), decoded.customSections().stream().map(CustomSection::name).toList());
    }

    @Test
    void anExistingNameSectionIsKeptAsItIs() {
        byte[] nameSection = hex("01 04 01 00 01 66");
        Module m = Module.builder().addCustomSection(new CustomSection("name", nameSection))
                        .names(new Names(null, Map.of(0, "f"), Map.of())).build();
        byte[] encoded = ModuleEncoder.encode(m);
        Module decoded = BinaryDecoder.decode(encoded);
        assertEquals(1, decoded.customSections().size());
        assertArrayEquals(nameSection, decoded.customSections().get(0).contents());
        assertEquals(Map.of(0, "f"), decoded.names().functionNames());
    }

    @Test
    void dataCountIsWrittenWhenCodeNeedsIt() {
        Module m = Module.builder().addType(FuncType.EMPTY).addMemory(new MemoryType(new Limits(1, Limits.NO_MAX)))
                        .addFunction(new Function(0, new ValType[0], expr("fc 09 00 0b")))
                        .addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[]{7}))
                        .build();
        Module decoded = roundTrip(m);
        assertEquals(1, decoded.dataCount().getAsInt());
        assertEquals("01", sectionContents(ModuleEncoder.encode(m), 12));
    }

    @Test
    void emptySectionsAreOmitted() {
        assertArrayEquals(hex(TestBytes.HEADER), ModuleEncoder.encode(Module.builder().build()));
        assertTrue(roundTrip(Module.builder().build()).customSections().isEmpty());
    }
}
