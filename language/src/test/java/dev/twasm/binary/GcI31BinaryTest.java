package dev.twasm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.text.WatParser;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The binary format of the first GC instructions (Wasm 3.0 §5.4.6): the {@code 0xFB} prefix and
 * u32 subopcode, {@code ref.eq} ({@code 0xD3}), the two opcodes each of {@code ref.test} and
 * {@code ref.cast} by nullability, the round trip text to binary and back, and a clear error for
 * the GC instructions not implemented yet.
 */
class GcI31BinaryTest {
    private static final String TEXT = """
                    (module
                      (global (ref i31) (ref.i31 (i32.const 1)))
                      (func (param anyref externref) (result i32)
                        (drop (i31.get_s (ref.i31 (i32.const 2))))
                        (drop (i31.get_u (ref.cast i31ref (local.get 0))))
                        (drop (ref.cast (ref eq) (local.get 0)))
                        (drop (ref.test anyref (any.convert_extern (local.get 1))))
                        (drop (ref.test (ref none) (local.get 0)))
                        (drop (extern.convert_any (local.get 0)))
                        (ref.eq (ref.null eq) (ref.null i31))))
                    """;

    @Test
    void opcodeTable() {
        assertEquals(Opcode.REF_I31, Opcode.fromGcSubopcode(0x1C));
        assertEquals(Opcode.REF_CAST_NULL, Opcode.fromGcSubopcode(0x17));
        assertEquals(Opcode.PREFIX_GC, Opcode.I31_GET_U.prefix());
        assertEquals(0x1E, Opcode.I31_GET_U.subopcode());
        assertEquals(Opcode.REF_TEST, Opcode.fromMnemonic("ref.test"));
        assertEquals(Opcode.STRUCT_NEW, Opcode.fromGcSubopcode(0x00));
        assertEquals(Opcode.BR_ON_CAST_FAIL, Opcode.fromGcSubopcode(0x19));
        assertEquals(null, Opcode.fromGcSubopcode(0x1F));
        assertTrue(Opcode.REF_EQ.isGc() && Opcode.ANY_CONVERT_EXTERN.isGc() && !Opcode.REF_IS_NULL.isGc());
    }

    @Test
    void roundTrip() {
        Module parsed = WatParser.parseModule(TEXT, Features.WASM_3_0);
        byte[] encoded = ModuleEncoder.encode(parsed);
        String hex = HexFormat.of().formatHex(encoded);
        assertTrue(hex.contains("fb1c" + "fb1d"), "ref.i31 i31.get_s: " + hex);
        assertTrue(hex.contains("fb176c" + "fb1e"), "ref.cast (ref null i31) i31.get_u: " + hex);
        assertTrue(hex.contains("fb166d"), "ref.cast (ref eq): " + hex);
        assertTrue(hex.contains("fb1a" + "fb156e"), "any.convert_extern ref.test (ref null any): " + hex);
        assertTrue(hex.contains("fb1471"), "ref.test (ref none): " + hex);
        assertTrue(hex.contains("fb1b"), "extern.convert_any: " + hex);
        assertTrue(hex.contains("d06d" + "d06c" + "d3"), "ref.null eq, ref.null i31, ref.eq: " + hex);
        Module decoded = BinaryDecoder.decode(encoded, Features.WASM_3_0);
        ModuleDescription.assertSameModule(parsed, decoded);
        assertArrayEquals(encoded, ModuleEncoder.encode(decoded), "encoding is stable");
    }

    @Test
    void unknownGcOpcodeIsMalformed() {
        byte[] unknown = HexFormat.of().parseHex("0061736d01000000" + "010401600000" + "03020100" + "0a07010500fb7f001a0b");
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(unknown, Features.WASM_3_0));
        assertTrue(e.getMessage().contains("illegal opcode fb 7f"), e.getMessage());
    }
}
