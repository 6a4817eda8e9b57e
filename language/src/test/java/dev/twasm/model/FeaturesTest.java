package dev.twasm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.CodeReader;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.text.WatParser;
import dev.twasm.validation.Validator;
import org.junit.jupiter.api.Test;

/**
 * The places where Wasm 3.0 changed what is valid and {@link Features} selects the rule: several
 * memories with memory indices on memory instructions, 64-bit offsets, alignments and limits, in
 * the text format, the binary format and validation.
 */
class FeaturesTest {
    private static final Features WASM_3_0 = Features.WASM_3_0;

    private static final String TWO_MEMORIES = """
                    (module (memory 1) (memory $m 1)
                      (func (param v128) (result v128)
                        (drop (i32.load $m offset=4 (i32.const 0)))
                        (v128.store8_lane 1 3 (i32.const 0) (local.get 0))
                        (v128.load8_lane 1 2 (i32.const 0) (local.get 0))))
                    """;

    @Test
    void multiMemoryIsWasm30Only() {
        assertThrows(InvalidModuleException.class, () -> Validator.validate(WatParser.parseModule("(module (memory 1) (memory 1))")));
        Validator.analyze(WatParser.parseModule("(module (memory 1) (memory 1))", WASM_3_0), WASM_3_0);
        // with Wasm 2.0's rules, "$m" after a load is not an immediate
        assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(TWO_MEMORIES));
    }

    @Test
    void memoryIndicesAreEncodedInTheMemargAndDecodedBack() {
        Module module = WatParser.parseModule(TWO_MEMORIES, WASM_3_0);
        Validator.analyze(module, WASM_3_0);
        byte[] binary = ModuleEncoder.encode(module);
        // bit 6 of the flags is a 3.0 encoding: malformed under 2.0's rules
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(binary));
        assertTrue(e.getMessage().contains("malformed memop flags"), e.getMessage());
        CodeReader reader = new CodeReader(BinaryDecoder.decode(binary, WASM_3_0).definedFunction(0).body());
        int[] memories = new int[3];
        int[] lanes = new int[3];
        int n = 0;
        while (reader.hasNext()) {
            Opcode op = reader.next();
            if (op.isMemoryAccess()) {
                memories[n] = reader.index();
                lanes[n++] = op.immediates() == Opcode.Immediates.MEMARG_LANE ? reader.lane() : -1;
            }
        }
        assertEquals(3, n);
        assertEquals(1, memories[0]); // $m
        assertEquals(1, memories[1]); // "1 3": memory 1, lane 3
        assertEquals(3, lanes[1]);
        assertEquals(1, memories[2]); // "1 2": memory 1, lane 2
        assertEquals(2, lanes[2]);
    }

    @Test
    void aLaneIndexAloneIsNotAMemoryIndex() {
        Module module = WatParser.parseModule("(module (memory 1) (func (param v128) (result v128) (v128.load16_lane 7 (i32.const 0) (local.get 0))))",
                        WASM_3_0);
        CodeReader reader = new CodeReader(module.definedFunction(0).body());
        reader.next();
        reader.next();
        assertEquals(Opcode.V128_LOAD16_LANE, reader.next());
        assertEquals(0, reader.index());
        assertEquals(7, reader.lane());
    }

    @Test
    void offsetsBeyond32BitsAreMalformedIn20AndInvalidIn30() {
        String text = "(module (memory 1) (func (drop (v128.load offset=4294967296 (i32.const 0)))))";
        MalformedModuleException malformed = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
        assertTrue(malformed.getMessage().contains("i32 constant"), malformed.getMessage());
        Module module = WatParser.parseModule(text, WASM_3_0);
        InvalidModuleException invalid = assertThrows(InvalidModuleException.class, () -> Validator.analyze(module, WASM_3_0));
        assertTrue(invalid.getMessage().contains("offset out of range"), invalid.getMessage());
        Validator.analyze(WatParser.parseModule("(module (memory 1) (func (drop (v128.load offset=4294967295 (i32.const 0)))))", WASM_3_0),
                        WASM_3_0);
    }

    @Test
    void memory64TypesAreEncodedWithTheirAddressTypeAndDecodedBack() {
        String text = "(module (memory i64 1 0x1_0000_0000_0000) (table i64 0 0xffff_ffff_ffff_ffff funcref) (memory 1 2) (table 3 funcref))";
        // 2.0's rules know no address type before the limits
        assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
        Module module = WatParser.parseModule(text, WASM_3_0);
        Validator.analyze(module, WASM_3_0);
        byte[] binary = ModuleEncoder.encode(module);
        Module decoded = BinaryDecoder.decode(binary, WASM_3_0);
        assertEquals(new MemoryType(AddressType.I64, new Limits(1, 1L << 48)), decoded.memories().get(0));
        assertEquals(new MemoryType(AddressType.I32, new Limits(1, 2)), decoded.memories().get(1));
        assertEquals(new TableType(AddressType.I64, ValType.FUNCREF, new Limits(0, -1L, true)), decoded.tables().get(0));
        assertEquals(new TableType(AddressType.I32, ValType.FUNCREF, new Limits(3, Limits.NO_MAX)), decoded.tables().get(1));
        // the i64 flag (bit 2) is a 3.0 encoding: "integer too large" for 2.0's 1-bit flag
        assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(binary));
    }

    @Test
    void memory64LimitsAreBoundedByTheAddressType() {
        InvalidModuleException tooLarge = assertThrows(InvalidModuleException.class,
                        () -> Validator.analyze(WatParser.parseModule("(module (memory i64 0x1_0000_0000_0001))", WASM_3_0), WASM_3_0));
        assertTrue(tooLarge.getMessage().contains("memory size"), tooLarge.getMessage());
        InvalidModuleException minAboveMax = assertThrows(InvalidModuleException.class,
                        () -> Validator.analyze(WatParser.parseModule("(module (table i64 0xffff_ffff_ffff_ffff 1 funcref))", WASM_3_0), WASM_3_0));
        assertTrue(minAboveMax.getMessage().contains("size minimum must not be greater than maximum"), minAboveMax.getMessage());
        InvalidModuleException address = assertThrows(InvalidModuleException.class,
                        () -> Validator.analyze(WatParser.parseModule("(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))", WASM_3_0),
                                        WASM_3_0));
        assertTrue(address.getMessage().contains("type mismatch"), address.getMessage());
    }

    /** The bytes of a module with header and the one section {@code id} holding {@code contents}. */
    private static byte[] moduleWithSection(int id, int... contents) {
        byte[] bytes = new byte[8 + 2 + contents.length];
        byte[] header = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
        System.arraycopy(header, 0, bytes, 0, 8);
        bytes[8] = (byte) id;
        bytes[9] = (byte) contents.length;
        for (int i = 0; i < contents.length; i++) {
            bytes[10 + i] = (byte) contents[i];
        }
        return bytes;
    }

    private static String malformed(byte[] binary, Features features) {
        return assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(binary, features)).getMessage();
    }

    @Test
    void limitsFlagsAreAByteIn30() {
        // one memory with flags 0x08: 2.0 reads a 1-bit LEB128, 3.0 a byte of known flags
        byte[] badFlags = moduleWithSection(5, 1, 0x08, 0x00);
        assertTrue(malformed(badFlags, Features.WASM_2_0).contains("integer too large"));
        assertTrue(malformed(badFlags, WASM_3_0).contains("malformed limits flags"));
        // 0x81 0x00 is flag 1 as a LEB128 in 2.0 (too long), no flag at all in 3.0
        byte[] lebFlags = moduleWithSection(5, 1, 0x81, 0x00, 0x00, 0x00);
        assertTrue(malformed(lebFlags, Features.WASM_2_0).contains("integer representation too long"));
        assertTrue(malformed(lebFlags, WASM_3_0).contains("malformed limits flags"));
        // flag 0x04 is a 64-bit memory in 3.0, the 1-bit LEB128's "integer too large" in 2.0
        byte[] memory64 = moduleWithSection(5, 1, 0x04, 0x00);
        assertTrue(malformed(memory64, Features.WASM_2_0).contains("integer too large"));
        assertEquals(AddressType.I64, BinaryDecoder.decode(memory64, WASM_3_0).memories().get(0).addressType());
    }

    @Test
    void limitsBeyond32BitsAreInvalidIn30() {
        // a memory of minimum 2^32 pages: a u64 in 3.0, which validation rejects
        byte[] binary = moduleWithSection(5, 1, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10);
        assertTrue(malformed(binary, Features.WASM_2_0).contains("integer too large"));
        Module module = BinaryDecoder.decode(binary, WASM_3_0);
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.analyze(module, WASM_3_0));
        assertTrue(e.getMessage().contains("memory size"), e.getMessage());
        // the same in the text format, for tables too
        assertThrows(MalformedModuleException.class, () -> WatParser.parseModule("(module (table 0x1_0000_0000 funcref))"));
        Module table = WatParser.parseModule("(module (table 0 0x1_0000_0000 funcref))", WASM_3_0);
        e = assertThrows(InvalidModuleException.class, () -> Validator.analyze(table, WASM_3_0));
        assertTrue(e.getMessage().contains("table size"), e.getMessage());
    }

    @Test
    void largeAlignmentsAreInvalidIn30() {
        String text = "(module (memory 1) (func (drop (i32.load align=0x1_0000_0000 (i32.const 0)))))";
        assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
        Module module = WatParser.parseModule(text, WASM_3_0);
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.analyze(module, WASM_3_0));
        assertTrue(e.getMessage().contains("alignment must not be larger than natural"), e.getMessage());
        // and in the binary format: flags 32 (align 2^32) are malformed in 2.0, too large an alignment in 3.0
        byte[] binary = ModuleEncoder.encode(module);
        assertTrue(malformed(binary, Features.WASM_2_0).contains("malformed memop flags"));
        e = assertThrows(InvalidModuleException.class, () -> Validator.analyze(BinaryDecoder.decode(binary, WASM_3_0), WASM_3_0));
        assertTrue(e.getMessage().contains("alignment must not be larger than natural"), e.getMessage());
    }

    @Test
    void tableInitializersAreEncodedAndDecodedBack() {
        String text = "(module (func $f) (table 3 funcref (ref.func $f)) (table 2 externref) (elem declare func $f))";
        Module module = WatParser.parseModule(text, WASM_3_0);
        Validator.analyze(module, WASM_3_0);
        byte[] binary = ModuleEncoder.encode(module);
        Module decoded = BinaryDecoder.decode(binary, WASM_3_0);
        assertEquals(2, decoded.tables().size());
        assertTrue(decoded.tableInit(0) != null, "the first table keeps its initializer");
        assertEquals(null, decoded.tableInit(1));
        assertEquals(java.util.Arrays.toString(module.tableInit(0).code()), java.util.Arrays.toString(decoded.tableInit(0).code()));
        // an initializer sees only imported globals, and must have the table's element type
        InvalidModuleException unknown = assertThrows(InvalidModuleException.class, () -> Validator.analyze(
                        WatParser.parseModule("(module (global $g funcref (ref.null func)) (table 1 funcref (global.get $g)))", WASM_3_0), WASM_3_0));
        assertTrue(unknown.getMessage().contains("unknown global"), unknown.getMessage());
        InvalidModuleException mismatch = assertThrows(InvalidModuleException.class,
                        () -> Validator.analyze(WatParser.parseModule("(module (table 1 externref (ref.null func)))", WASM_3_0), WASM_3_0));
        assertTrue(mismatch.getMessage().contains("type mismatch"), mismatch.getMessage());
    }

    @Test
    void constantExpressionsEndWithTheirSectionIn30() {
        // a global whose initializer has no end: 2.0 reads on into the next section's id (0x0a)
        byte[] binary = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
                        0x06, 0x05, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
        assertTrue(malformed(binary, Features.WASM_2_0).contains("illegal opcode"));
        assertTrue(malformed(binary, WASM_3_0).contains("unexpected end of section or function"));
    }
}
