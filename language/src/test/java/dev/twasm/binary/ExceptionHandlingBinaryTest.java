package dev.twasm.binary;

import static dev.twasm.binary.ModuleDescription.assertSameModule;
import static dev.twasm.binary.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Features;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.text.WatParser;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The binary format of exception handling (Wasm 3.0): the tag section (id 13, between the memory
 * and global sections), tag imports and exports (kind 4), {@code exnref} (0x69) and the
 * instructions, decoded and encoded.
 */
class ExceptionHandlingBinaryTest {
    private static final String HEADER = "0061736d 01000000";
    /** Type section: {@code (func)} and {@code (func (param i32))}. */
    private static final String TYPES = "01 08 02 60 00 00 60 01 7f 00";

    private static MalformedModuleException malformed(String hex) {
        return assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(hex(hex), Features.WASM_3_0));
    }

    @Test
    void tagSectionImportsAndExportsDecode() {
        String module = HEADER + TYPES
                        + "02 08 01 01 6d 01 74 04 00 01" // import "m" "t" (tag (type 1))
                        + "0d 05 02 00 00 00 01" // two tags, of types 0 and 1
                        + "07 05 01 01 65 04 02"; // export "e" (tag 2)
        Module m = BinaryDecoder.decode(hex(module), Features.WASM_3_0);
        assertEquals(new ImportDesc.Tag(1), m.imports().get(0).desc());
        assertEquals(List.of(0, 1), m.tags());
        assertEquals(3, m.tagCount());
        assertEquals(1, m.importedTagCount());
        assertEquals(1, m.tagTypeIndex(0));
        assertEquals(0, m.tagTypeIndex(1));
        assertEquals(List.of(new Export("e", ExternKind.TAG, 2)), m.exports());
    }

    @Test
    void wasm2RulesCallTheEncodingsMalformed() {
        String tagSection = HEADER + TYPES + "0d 03 01 00 00";
        assertEquals("malformed section id", assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(hex(tagSection))).reason());
        String tagImport = HEADER + TYPES + "02 08 01 01 6d 01 74 04 00 01";
        assertEquals("malformed import kind", assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(hex(tagImport))).reason());
        for (String body : new String[] {"06 40 0b", "08 00", "0a", "1f 40 00 0b"}) {
            String module = HEADER + TYPES + "03 02 01 00 0a" + String.format("%02x 01 %02x 00 ", (body.length() + 1) / 3 + 4, (body.length() + 1) / 3 + 2) + body
                            + " 0b";
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(hex(module)), body);
            assertEquals("illegal opcode " + body.substring(0, 2), e.reason(), body);
        }
    }

    @Test
    void tagSectionComesBetweenMemoryAndGlobal() {
        BinaryDecoder.decode(hex(HEADER + TYPES + "05 03 01 00 00  0d 03 01 00 00  06 06 01 7f 00 41 00 0b"), Features.WASM_3_0);
        assertEquals("unexpected content after last section", malformed(HEADER + TYPES + "06 06 01 7f 00 41 00 0b  0d 03 01 00 00").reason());
        assertEquals("unexpected content after last section", malformed(HEADER + TYPES + "0d 03 01 00 00  05 03 01 00 00").reason());
    }

    @Test
    void malformedTagsAndCatchClauses() {
        assertTrue(malformed(HEADER + TYPES + "0d 03 01 01 00").reason().startsWith("malformed tag attribute"));
        // (func (try_table (catch_kind 4 ...)))
        assertTrue(malformed(HEADER + TYPES + "03 02 01 00  0a 09 01 07 00 1f 40 01 04 00 0b 0b").reason().startsWith("malformed catch clause"));
        assertTrue(malformed(HEADER + TYPES + "02 08 01 01 6d 01 74 05 00 00").reason().startsWith("malformed import kind"));
    }

    @Test
    void instructionsDecodeWithTheirImmediates() {
        // try_table (result exnref) (catch 0 1) (catch_ref 0 1) (catch_all 0) (catch_all_ref 2)
        byte[] code = hex("1f 69 04 00 00 01 01 00 01 02 00 03 02 0b  08 00  0a  06 40 07 00 19 09 00 0b  06 40 18 00  09 02 0b");
        CodeReader r = new CodeReader(code, 0, code.length, 0);
        assertEquals(Opcode.TRY_TABLE, r.next());
        assertEquals(ValType.EXNREF, ((dev.twasm.model.BlockType.Value) r.blockType()).result());
        assertArrayEquals(new Opcode.CatchKind[] {Opcode.CatchKind.CATCH, Opcode.CatchKind.CATCH_REF, Opcode.CatchKind.CATCH_ALL,
                        Opcode.CatchKind.CATCH_ALL_REF}, r.catchKinds());
        assertArrayEquals(new int[] {0, 0, -1, -1}, r.catchTags());
        assertArrayEquals(new int[] {1, 1, 0, 2}, r.labels());
        assertEquals(Opcode.END, r.next());
        assertEquals(Opcode.THROW, r.next());
        assertEquals(0, r.index());
        assertEquals(Opcode.THROW_REF, r.next());
        assertEquals(Opcode.TRY, r.next());
        assertEquals(Opcode.CATCH, r.next());
        assertEquals(Opcode.CATCH_ALL, r.next());
        assertEquals(Opcode.RETHROW, r.next());
        assertEquals(Opcode.END, r.next());
        assertEquals(Opcode.TRY, r.next());
        assertEquals(Opcode.DELEGATE, r.next());
        assertEquals(0, r.index());
        assertEquals(Opcode.RETHROW, r.next());
        assertEquals(2, r.index());
    }

    @Test
    void textModulesRoundTripThroughTheBinaryFormat() {
        Module m = WatParser.parseModule("""
                        (module
                          (import "m" "i" (tag $i (param i64)))
                          (memory 1)
                          (tag $e (export "e") (param i32))
                          (tag $v)
                          (global $g (mut exnref) (ref.null exn))
                          (func (export "f") (param exnref) (result i32)
                            (block $none
                              (block $h (result i32 exnref)
                                (try_table (catch_ref $e $h) (catch_all $none)
                                  (throw $e (i32.const 1)))
                                (unreachable))
                              (drop)
                              (return))
                            (i32.const 0))
                          (func
                            (try (do (throw $v)) (catch $i (drop) (rethrow 0)) (catch_all))
                            (block $b (try (do (throw_ref (global.get $g))) (delegate $b)))))
                        """);
        byte[] encoded = ModuleEncoder.encode(m);
        Module decoded = BinaryDecoder.decode(encoded, Features.WASM_3_0);
        assertSameModule(m, decoded);
        assertArrayEquals(encoded, ModuleEncoder.encode(decoded));
        dev.twasm.validation.Validator.validate(decoded);
    }
}
