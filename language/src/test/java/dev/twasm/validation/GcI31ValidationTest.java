package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.Features;
import dev.twasm.text.WatParser;

import org.junit.jupiter.api.Test;

/**
 * Validation of the first GC instructions (Wasm 3.0): the typing of {@code ref.i31},
 * {@code i31.get_s/u}, {@code ref.eq}, {@code ref.test}/{@code ref.cast} with abstract heap types,
 * {@code any.convert_extern} and {@code extern.convert_any} (which keep nullability), and which
 * of them are constant instructions.
 */
class GcI31ValidationTest {
    private static void valid(String text) {
        Validator.analyze(WatParser.parseModule(text, Features.WASM_3_0), Features.WASM_3_0);
    }

    private static void invalid(String expected, String text) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(text));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void i31Instructions() {
        valid("(module (func (param i32) (result (ref i31)) (ref.i31 (local.get 0))))");
        valid("(module (func (param i32) (result (ref eq)) (ref.i31 (local.get 0))))");
        valid("(module (func (param nullref) (result i32) (i31.get_s (local.get 0))))");
        invalid("type mismatch", "(module (func (param i64) (result anyref) (ref.i31 (local.get 0))))");
        invalid("type mismatch", "(module (func (param eqref) (result i32) (i31.get_u (local.get 0))))");
        invalid("type mismatch", "(module (func (param i32) (result nullref) (ref.i31 (local.get 0))))");
    }

    @Test
    void refEqTakesEqrefs() {
        valid("(module (func (param i31ref eqref) (result i32) (ref.eq (local.get 0) (local.get 1))))");
        valid("(module (func (param nullref (ref i31)) (result i32) (ref.eq (local.get 0) (local.get 1))))");
        invalid("type mismatch", "(module (func (param anyref eqref) (result i32) (ref.eq (local.get 0) (local.get 1))))");
        invalid("type mismatch", "(module (func (param funcref funcref) (result i32) (ref.eq (local.get 0) (local.get 1))))");
    }

    @Test
    void conversionsKeepNullability() {
        valid("(module (func (param (ref extern)) (result (ref any)) (any.convert_extern (local.get 0))))");
        valid("(module (func (param (ref i31)) (result (ref extern)) (extern.convert_any (local.get 0))))");
        valid("(module (func (param nullexternref) (result anyref) (any.convert_extern (local.get 0))))");
        invalid("type mismatch", "(module (func (param externref) (result (ref any)) (any.convert_extern (local.get 0))))");
        invalid("type mismatch", "(module (func (param anyref) (result (ref extern)) (extern.convert_any (local.get 0))))");
        invalid("type mismatch", "(module (func (param anyref) (result anyref) (any.convert_extern (local.get 0))))");
        valid("(module (func (result (ref any)) (unreachable) (any.convert_extern)))");
    }

    @Test
    void castsStayInTheirHierarchy() {
        valid("(module (func (param anyref) (result (ref i31)) (ref.cast (ref i31) (local.get 0))))");
        valid("(module (func (param anyref) (result i31ref) (ref.cast i31ref (local.get 0))))");
        valid("(module (func (param funcref) (result i32) (ref.test (ref func) (local.get 0))))");
        invalid("type mismatch", "(module (func (param anyref) (result (ref i31)) (ref.cast i31ref (local.get 0))))");
        invalid("type mismatch", "(module (func (param externref) (result i32) (ref.test i31ref (local.get 0))))");
        valid("(module (type $f (func)) (func (param funcref) (drop (ref.cast (ref $f) (local.get 0)))))");
        invalid("type mismatch", "(module (type $s (struct)) (func (param funcref) (drop (ref.cast (ref $s) (local.get 0)))))");
    }

    @Test
    void constantInstructions() {
        valid("(module (global (ref i31) (ref.i31 (i32.const 1))) (global externref (extern.convert_any (ref.i31 (i32.const 2))))"
                        + " (global anyref (any.convert_extern (ref.null noextern))))");
        valid("(module (table 2 i31ref (ref.i31 (i32.const 3))))");
        invalid("type mismatch", "(module (global (ref i31) (ref.i31 (i64.const 1))))");
        invalid("type mismatch", "(module (global (ref any) (any.convert_extern (ref.null extern))))");
        invalid("constant expression required", "(module (global i32 (i31.get_s (ref.i31 (i32.const 1)))))");
        invalid("constant expression required", "(module (global i32 (ref.eq (ref.null eq) (ref.null eq))))");
    }
}
