package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.HeapType;
import dev.twasm.model.ValType;
import dev.twasm.text.WatParser;

import org.junit.jupiter.api.Test;

/**
 * Validation of typed function references (Wasm 3.0): subtyping of reference types, the typing of
 * {@code ref.func}, {@code ref.as_non_null}, {@code br_on_null}, {@code br_on_non_null},
 * {@code call_ref} and {@code return_call_ref}, the initialisation rule of non-nullable locals,
 * non-nullable tables and type canonicalisation, with the messages the spec scripts check.
 */
class TypedReferencesValidationTest {
    private static ValidationResult valid(String text) {
        return Validator.analyze(WatParser.parseModule(text, Features.WASM_3_0), Features.WASM_3_0);
    }

    private static void invalid(String expected, String text) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(text));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void heapTypeLattice() {
        ValType.TypeEquivalence none = (a, b) -> false;
        ValType refFunc = ValType.ref(false, HeapType.FUNC);
        ValType refT = ValType.ref(false, 0);
        assertTrue(refFunc.isSubtypeOf(ValType.FUNCREF, none));
        assertFalse(ValType.FUNCREF.isSubtypeOf(refFunc, none), "null is not in (ref func)");
        assertTrue(refT.isSubtypeOf(refFunc, none), "a function type is below func");
        assertTrue(ValType.NULLFUNCREF.isSubtypeOf(ValType.ref(true, 0), none), "nofunc is below every function type");
        assertFalse(ValType.NULLFUNCREF.isSubtypeOf(ValType.EXTERNREF, none), "bottoms stay in their hierarchy");
        assertTrue(ValType.NULLEXTERNREF.isSubtypeOf(ValType.EXTERNREF, none));
        assertTrue(ValType.NULLEXNREF.isSubtypeOf(ValType.EXNREF, none));
        assertFalse(ValType.I32.isSubtypeOf(ValType.I64, none));
        assertFalse(refT.isSubtypeOf(ValType.ref(false, 1), none), "inequivalent type indices");
        assertTrue(refT.isSubtypeOf(ValType.ref(false, 1), (a, b) -> true), "equivalent type indices");
        assertTrue(ValType.BOTTOM_REF.isSubtypeOf(refT, none));
        assertFalse(ValType.BOTTOM_REF.isSubtypeOf(ValType.I32, none), "(ref bot) is a reference");
        assertTrue(ValType.ref(false, 5) == ValType.ref(false, 5), "types are interned");
        int large = ValType.INTERNED_INDICES + 3;
        assertTrue(ValType.ref(true, large).equals(ValType.ref(true, large)), "equality is structural beyond the interned indices");
        assertFalse(ValType.ref(true, large).equals(ValType.ref(false, large)));
        assertTrue(ValType.ref(true, large).isSubtypeOf(ValType.ref(true, large), (a, b) -> a == b));
    }

    @Test
    void refFuncHasTheFunctionsExactTypeAndSubsumption() {
        valid("(module (type $t (func)) (func $f (type $t)) (elem declare func $f)"
                        + " (func (result (ref $t)) (ref.func $f)) (func (result (ref func)) (ref.func $f)) (func (result funcref) (ref.func $f)))");
        invalid("type mismatch", "(module (type $t (func)) (type $u (func (param i32))) (func $f (type $t)) (elem declare func $f)"
                        + " (func (result (ref $u)) (ref.func $f)))");
        invalid("type mismatch", "(module (func (param funcref) (result (ref func)) (local.get 0)))");
        invalid("type mismatch", "(module (func (param externref) (result funcref) (local.get 0)))");
    }

    @Test
    void structurallyEqualTypeIndicesAreTheSameType() {
        valid("(module (type $a (func (param i32))) (type $b (func (param i32)))"
                        + " (func (param (ref $a)) (result (ref null $b)) (local.get 0)))");
        valid("(module (type $a (func (param (ref $a)))) (type $b (func (param (ref $b))))"
                        + " (func (param (ref $a)) (result (ref $b)) (local.get 0)))");
        invalid("unknown type", "(module (func (param (ref 3))))");
        invalid("unknown type", "(module (type (func (param (ref 1)))) (type (func)))");
    }

    @Test
    void refAsNonNullAndBrOnNull() {
        valid("(module (func (param funcref) (result (ref func)) (ref.as_non_null (local.get 0))))");
        valid("(module (func (param externref) (result (ref extern)) (block (br_on_null 0 (local.get 0)) (return)) (unreachable)))");
        valid("(module (func (param externref) (result (ref extern))"
                        + " (block (result (ref extern)) (br_on_non_null 0 (local.get 0)) (unreachable))))");
        invalid("type mismatch", "(module (func (param i32) (drop (ref.as_non_null (local.get 0)))))");
        invalid("type mismatch", "(module (func (param externref) (block (br_on_non_null 0 (local.get 0)))))");
        invalid("type mismatch", "(module (func (param externref) (block (result i32) (br_on_non_null 0 (local.get 0)) (i32.const 0)) (drop)))");
        // from the polymorphic stack: (ref bot), a reference but not a number
        valid("(module (func (result (ref func)) (unreachable) (ref.as_non_null)))");
        invalid("type mismatch", "(module (func (result i32) (unreachable) (ref.as_non_null)))");
    }

    @Test
    void callRefTakesAReferenceOfItsType() {
        valid("(module (type $t (func (param i32) (result i32))) (func (param (ref null $t)) (result i32) (call_ref $t (i32.const 1) (local.get 0))))");
        invalid("type mismatch", "(module (type $t (func (param i32) (result i32))) (func (param funcref) (result i32) (call_ref $t (i32.const 1) (local.get 0))))");
        valid("(module (type $t (func (result i32))) (func (param (ref $t)) (result i32) (return_call_ref $t (local.get 0))))");
        invalid("type mismatch", "(module (type $t (func (result i32))) (func (param (ref $t)) (result i64) (return_call_ref $t (local.get 0))))");
        invalid("unknown type", "(module (type $t (func)) (func (call_ref 7 (ref.null 7))))");
    }

    @Test
    void nonNullableLocalsMustBeSetBeforeUseWithinTheirBlock() {
        valid("(module (func (param (ref extern)) (local (ref extern)) (local.set 1 (local.get 0)) (drop (local.get 1))))");
        invalid("uninitialized local", "(module (func (local (ref extern)) (drop (local.get 0))))");
        invalid("uninitialized local", "(module (func (param (ref extern)) (local (ref extern))"
                        + " (block (local.set 1 (local.get 0))) (drop (local.get 1))))");
        invalid("uninitialized local", "(module (func (param (ref extern)) (local (ref extern))"
                        + " (if (i32.const 0) (then (local.set 1 (local.get 0))) (else (drop (local.get 1))))))");
        // a nullable local and a parameter are always set
        valid("(module (func (param (ref extern)) (local externref) (drop (local.get 1)) (drop (local.get 0))))");
    }

    @Test
    void nonNullableTablesNeedAnInitializer() {
        invalid("type mismatch", "(module (table 1 (ref func)))");
        valid("(module (func $f) (elem declare func $f) (table 1 (ref func) (ref.func $f)))");
        invalid("type mismatch", "(module (table 1 (ref func) (ref.null func)))");
        valid("(module (type $t (func)) (table 1 (ref null $t)) (func (call_indirect (type $t) (i32.const 0))))");
    }

    @Test
    void typedSelectUsesSubtyping() {
        valid("(module (type $t (func)) (func (param (ref $t) (ref null func)) (result funcref)"
                        + " (select (result funcref) (local.get 0) (local.get 1) (i32.const 1))))");
        invalid("type mismatch", "(module (func (param funcref funcref) (result funcref) (select (local.get 0) (local.get 1) (i32.const 1))))");
    }
}
