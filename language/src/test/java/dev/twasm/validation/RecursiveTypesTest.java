package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.ArrayType;
import dev.twasm.model.CanonicalTypes;
import dev.twasm.model.FieldType;
import dev.twasm.model.Features;
import dev.twasm.model.FuncType;
import dev.twasm.model.HeapType;
import dev.twasm.model.Module;
import dev.twasm.model.StructType;
import dev.twasm.model.SubType;
import dev.twasm.model.ValType;
import dev.twasm.text.WatParser;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The recursive type system of Wasm 3.0 (GC) without GC instructions: recursion groups and sub
 * types in text and binary, iso-recursive equivalence of canonical ids, declared subtyping and the
 * validation of the type section with the messages the spec scripts check.
 */
class RecursiveTypesTest {
    private static Module parse(String text) {
        return WatParser.parseModule(text, Features.WASM_3_0);
    }

    private static void valid(String text) {
        Validator.analyze(parse(text), Features.WASM_3_0);
    }

    private static void invalid(String expected, String text) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(text));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void textDefinesGroupsSubTypesAndForwardReferences() {
        Module m = parse("""
                        (module
                          (type $s (sub (struct (field $x (mut i32)) (field i8 (mut i16)))))
                          (rec
                            (type $a (sub $s (struct (field (mut i32)) (field i8 (mut i16)) (field (ref null $b)))))
                            (type $b (sub final (array (mut (ref null $a)))))))
                        """);
        assertEquals(3, m.typeCount());
        assertEquals(0, m.recGroupStart(0));
        assertEquals(1, m.recGroupStart(2), "$b is in the group of $a");
        assertEquals(2, m.recGroupSize(1));
        SubType a = m.types().get(1);
        assertFalse(a.isFinal());
        assertArrayEquals(new int[]{0}, a.supertypes());
        StructType sa = (StructType) a.composite();
        assertEquals(FieldType.packed(FieldType.PackedType.I8, false), sa.fields().get(1));
        assertEquals(4, sa.fields().size(), "a (field) without identifier lists several");
        assertEquals(FieldType.of(ValType.ref(true, 2), false), sa.fields().get(3), "a forward reference inside the group");
        SubType b = m.types().get(2);
        assertTrue(b.isFinal());
        assertEquals(new ArrayType(FieldType.of(ValType.ref(true, 1), true)), b.composite());
        assertEquals(HeapType.ARRAY, b.composite().topKind());
        valid("""
                        (module
                          (type $s (sub (struct (field $x (mut i32)) (field i8 (mut i16)))))
                          (rec
                            (type $a (sub $s (struct (field (mut i32)) (field i8 (mut i16)) (field (ref null $b)))))
                            (type $b (sub final (array (mut (ref null $a)))))))
                        """);
    }

    @Test
    void fieldIdentifiersAreBoundPerStructureType() {
        parse("(module (type (struct (field $x i32))) (type (struct (field $x i32) (field $y i64))))");
        dev.twasm.exception.MalformedModuleException e = assertThrows(dev.twasm.exception.MalformedModuleException.class,
                        () -> parse("(module (type (struct (field $x i32) (field i64 i64) (field $x i32))))"));
        assertTrue(e.getMessage().contains("duplicate field $x"), e.getMessage());
    }

    @Test
    void binaryRoundTripKeepsGroupsAndSubTypes() {
        Module parsed = parse("""
                        (module
                          (type $f (sub (func (param i32))))
                          (rec (type $g (sub final $f (func (param i32)))) (type (struct (field (mut i8)) (field (ref $g)))))
                          (type (array i64))
                          (func (type $g)))
                        """);
        byte[] encoded = ModuleEncoder.encode(parsed);
        String hex = HexFormat.of().formatHex(encoded);
        // (sub $f ...) is 0x50 with no supertypes, the group 0x4E of two with 0x4F (sub final) 1 type 0
        assertTrue(hex.contains("50" + "00" + "60017f00"), hex);
        assertTrue(hex.contains("4e02" + "4f0100" + "60017f00" + "5f02" + "7801" + "640100"), hex);
        assertTrue(hex.contains("5e7e00"), hex);
        Module decoded = BinaryDecoder.decode(encoded, Features.WASM_3_0);
        assertEquals(parsed.types(), decoded.types());
        assertEquals(1, decoded.recGroupStart(2));
        assertEquals(3, decoded.recGroupStart(3));
        assertArrayEquals(encoded, ModuleEncoder.encode(decoded), "encoding is stable");
        Validator.analyze(decoded, Features.WASM_3_0);
    }

    @Test
    void groupsAreEquivalentByStructureAndPosition() {
        CanonicalTypes canonical = new CanonicalTypes();
        java.util.function.IntFunction<String> group = at -> "(rec (type (func)) (type (struct (field (ref " + at + ")))))";
        int[] first = canonical.canonicalise(parse("(module " + group.apply(0) + ")"));
        int[] second = canonical.canonicalise(parse("(module (type (func (param i32))) " + group.apply(1) + " " + group.apply(3) + ")"));
        assertEquals(first[0], second[1], "the same group at another index of another module");
        assertEquals(first[1], second[2]);
        assertEquals(second[1], second[3], "twice in one module");
        assertNotEquals(first[0], first[1], "positions differ");
        int[] alone = canonical.canonicalise(parse("(module (type (func)))"));
        assertNotEquals(first[0], alone[0], "a function type alone is not the same as the one in a group of two");
        int[] swapped = canonical.canonicalise(parse("(module (rec (type (struct (field (ref 1)))) (type (func))))"));
        assertNotEquals(first[0], swapped[1], "the order of the group matters");
        // references inside the group are relative: a group that names an earlier equal type is another type
        int[] outside = canonical.canonicalise(parse("(module (type (func)) (rec (type (func)) (type (struct (field (ref 0))))))"));
        assertNotEquals(first[1], outside[2]);
    }

    @Test
    void declaredSubtypingIsTransitiveAndCanonical() {
        CanonicalTypes canonical = new CanonicalTypes();
        int[] ids = canonical.canonicalise(parse("""
                        (module (type $a (sub (func))) (type $b (sub $a (func))) (type $c (sub $b (func))) (type $d (sub (func))) (type $e (sub $d (func (param i32)))))
                        """));
        assertTrue(canonical.isSubtype(ids[2], ids[0]));
        assertTrue(canonical.isSubtype(ids[1], ids[1]));
        assertFalse(canonical.isSubtype(ids[0], ids[2]));
        assertEquals(ids[0], ids[3], "equal groups are one type");
        assertTrue(canonical.isSubtype(ids[4], ids[0]), "declared through an equivalent type");
        assertNotEquals(ids[4], ids[1], "a structurally different subtype is another type");
        assertFalse(canonical.isSubtype(ids[0], ids[4]));
        ValType.TypeEquivalence types = canonical.matching();
        assertTrue(ValType.ref(false, ids[2]).isSubtypeOf(ValType.ref(true, ids[0]), types));
        assertTrue(ValType.ref(false, ids[2]).isSubtypeOf(ValType.FUNCREF, types));
        assertFalse(ValType.ref(false, ids[2]).isSubtypeOf(ValType.ref(true, HeapType.ANY), types), "functions are not in the any hierarchy");
        int[] s = canonical.canonicalise(parse("(module (type (struct)) (type (array i8)))"));
        assertTrue(ValType.ref(false, s[0]).isSubtypeOf(ValType.ref(false, HeapType.EQ), types));
        assertTrue(ValType.ref(false, s[1]).isSubtypeOf(ValType.ref(true, HeapType.ARRAY), types));
        assertFalse(ValType.ref(false, s[1]).isSubtypeOf(ValType.ref(true, HeapType.STRUCT), types));
        assertTrue(ValType.ref(true, HeapType.NONE).isSubtypeOf(ValType.ref(true, s[0]), types));
        assertFalse(ValType.NULLFUNCREF.isSubtypeOf(ValType.ref(true, s[0]), types));
    }

    @Test
    void typeSectionValidation() {
        valid("(module (type $a (sub (func (param (ref func)) (result funcref)))) (type (sub $a (func (param funcref) (result (ref func))))))");
        invalid("sub type", "(module (type $a (sub (func (param funcref)))) (type (sub $a (func (param (ref func))))))");
        invalid("sub type", "(module (type $a (func)) (type (sub $a (func))))");
        invalid("sub type", "(module (type $a (sub (struct (field (mut i32))))) (type (sub $a (struct (field i32)))))");
        invalid("sub type", "(module (type $a (sub (struct (field (mut anyref))))) (type (sub $a (struct (field (mut eqref))))))");
        valid("(module (type $a (sub (struct (field anyref)))) (type (sub $a (struct (field eqref) (field i8)))))");
        invalid("sub type", "(module (type $a (sub (array i8))) (type (sub $a (array i16))))");
        invalid("sub type", "(module (type $a (sub (array i32))) (type (sub $a (struct))))");
        invalid("unknown type", "(module (rec (type (sub 1 (func))) (type (sub (func)))))");
        invalid("unknown type", "(module (type (func (param (ref 1)))) (type (func)))");
        invalid("type mismatch", "(module (type (struct)) (func (type 0)))");
        invalid("type mismatch", "(module (type $s (struct)) (func (call_indirect (type $s) (i32.const 0))) (table 1 funcref))");
    }

    @Test
    void functionTypeAccessor() {
        Module m = parse("(module (type (struct)) (type (func (param i64))))");
        assertEquals(new FuncType(new ValType[]{ValType.I64}, new ValType[0]), m.funcType(1));
        assertThrows(IllegalStateException.class, () -> m.funcType(0));
    }
}
