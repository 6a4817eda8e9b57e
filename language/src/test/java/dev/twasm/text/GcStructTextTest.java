package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.Features;
import dev.twasm.model.HeapType;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;

import org.junit.jupiter.api.Test;

/**
 * The text format of the GC struct instructions and of {@code br_on_cast} (spec 3.0 §6.5): a
 * field named by index or by its identifier in the type's definition, and the cast flags that say
 * which of the two reference types include null.
 */
class GcStructTextTest {
    private static CodeReader body(String text) {
        Module module = WatParser.parseModule(text, Features.WASM_3_0);
        return new CodeReader(module.definedFunction(module.importedFunctionCount()).body());
    }

    @Test
    void fieldsByNameOrIndex() {
        CodeReader r = body("(module (type $a (struct (field i32))) (type $b (struct (field $p i32) (field $q (mut i64))))"
                        + " (func (param (ref $b)) (struct.get $b $q (local.get 0)) (struct.set 1 $p (local.get 0) (i32.const 1)) (drop)))");
        assertEquals(Opcode.LOCAL_GET, r.next());
        assertEquals(Opcode.STRUCT_GET, r.next());
        assertEquals(1, r.index());
        assertEquals(1, r.index2());
        assertEquals(Opcode.LOCAL_GET, r.next());
        assertEquals(Opcode.I32_CONST, r.next());
        assertEquals(Opcode.STRUCT_SET, r.next());
        assertEquals(1, r.index());
        assertEquals(0, r.index2());
    }

    @Test
    void brOnCastFlagsFollowTheTypes() {
        CodeReader r = body("(module (type $s (struct)) (func (param anyref) (result anyref)"
                        + " (block $l (result anyref) (br_on_cast_fail $l anyref (ref $s) (local.get 0)))))");
        assertEquals(Opcode.BLOCK, r.next());
        assertEquals(Opcode.LOCAL_GET, r.next());
        assertEquals(Opcode.BR_ON_CAST_FAIL, r.next());
        assertEquals(0, r.index());
        assertTrue(r.refType().isNullable());
        assertEquals(HeapType.ANY, r.refType().heapType());
        assertFalse(r.refType2().isNullable());
        assertEquals(0, r.refType2().typeIndex());
    }
}
