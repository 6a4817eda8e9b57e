package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.ValType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WatParserTest {
    private static Module parse(String text) {
        return WatParser.parseModule(text);
    }

    private static String body(Module m, int definedIndex) {
        return Disassembler.of(m.functions().get(definedIndex).body());
    }

    private static MalformedModuleException malformed(String text) {
        return assertThrows(MalformedModuleException.class, () -> parse(text));
    }

    private static void assertMalformed(String expectedReason, String text) {
        MalformedModuleException e = malformed(text);
        assertTrue(e.reason().startsWith(expectedReason), () -> "expected \"" + expectedReason + "\", got \"" + e.reason() + "\"");
    }

    private static FuncType type(ValType[] params, ValType... results) {
        return FuncType.of(params, results);
    }

    private static final ValType[] NONE = {};
    private static final ValType I32 = ValType.I32;

    // ---- module forms -----------------------------------------------------------------------

    @Test
    void moduleFormsAndBareFields() {
        assertEquals(0, parse("").functions().size());
        assertEquals(0, parse("(module)").functions().size());
        assertEquals("M", parse("(module $M (func))").names().moduleName());
        assertEquals(2, parse("(func) (func)").functions().size());
        assertEquals(1, parse("(module quote \"(func)\" \"(memory 1)\")").memories().size());
        assertEquals(1, parse("(module quote \"(module (func))\")").functions().size());
        assertMalformed("unexpected token", "(module) (module)");
        assertMalformed("unexpected token", "(module (func)");
        MalformedModuleException e = malformed("(module binary \"\\00asm\")");
        assertTrue(e.getMessage().contains("malformed module"));
    }

    // ---- types and type uses ----------------------------------------------------------------

    @Test
    void implicitTypesAreAppendedAfterExplicitOnesInOrderOfUse() {
        Module m = parse("""
                        (module
                          (func $f (result f64) (f64.const 0))
                          (func $g (param i32))
                          (func $h (result f64) (f64.const 1))
                          (type $t (func (param i32)))
                          (func (param i64) (block (param i32) (result i32 i32) unreachable) unreachable))
                        """);
        assertEquals(List.of(type(new ValType[] {I32}), type(NONE, ValType.F64), type(new ValType[] {ValType.I64}),
                        type(new ValType[] {I32}, I32, I32)), m.types().stream().map(dev.twasm.model.SubType::composite).toList());
        assertEquals(1, m.functions().get(0).typeIndex());
        assertEquals(0, m.functions().get(1).typeIndex());
        assertEquals(1, m.functions().get(2).typeIndex());
        assertEquals(2, m.functions().get(3).typeIndex());
        assertEquals("block (type 3), unreachable, end, unreachable, end", body(m, 3));
    }

    @Test
    void typeUseWithInlineSignatureMustMatch() {
        Module m = parse("(type $t (func (param i32) (result i32))) (func (type $t) (param $x i32) (result i32) (local.get $x))");
        assertEquals(0, m.functions().get(0).typeIndex());
        assertEquals("local.get 0, end", body(m, 0));
        assertMalformed("inline function type", "(type $t (func (param i32))) (func (type $t) (param i64))");
        assertMalformed("inline function type", "(type $t (func)) (func (type $t) (result i32) unreachable)");
        assertMalformed("unknown type", "(func (type 2) (param i32))");
        assertMalformed("unknown type", "(func (type $nope))");
        assertEquals(7, parse("(func (type 7))").functions().get(0).typeIndex());
        assertMalformed("unexpected token", "(type $t (func (param i32))) (func (type $t) (result i32) (param i32))");
        assertMalformed("unexpected token", "(func (result i32) (param i32) unreachable)");
        assertMalformed("unexpected token", "(type (func (result $x i32)))");
        assertMalformed("unexpected token", "(func (nop) (local i32))");
    }

    @Test
    void localsAfterParamsOfAReferencedType() {
        Module m = parse("(type $t (func (param i32 i64))) (func (type $t) (local $l f32) (local.get 2) (local.get $l) drop drop)");
        assertArrayEquals(new ValType[] {ValType.F32}, m.functions().get(0).locals());
        assertEquals("local.get 2, local.get 2, drop, drop, end", body(m, 0));
    }

    // ---- imports, exports and abbreviations -------------------------------------------------

    @Test
    void inlineImportsAndExports() {
        Module m = parse("""
                        (module
                          (func $i (export "a") (export "b") (import "m" "f") (param i32))
                          (table $t (export "t") (import "m" "t") 1 2 funcref)
                          (memory (import "m" "mem") 1)
                          (global $g (export "g") (import "m" "g") (mut i64))
                          (func $d (export "d") (call $i (i32.const 0)))
                          (export "d2" (func $d))
                          (export "g2" (global $g)))
                        """);
        assertEquals(4, m.imports().size());
        assertEquals(new ImportDesc.Func(0), m.imports().get(0).desc());
        assertEquals(new Limits(1, 2), ((ImportDesc.Table) m.imports().get(1).desc()).type().limits());
        assertEquals(new GlobalType(ValType.I64, true), ((ImportDesc.Global) m.imports().get(3).desc()).type());
        assertEquals(List.of(new Export("a", ExternKind.FUNC, 0), new Export("b", ExternKind.FUNC, 0), new Export("t", ExternKind.TABLE, 0),
                        new Export("g", ExternKind.GLOBAL, 0), new Export("d", ExternKind.FUNC, 1), new Export("d2", ExternKind.FUNC, 1),
                        new Export("g2", ExternKind.GLOBAL, 0)), m.exports());
        assertEquals("i32.const 0, call 0, end", body(m, 0));
    }

    @Test
    void importsMustPrecedeDefinitions() {
        assertMalformed("import after function", "(func) (import \"\" \"\" (memory 0))");
        assertMalformed("import after global", "(global i64 (i64.const 0)) (import \"\" \"\" (func))");
        assertMalformed("import after table", "(table 0 funcref) (func (import \"\" \"\"))");
        assertMalformed("import after memory", "(memory 0) (import \"\" \"\" (table 1 3 funcref))");
        assertMalformed("import after global", "(func) (global i32 (i32.const 0)) (import \"\" \"\" (func))");
        parse("(import \"\" \"\" (func)) (type (func)) (export \"x\" (func 0)) (import \"\" \"\" (global i32)) (func)");
    }

    @Test
    void inlineTableElementsAndMemoryData() {
        Module m = parse("""
                        (module
                          (func $f) (func $g)
                          (table $t funcref (elem $g $f $g))
                          (table externref (elem (ref.null extern) (item ref.null extern)))
                          (memory (data "ab" "\\63\\u{1F600}")))
                        """);
        assertEquals(new Limits(3, 3), m.tables().get(0).limits());
        assertEquals(new Limits(2, 2), m.tables().get(1).limits());
        ElemSegment e = m.elems().get(0);
        assertEquals(SegmentMode.ACTIVE, e.mode());
        assertEquals("i32.const 0, end", Disassembler.of(e.offset()));
        assertEquals("ref.func 1, end", Disassembler.of(e.items()[0]));
        assertEquals(1, m.elems().get(1).tableIndex());
        assertEquals(ValType.EXTERNREF, m.elems().get(1).elemType());
        assertEquals("ref.null externref, end", Disassembler.of(m.elems().get(1).items()[1]));
        assertEquals(new Limits(1, 1), m.memories().get(0).limits());
        assertArrayEquals("abc\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), m.datas().get(0).bytes());
        assertEquals(new Limits(0, 0), parse("(memory (data))").memories().get(0).limits());
    }

    @Test
    void elementSegmentForms() {
        Module m = parse("""
                        (module
                          (table $t 10 funcref) (func $f)
                          (elem $p funcref (ref.func $f) (ref.null func))
                          (elem declare func $f)
                          (elem (table $t) (offset (i32.const 1)) func $f $f)
                          (elem (i32.const 2) $f)
                          (elem (global.get 0) funcref (item (ref.func $f)))
                          (elem (i32.const 3))
                          (elem $p2 func)
                          (func (elem.drop $p2) (table.init $t $p (i32.const 0) (i32.const 0) (i32.const 0))
                                (table.init 1 (i32.const 0) (i32.const 0) (i32.const 0))))
                        """);
        List<ElemSegment> elems = m.elems();
        assertEquals(SegmentMode.PASSIVE, elems.get(0).mode());
        assertEquals(2, elems.get(0).items().length);
        assertEquals(SegmentMode.DECLARATIVE, elems.get(1).mode());
        assertEquals(SegmentMode.ACTIVE, elems.get(2).mode());
        assertEquals("i32.const 1, end", Disassembler.of(elems.get(2).offset()));
        assertEquals(1, elems.get(3).items().length);
        assertEquals("global.get 0, end", Disassembler.of(elems.get(4).offset()));
        assertEquals(0, elems.get(5).items().length);
        assertEquals("elem.drop 6, i32.const 0, i32.const 0, i32.const 0, table.init 0 0, i32.const 0, i32.const 0, i32.const 0, table.init 1 0, end",
                        body(m, 1));
    }

    @Test
    void dataSegmentForms() {
        Module m = parse("""
                        (module (memory $m 1)
                          (data $d "x") (data (memory $m) (offset (i32.const 1)) "a" "b") (data (i32.const 2))
                          (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 1)))
                        """);
        assertEquals(SegmentMode.PASSIVE, m.datas().get(0).mode());
        assertNull(m.datas().get(0).offset());
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), m.datas().get(1).bytes());
        assertEquals(0, m.datas().get(2).bytes().length);
        assertEquals("i32.const 0, i32.const 0, i32.const 0, memory.init 0 0, data.drop 1, end", body(m, 0));
    }

    // ---- instructions -----------------------------------------------------------------------

    @Test
    void foldedAndPlainFormsEncodeTheSame() {
        Module m = parse("""
                        (func (param i32) (result i32) (i32.add (local.get 0) (i32.mul (i32.const 2) (i32.const 3))))
                        (func (param i32) (result i32) local.get 0 i32.const 2 i32.const 3 i32.mul i32.add)
                        """);
        assertEquals(body(m, 0), body(m, 1));
        assertEquals("local.get 0, i32.const 2, i32.const 3, i32.mul, i32.add, end", body(m, 0));
    }

    @Test
    void structuredInstructionsAndLabels() {
        Module m = parse("""
                        (func $f (param i32) (result i32)
                          (block $outer (result i32)
                            (loop $l
                              (br_if $outer (i32.const 1) (local.get 0))
                              (block $l (br $l))
                              (br $l))
                            (if $i (result i32) (local.get 0) (i32.eqz)
                              (then (br $i (i32.const 1)))
                              (else (i32.const 2)))))
                        (func
                          block $a
                            i32.const 0
                            if $b
                              br $a
                            else $b
                              br_table $a $b 0
                            end $b
                          end $a)
                        """);
        assertEquals("block (result i32), loop, i32.const 1, local.get 0, br_if 1, block, br 0, end, br 0, end, local.get 0, i32.eqz, "
                        + "if (result i32), i32.const 1, br 0, else, i32.const 2, end, end, end", body(m, 0));
        assertEquals("block, i32.const 0, if, br 1, else, br_table 1 0 0, end, end, end", body(m, 1));
    }

    @Test
    void labelErrors() {
        assertMalformed("mismatching label", "(func block end $l)");
        assertMalformed("mismatching label", "(func block $a end $l)");
        assertMalformed("mismatching label", "(func i32.const 0 if $a else $l end)");
        assertMalformed("unknown label", "(func (block $l (br $m)))");
        assertMalformed("unknown label", "(func (block $l) (br $l))");
        assertMalformed("unexpected token", "(func block)");
        assertMalformed("unexpected token", "(func end)");
        assertMalformed("unexpected token", "(func (if (i32.const 0) (i32.const 0)))");
        assertMalformed("unexpected token", "(func (if i32.const 0 (then) (else)))");
        assertMalformed("unexpected token", "(func (block (param $x i32)))");
    }

    @Test
    void tailCalls() {
        Module m = parse("""
                        (module
                          (type $t (func (param i32) (result i32)))
                          (table $t0 1 funcref) (table $t1 1 funcref)
                          (func $f (param i32) (result i32)
                            (if (local.get 0) (then (return_call_indirect $t1 (type $t) (i32.const 1) (i32.const 0))))
                            (return_call $f (i32.const 2))))
                        """);
        assertEquals("local.get 0, if, i32.const 1, i32.const 0, return_call_indirect 0 1, end, i32.const 2, return_call 0, end", body(m, 0));
    }

    @Test
    void immediates() {
        Module m = parse("""
                        (module
                          (type $t (func (param i32)))
                          (table $t0 1 funcref) (table $t1 1 externref) (memory 1) (global $g (mut f32) (f32.const -0.5))
                          (func $f
                            (call_indirect (type $t) (i32.const 0) (i32.const 0))
                            (call_indirect $t1 (param i64) (i64.const 0) (i32.const 0))
                            (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))
                            (drop (select (i32.const 1) (i32.const 2) (i32.const 0)))
                            (global.set $g (f32.load offset=8 align=2 (i32.const 0)))
                            (i64.store8 (i32.const 0) (i64.const -1))
                            (drop (table.get $t1 (i32.const 0)))
                            (drop (table.size))
                            (table.copy $t0 $t1 (i32.const 0) (i32.const 0) (i32.const 0))
                            (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
                            (drop (ref.func $f))
                            (drop (ref.is_null (ref.null extern)))
                            (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
                            (drop (memory.grow (i32.const 1)))
                            (drop (f64.const 0x1p-1))
                            (drop (i32.trunc_sat_f32_s (f32.const 1)))))
                        """);
        assertEquals("i32.const 0, i32.const 0, call_indirect 0 0, i64.const 0, i32.const 0, call_indirect 2 1, "
                        + "i32.const 1, i32.const 2, i32.const 0, select i32, drop, i32.const 1, i32.const 2, i32.const 0, select, drop, "
                        + "i32.const 0, f32.load align=2 offset=8, global.set 0, i32.const 0, i64.const -1, i64.store8 align=1 offset=0, "
                        + "i32.const 0, table.get 1, drop, table.size 0, drop, i32.const 0, i32.const 0, i32.const 0, table.copy 0 1, "
                        + "i32.const 0, i32.const 0, i32.const 0, table.copy 0 0, ref.func 0, drop, ref.null externref, ref.is_null, drop, "
                        + "i32.const 0, i32.const 0, i32.const 0, memory.fill 0, i32.const 1, memory.grow 0, drop, "
                        + "f64.const 0x3fe0000000000000, drop, f32.const 0x3f800000, i32.trunc_sat_f32_s, drop, end", body(m, 0));
        assertEquals(List.of(type(new ValType[] {I32}), FuncType.EMPTY, type(new ValType[] {ValType.I64})), m.types().stream().map(dev.twasm.model.SubType::composite).toList());
        assertEquals("f32.const 0xbf000000, end", Disassembler.of(m.globals().get(0).init()));
    }

    @Test
    void immediateErrors() {
        assertMalformed("alignment", "(memory 1) (func (drop (i32.load align=3 (i32.const 0))))");
        assertMalformed("alignment", "(memory 1) (func (drop (i32.load align=0 (i32.const 0))))");
        assertMalformed("i32 constant", "(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))");
        assertMalformed("unknown operator", "(memory 1) (func (drop (i32.load offset=-1 (i32.const 0))))");
        assertMalformed("constant out of range", "(func (drop (i32.const 0x1_0000_0000)))");
        assertMalformed("constant out of range", "(func (drop (f32.const 1e39)))");
        assertMalformed("unexpected token", "(func (drop (i32.const 1.5)))");
        assertMalformed("unexpected token", "(func (drop (i32.const)))");
        assertMalformed("unexpected token", "(func (br_table))");
        assertMalformed("unknown operator", "(func (drop (i32.const 1_)))");
        assertMalformed("unknown function", "(func (call $nope))");
        assertMalformed("unknown local", "(func (local.get $nope))");
        assertMalformed("unknown global", "(func (global.get $nope))");
        assertMalformed("unknown table", "(func (drop (table.size $nope)))");
        assertMalformed("unknown elem", "(func (elem.drop $nope))");
        assertMalformed("unknown data", "(func (data.drop $nope))");
        assertMalformed("unknown type", "(func (call_indirect (type $nope) (i32.const 0)))");
        assertMalformed("i32 constant out of range", "(memory 0x1_0000_0000)");
        assertMalformed("i32 constant out of range", "(table 0 0x1_0000_0000 funcref)");
    }

    // ---- vector instructions ----------------------------------------------------------------

    /** Decodes the body of the module's first function and returns the reader at the first {@code op}. */
    private static CodeReader decodedAt(String module, Opcode op) {
        CodeReader reader = new CodeReader(parse(module).functions().get(0).body());
        while (reader.hasNext()) {
            if (reader.next() == op) {
                return reader;
            }
        }
        throw new AssertionError(op.mnemonic() + " not in " + module);
    }

    /** The instructions of the module's first function, in order. */
    private static List<Opcode> opcodes(String module) {
        CodeReader reader = new CodeReader(parse(module).functions().get(0).body());
        List<Opcode> ops = new ArrayList<>();
        while (reader.hasNext()) {
            ops.add(reader.next());
        }
        return ops;
    }

    /** The two little-endian halves of the {@code v128.const} in {@code (func (v128.const ...) drop)}. */
    private static long[] v128Const(String immediates) {
        CodeReader reader = decodedAt("(func (v128.const " + immediates + ") drop)", Opcode.V128_CONST);
        return new long[] {reader.v128Lo(), reader.v128Hi()};
    }

    @Test
    void v128ConstEncodesLanesLittleEndian() {
        assertArrayEquals(new long[] {0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L}, v128Const("i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        assertArrayEquals(new long[] {0x0000_0000_807F_FF80L, 0xFF00_0000_0000_0000L}, v128Const("i8x16 -128 255 127 -128 0 0 0 0 0 0 0 0 0 0 0 -1"));
        assertArrayEquals(new long[] {0x0003_0002_8000_FFFFL, 0x7FFF_0000_0000_ABCDL}, v128Const("i16x8 -1 0x8000 2 3 0xab_cd 0 0 32767"));
        assertArrayEquals(new long[] {0xFFFF_FFFF_0102_0304L, 0x8000_0000_0000_0000L}, v128Const("i32x4 0x01020304 -1 0 -2147483648"));
        assertArrayEquals(new long[] {-1L, Long.MIN_VALUE}, v128Const("i64x2 18446744073709551615 -0x8000_0000_0000_0000"));
        assertArrayEquals(new long[] {0x8000_0000_3F80_0000L, 0xFF80_0000_7FA0_0000L}, v128Const("f32x4 1 -0.0 nan:0x200000 -inf"));
        assertArrayEquals(new long[] {0x3FE0_0000_0000_0000L, 0xFFF8_0000_0000_0000L}, v128Const("f64x2 0x1p-1 -nan"));
        // the prefix and the subopcode as a LEB128 u32: 0xFD 0x0C
        byte[] code = parse("(func (v128.const i64x2 0 0) drop)").functions().get(0).body().code();
        assertEquals(0xFD, code[0] & 0xFF);
        assertEquals(0x0C, code[1]);
        assertEquals(2 + 16 + 2, code.length);
    }

    @Test
    void v128ConstErrors() {
        assertMalformed("wrong number of lane literals", "(func (v128.const i32x4 0 0 0) drop)");
        assertMalformed("wrong number of lane literals", "(func (v128.const i32x4 0 0 0 0 0) drop)");
        assertMalformed("wrong number of lane literals", "(func (v128.const f64x2) drop)");
        // the count is checked before the values
        assertMalformed("wrong number of lane literals", "(func (v128.const i32x4 0x1_0000_0000 0x1_0000_0000) drop)");
        assertMalformed("constant out of range", "(func (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 256) drop)");
        assertMalformed("constant out of range", "(func (v128.const i8x16 -129 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)");
        assertMalformed("constant out of range", "(func (v128.const i16x8 0 0 0 0 0 0 0 65536) drop)");
        assertMalformed("constant out of range", "(func (v128.const i64x2 0 -0x8000_0000_0000_0001) drop)");
        assertMalformed("constant out of range", "(func (v128.const f32x4 0 0 0 0x1p128) drop)");
        assertMalformed("constant out of range", "(func (v128.const f64x2 nan:0x0 0) drop)");
        assertMalformed("unexpected token", "(func (v128.const 0 0 0 0) drop)");
        assertMalformed("unexpected token", "(func (v128.const) drop)");
        assertMalformed("unexpected token", "(func (v128.const i32x4 0 0 0 1.5) drop)");
        assertMalformed("unknown operator", "(func (v128.const i8x8 0 0 0 0 0 0 0 0) drop)");
        assertMalformed("unknown operator", "(func (v128.const i32x4 0 0x 0 0) drop)");
        // reported at the token where the fourth lane is missing
        assertEquals("at line 1, column 30", malformed("(func (v128.const i32x4 0 0 0) drop)").location());
    }

    @Test
    void shuffleTakesSixteenLaneIndices() {
        CodeReader reader = decodedAt("(func (i8x16.shuffle 31 0 1 2 3 4 5 6 7 8 9 10 11 12 13 0x1f (local.get 0) (local.get 0)) drop)",
                        Opcode.I8X16_SHUFFLE);
        assertArrayEquals(new byte[] {31, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 31}, reader.shuffleLanes());
        assertEquals(List.of(Opcode.LOCAL_GET, Opcode.LOCAL_GET, Opcode.I8X16_SHUFFLE, Opcode.DROP, Opcode.END),
                        opcodes("(func (i8x16.shuffle 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 0) (local.get 0)) drop)"));
        // 32..255 are well-formed (validation rejects them)
        assertEquals(255, decodedAt("(func i8x16.shuffle 255 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)", Opcode.I8X16_SHUFFLE).shuffleLanes()[0] & 0xFF);

        assertMalformed("invalid lane length", "(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (local.get 0) (local.get 0)))");
        assertMalformed("invalid lane length", "(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 (local.get 0) (local.get 0)))");
        assertMalformed("invalid lane length", "(func (i8x16.shuffle))");
        for (String lane : List.of("256", "-1", "15.0", "nan", "-inf", "0x1_0000_0000_0000_0000")) {
            MalformedModuleException e = malformed("(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 " + lane + "))");
            // the wording of the Wasm 2.0 suite and that of Wasm 3.0
            assertTrue(e.reason().contains("malformed lane index") && e.reason().contains("i8 constant out of range"), e.reason());
        }
    }

    @Test
    void laneIndexImmediates() {
        assertEquals(15, decodedAt("(func (i8x16.extract_lane_u 15 (local.get 0)) drop)", Opcode.I8X16_EXTRACT_LANE_U).lane());
        assertEquals(1, decodedAt("(func local.get 0 f64.const 2 f64x2.replace_lane 1 drop)", Opcode.F64X2_REPLACE_LANE).lane());
        assertEquals(255, decodedAt("(func (i32x4.extract_lane 0xff (local.get 0)) drop)", Opcode.I32X4_EXTRACT_LANE).lane());
        // folded: the lane index is an immediate, before the operands
        assertEquals(List.of(Opcode.LOCAL_GET, Opcode.I32_CONST, Opcode.I16X8_REPLACE_LANE, Opcode.DROP, Opcode.END),
                        opcodes("(func (i16x8.replace_lane 3 (local.get 0) (i32.const 7)) drop)"));

        MalformedModuleException e = malformed("(func (i8x16.extract_lane_s 256 (local.get 0)) drop)");
        assertTrue(e.reason().contains("malformed lane index") && e.reason().contains("i8 constant out of range"), e.reason());
        assertMalformed("unexpected token", "(func (i8x16.extract_lane_s -1 (local.get 0)) drop)");
        assertMalformed("unexpected token", "(func (i8x16.extract_lane_s +1 (local.get 0)) drop)");
        assertMalformed("unexpected token", "(func (i8x16.extract_lane_s 1.0 (local.get 0)) drop)");
        assertMalformed("unexpected token", "(func (i8x16.extract_lane_s (local.get 0)) drop)");
        assertMalformed("unknown operator", "(func (i8x16.extract_lane 0 (local.get 0)) drop)");
    }

    @Test
    void laneLoadsAndStoresTakeAMemargThenALane() {
        CodeReader load = decodedAt("(memory 1) (func (v128.load8_lane offset=3 align=1 7 (i32.const 0) (local.get 0)) drop)", Opcode.V128_LOAD8_LANE);
        assertEquals(0, load.alignLog2());
        assertEquals(3, load.memoryOffset());
        assertEquals(7, load.lane());
        CodeReader natural = decodedAt("(memory 1) (func (v128.load32_lane 3 (i32.const 0) (local.get 0)) drop)", Opcode.V128_LOAD32_LANE);
        assertEquals(2, natural.alignLog2());
        assertEquals(0, natural.memoryOffset());
        assertEquals(3, natural.lane());
        CodeReader store = decodedAt("(memory 1) (func i32.const 0 local.get 0 v128.store64_lane align=4 1)", Opcode.V128_STORE64_LANE);
        assertEquals(2, store.alignLog2());
        assertEquals(1, store.lane());

        assertMalformed("unexpected token", "(memory 1) (func (v128.load8_lane offset=1 (i32.const 0) (local.get 0)) drop)");
        assertMalformed("alignment", "(memory 1) (func (v128.load16_lane align=3 0 (i32.const 0) (local.get 0)) drop)");
        assertMalformed("i32 constant", "(memory 1) (func (v128.store8_lane offset=4294967296 0 (i32.const 0) (local.get 0)))");
        MalformedModuleException e = malformed("(memory 1) (func (v128.store8_lane 256 (i32.const 0) (local.get 0)))");
        assertTrue(e.reason().contains("malformed lane index"), e.reason());
    }

    @Test
    void unknownOperatorsNameTheToken() {
        assertEquals("unknown operator get_local", malformed("(func (local $i i32) (drop (get_local $i)))").reason());
        assertEquals("unknown operator anyfunc", malformed("(global $g anyfunc (ref.null func))").reason());
        assertMalformed("unknown operator", "(func (drop (i32.const0)))");
        assertMalformed("unknown operator", "(func br 0drop)");
        assertMalformed("unknown operator", "(data $l\"a\")");
        assertMalformed("unknown operator", "(data \"a\"\"b\")");
        assertMalformed("unknown label", "(func (block $l (i32.const 0) (br_table $l0)))");
        assertMalformed("unexpected token", "(func (result i32) (i32.const nan:canonical))");
    }

    @Test
    void duplicateIdentifiers() {
        assertMalformed("duplicate func", "(func $foo) (func $foo)");
        assertMalformed("duplicate func", "(import \"\" \"\" (func $foo)) (func $foo)");
        assertMalformed("duplicate table", "(table $foo 1 funcref) (table $foo 1 funcref)");
        assertMalformed("duplicate memory", "(import \"\" \"\" (memory $foo 1)) (memory $foo 1)");
        assertMalformed("duplicate global", "(global $foo i32 (i32.const 0)) (global $foo i32 (i32.const 0))");
        assertMalformed("duplicate local", "(func (param $foo i32) (local $foo i32))");
        assertMalformed("duplicate type", "(type $t (func)) (type $t (func))");
        assertMalformed("multiple start sections", "(func $a) (start $a) (start $a)");
        parse("(func (block $l (block $l (br $l))))");
    }

    @Test
    void namesFromIdentifiers() {
        Module m = parse("(module $mod (import \"m\" \"f\" (func $imp)) (func) (func $g (param $x i32) (param i32) (local $y f32)))");
        assertEquals("mod", m.names().moduleName());
        assertEquals(Map.of(0, "imp", 2, "g"), m.names().functionNames());
        assertEquals(Map.of(2, Map.of(0, "x", 2, "y")), m.names().localNames());
        assertEquals("g", m.functionDisplayName(2));
    }

    @Test
    void stringsAndNames() {
        Module m = parse("(func (export \"\\t\\n\\r\\\"\\'\\\\\\u{41}\\42\u00e9\"))");
        assertEquals("\t\n\r\"'\\AB\u00e9", m.exports().get(0).name());
        assertMalformed("malformed UTF-8 encoding", "(func (export \"\\80\"))");
        assertMalformed("malformed UTF-8 encoding", "(func (export \"\\ed\\a0\\80\"))");
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0xff}, parse("(data \"\\80\\ff\")").datas().get(0).bytes());
    }

    @Test
    void deepNestingDoesNotUseTheJavaStack() {
        int depth = 100_000;
        String text = "(func " + "(block ".repeat(depth) + "(br " + (depth - 1) + ")" + ")".repeat(depth) + ")";
        byte[] code = parse(text).functions().get(0).body().code();
        assertEquals(3 * depth + 5, code.length); // blocks, br with a 3-byte label, end
        String plain = "(func " + "block ".repeat(depth) + "end ".repeat(depth) + ")";
        assertEquals(3 * depth + 1, parse(plain).functions().get(0).body().code().length);
    }

    @Test
    void largeModulesParseInLinearTime() {
        StringBuilder sb = new StringBuilder("(module (memory 1)\n");
        for (int i = 0; sb.length() < 5_000_000; i++) {
            sb.append("(func $f").append(i).append(" (param $x i32) (result i32) (local $t f64)\n")
                            .append("  (block $b (loop $l (br_if $b (i32.eqz (local.get $x))) (local.set $x (i32.sub (local.get $x) (i32.const 1))) (br $l)))\n")
                            .append("  (local.set $t (f64.add (local.get $t) (f64.const 1.25e-3)))\n")
                            .append("  i32.const 0 i32.load offset=4 if (result i32) i32.const 1 else (call $f0 (i32.const 2)) end)\n");
        }
        String text = sb.append(')').toString();
        WatParser.parseModule(text); // warm up
        long start = System.nanoTime();
        Module m = WatParser.parseModule(text);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(m.functions().size() > 10_000);
        assertTrue(millis < 5_000, () -> "5 MB took " + millis + " ms");
    }

    @Test
    void errorPositions() {
        MalformedModuleException e = malformed("(module\n  (func\n    (i32.add nope)))");
        assertEquals("at line 3, column 14", e.location());
    }
}
