package dev.twasm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.HeapType;
import dev.twasm.model.Module;
import dev.twasm.model.ValType;
import dev.twasm.text.WatParser;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The binary format of typed function references (Wasm 3.0 §5.3.2): {@code 0x64 ht} and
 * {@code 0x63 ht}, heap types as signed 33-bit numbers, the one-byte shorthands, and the
 * opcodes that only {@code wasm.FunctionReferences} decodes.
 */
class TypedReferencesBinaryTest {
    private static final String TEXT = """
                    (module
                      (type $t (func (param (ref $t) (ref null func) nullfuncref) (result (ref extern))))
                      (type $u (func (result (ref null $t))))
                      (global (ref null $t) (ref.null $t))
                      (table 2 (ref null $t))
                      (table 1 (ref func) (ref.func 0))
                      (func (type $t) (local (ref null $u) (ref noextern))
                        (block (result (ref $t)) (ref.as_non_null (local.get 0)))
                        (drop (select (result (ref null $t)) (ref.null $t) (global.get 0) (i32.const 0)))
                        (unreachable))
                      (elem declare func 0))
                    """;

    @Test
    void referenceTypesRoundTrip() {
        Module parsed = WatParser.parseModule(TEXT, Features.WASM_3_0);
        ValType refT = ValType.ref(false, 0);
        assertEquals(refT, parsed.funcType(0).param(0));
        assertEquals(ValType.FUNCREF, parsed.funcType(0).param(1));
        assertEquals(ValType.NULLFUNCREF, parsed.funcType(0).param(2));
        assertEquals(ValType.ref(false, HeapType.EXTERN), parsed.funcType(0).result(0));
        assertEquals(ValType.ref(true, 0), parsed.globalType(0).valType());
        assertEquals(ValType.ref(false, HeapType.NOEXTERN), parsed.definedFunction(0).locals()[1]);

        byte[] encoded = ModuleEncoder.encode(parsed);
        String hex = HexFormat.of().formatHex(encoded);
        // (ref $t) is 0x64 0x00, (ref null func) the shorthand 0x70, (ref extern) 0x64 0x6f
        assertTrue(hex.contains("6003" + "6400" + "70" + "73" + "01" + "646f"), hex);
        Module decoded = BinaryDecoder.decode(encoded, Features.WASM_3_0);
        ModuleDescription.assertSameModule(parsed, decoded);
        assertEquals(refT, decoded.funcType(0).param(0));
        assertEquals(ValType.ref(true, 1), decoded.definedFunction(0).locals()[0]);
        assertTrue(java.util.Arrays.equals(encoded, ModuleEncoder.encode(decoded)), "encoding is stable");
    }

    @Test
    void heapTypesAreSigned33BitNumbers() {
        BinaryInput large = new BinaryInput(HexFormat.of().parseHex("63ff00"), 0, 3, 0);
        assertEquals(ValType.ref(true, 127), Types.readValType(large));
        BinaryInput abstractType = new BinaryInput(HexFormat.of().parseHex("6470"), 0, 2, 0);
        assertEquals(ValType.ref(false, HeapType.FUNC), Types.readValType(abstractType));
        BinaryInput bad = new BinaryInput(HexFormat.of().parseHex("647f"), 0, 2, 0);
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> Types.readValType(bad));
        assertTrue(e.reason().startsWith("malformed reference type"), e.reason());
    }

    @Test
    void newOpcodesNeedTheOption() {
        // (func (param funcref) (drop (ref.as_non_null (local.get 0))))
        byte[] module = HexFormat.of().parseHex("0061736d01000000" + "010501600170" + "00" + "030201" + "00"
                        + "0a08010600200 0d41a0b".replace(" ", ""));
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(module, Features.WASM_2_0));
        assertTrue(e.reason().startsWith("illegal opcode d4"), e.reason());
        BinaryDecoder.decode(module, Features.WASM_3_0);
    }
}
