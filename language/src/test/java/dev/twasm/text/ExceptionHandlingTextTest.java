package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Module;
import dev.twasm.model.ValType;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The text format of exception handling (Wasm 3.0): tag fields, imports and exports, and the
 * instructions in plain and folded form, checked through their binary encoding.
 */
class ExceptionHandlingTextTest {
    private static Module parse(String text) {
        return WatParser.parseModule(text);
    }

    private static String body(String func) {
        return Disassembler.of(parse("(module (tag $e) (tag $f (param i32)) " + func + ")").functions().get(0).body());
    }

    private static void assertMalformed(String expected, String text) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> parse(text));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void tagsImportsAndExports() {
        Module m = parse("""
                        (module
                          (type $t (func (param i64)))
                          (import "m" "a" (tag $a (param i32)))
                          (tag $b (import "m" "b") (type $t))
                          (tag $c (export "c1") (export "c2") (param f32 f64))
                          (tag $d)
                          (export "a" (tag $a))
                          (export "d" (tag $d)))
                        """);
        assertEquals(List.of(new Import("m", "b", new ImportDesc.Tag(0))), m.imports().subList(1, 2));
        ImportDesc.Tag a = (ImportDesc.Tag) m.imports().get(0).desc();
        assertEquals(List.of(ValType.I32), List.of(m.funcType(a.typeIndex()).params()));
        assertEquals(2, m.importedTagCount());
        assertEquals(4, m.tagCount());
        assertEquals(2, m.tags().size());
        assertEquals(List.of(ValType.F32, ValType.F64), List.of(m.funcType(m.tagTypeIndex(2)).params()));
        assertEquals(0, m.funcType(m.tagTypeIndex(3)).paramCount());
        assertEquals(List.of(new Export("c1", ExternKind.TAG, 2), new Export("c2", ExternKind.TAG, 2), new Export("a", ExternKind.TAG, 0),
                        new Export("d", ExternKind.TAG, 3)), m.exports());
    }

    @Test
    void throwAndThrowRef() {
        assertEquals("i32.const 7, throw 1, end", body("(func (throw $f (i32.const 7)))"));
        assertEquals("throw 0, end", body("(func throw $e)"));
        assertEquals("local.get 0, throw_ref, end", body("(func (param exnref) (throw_ref (local.get 0)))"));
        assertEquals("ref.null exnref, drop, end", body("(func (drop (ref.null exn)))"));
    }

    @Test
    void tryTableCatchClausesResolveLabelsOutsideIt() {
        // $h names both the try_table and the block around it: its clauses see the block's
        assertEquals("block, block (result exnref), try_table (catch 1 0) (catch_ref 0 1) (catch_all 1) (catch_all_ref 0), i32.const 1, drop, "
                        + "end, unreachable, end, end, end",
                        body("(func (block $outer (block $h (result exnref) (try_table $h (catch $f $h) (catch_ref $e 1) (catch_all $outer) "
                                        + "(catch_all_ref $h) (drop (i32.const 1))) (unreachable))))"));
        assertEquals("block, try_table (result i32) (catch_all 0), i32.const 1, end, drop, end, end",
                        body("(func (block $l try_table (result i32) (catch_all $l) i32.const 1 end drop))"));
        // inside, the try_table's own label is the innermost
        assertEquals("try_table, br 0, end, end", body("(func (try_table $t (br $t)))"));
    }

    @Test
    void legacyTryInFoldedAndPlainForm() {
        assertEquals("try (result i32), i32.const 1, catch 1, catch 0, i32.const 3, catch_all, i32.const 2, end, drop, end",
                        body("(func (drop (try (result i32) (do (i32.const 1)) (catch $f) (catch $e (i32.const 3)) (catch_all (i32.const 2)))))"));
        assertEquals("try, catch 0, rethrow 0, end, end", body("(func try catch $e rethrow 0 end)"));
        assertEquals("try, catch_all, end, end", body("(func (try $l (do) (catch_all)))"));
        assertEquals("block, try, delegate 0, end, end", body("(func (block $b (try $t (do) (delegate $b))))"));
        assertEquals("block, try, nop, delegate 0, end, end", body("(func block $b try $t nop delegate $b end)"));
        assertEquals("try, try, delegate 0, end, end", body("(func try $t try delegate $t end)"));
        assertEquals("try, end, end", body("(func try $t end $t)"));
    }

    @Test
    void misplacedHandlersAreUnexpectedTokens() {
        // the commands of try_table.wast, legacy/try_catch.wast and legacy/try_delegate.wast
        assertMalformed("unexpected token", "(module (func (catch_all)))");
        assertMalformed("unexpected token", "(module (tag $e) (func (catch $e)))");
        assertMalformed("unexpected token", "(module (func (try (do) (catch_all) (catch_all))))");
        assertMalformed("unexpected token", "(module (func (delegate 0)))");
        assertMalformed("unexpected token", "(module (tag $e) (func (try (do) (catch $e) (delegate 0))))");
        assertMalformed("unexpected token", "(module (func (try (do) (catch_all) (delegate 0))))");
        assertMalformed("unexpected token", "(module (func (try (do) (delegate) (delegate 0))))");
        assertMalformed("unexpected token", "(module (func catch_all))");
        assertMalformed("unexpected token", "(module (func block delegate 0 end))");
        assertMalformed("unexpected token", "(module (func try catch_all catch_all end))");
        assertMalformed("unexpected token", "(module (func (try)))");
        assertMalformed("unknown tag $x", "(module (func (throw $x)))");
        assertMalformed("unknown label $t", "(module (func (try_table $t (catch_all $t))))");
        assertMalformed("duplicate tag $e", "(module (tag $e) (tag $e))");
        assertMalformed("import after tag", "(module (tag) (import \"m\" \"f\" (func)))");
    }
}
