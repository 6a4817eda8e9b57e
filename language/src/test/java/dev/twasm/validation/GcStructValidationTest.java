package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.text.WatParser;

import org.junit.jupiter.api.Test;

/**
 * Validation of the GC struct instructions and of casts to concrete types (Wasm 3.0): operand and
 * result types of {@code struct.new(_default)}, {@code struct.get(_s|_u)} and {@code struct.set},
 * the field rules (unknown, packed, immutable, defaultable), fields named in the text format, the
 * hierarchy of a concrete cast, {@code br_on_cast}/{@code br_on_cast_fail}'s subtype and label
 * rules, and {@code struct.new} as a constant instruction.
 */
class GcStructValidationTest {
    private static final String TYPES = "(type $p (sub (struct (field $x i32) (field $y (mut i64)))))"
                    + " (type $q (sub $p (struct (field $x i32) (field $y (mut i64)) (field $c (mut i8)))))"
                    + " (type $r (struct (field (ref $p))))";

    private static void valid(String body) {
        Validator.analyze(WatParser.parseModule("(module " + TYPES + " " + body + ")", Features.WASM_3_0), Features.WASM_3_0);
    }

    private static void invalid(String expected, String body) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(body));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void structNewTakesTheUnpackedFieldTypes() {
        valid("(func (result (ref $p)) (struct.new $p (i32.const 1) (i64.const 2)))");
        valid("(func (result (ref $p)) (struct.new $q (i32.const 1) (i64.const 2) (i32.const 300)))");
        valid("(func (result (ref null $q)) (struct.new_default $q))");
        invalid("type mismatch", "(func (result (ref $p)) (struct.new $p (i64.const 1) (i64.const 2)))");
        invalid("type mismatch", "(func (result (ref $q)) (struct.new $p (i32.const 1) (i64.const 2)))");
        invalid("type mismatch", "(func (result (ref $r)) (struct.new_default $r))");
        invalid("type mismatch", "(type $f (func)) (func (drop (struct.new_default $f)))");
        invalid("unknown type", "(func (drop (struct.new_default 9)))");
    }

    @Test
    void fieldAccessFollowsTheFieldType() {
        valid("(func (param (ref null $q)) (result i64) (struct.get $p $y (local.get 0)))");
        valid("(func (param (ref $q)) (result i32) (struct.get_s $q $c (local.get 0)))");
        valid("(func (param (ref $q)) (struct.set $q $c (local.get 0) (i32.const 1)))");
        valid("(func (param nullref) (result i32) (struct.get $p 0 (local.get 0)))");
        invalid("type mismatch", "(func (param (ref $p)) (result i32) (struct.get $q 0 (local.get 0)))");
        invalid("type mismatch", "(func (param (ref $p)) (result i32) (struct.get $p $y (local.get 0)))");
        invalid("type mismatch: field is packed", "(func (param (ref $q)) (result i32) (struct.get $q $c (local.get 0)))");
        invalid("type mismatch: field is not packed", "(func (param (ref $q)) (result i32) (struct.get_u $q $x (local.get 0)))");
        invalid("immutable field", "(func (param (ref $q)) (struct.set $q $x (local.get 0) (i32.const 1)))");
        invalid("unknown field", "(func (param (ref $p)) (result i32) (struct.get $p 2 (local.get 0)))");
        invalid("type mismatch", "(type $a (array i8)) (func (param (ref $a)) (result i32) (struct.get $a 0 (local.get 0)))");
    }

    @Test
    void aFieldNameMustBeOneOfTheType() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class,
                        () -> valid("(func (param (ref $p)) (result i32) (struct.get $p $c (local.get 0)))"));
        assertTrue(e.getMessage().contains("unknown field $c"), e.getMessage());
    }

    @Test
    void concreteCastsStayInTheirHierarchy() {
        valid("(func (param anyref) (result (ref $q)) (ref.cast (ref $q) (local.get 0)))");
        valid("(func (param eqref) (result i32) (ref.test (ref null $p) (local.get 0)))");
        valid("(type $f (func)) (func (param funcref) (result i32) (ref.test (ref $f) (local.get 0)))");
        invalid("type mismatch", "(func (param funcref) (result i32) (ref.test (ref $p) (local.get 0)))");
        invalid("type mismatch", "(type $f (func)) (func (param anyref) (result i32) (ref.test (ref $f) (local.get 0)))");
    }

    @Test
    void brOnCastNeedsASubtypeAndALabelForIt() {
        valid("(func (param anyref) (result (ref $p)) (block $l (result (ref $p)) (br_on_cast $l anyref (ref $q) (local.get 0)) (unreachable)))");
        valid("(func (param (ref null $p)) (result (ref $p)) (block $l (result (ref $p)) (br_on_cast_fail $l (ref null $p) (ref null $q)"
                        + " (local.get 0)) (drop) (unreachable)))");
        valid("(func (param anyref) (result (ref $q)) (block $l (result anyref) (br_on_cast_fail $l anyref (ref $q) (local.get 0))"
                        + " (return)) (unreachable))");
        invalid("type mismatch", "(func (param (ref $q)) (block $l (result anyref) (br_on_cast $l (ref $q) (ref $p) (local.get 0)) (unreachable)))");
        invalid("type mismatch", "(func (param anyref) (block $l (result (ref $q)) (br_on_cast $l anyref (ref $p) (local.get 0)) (unreachable)))");
        invalid("type mismatch", "(func (param anyref) (block $l (result (ref any)) (br_on_cast_fail $l anyref (ref $p) (local.get 0)) (unreachable)))");
        // the fall-through of br_on_cast_fail has the target type, no more
        invalid("type mismatch", "(func (param anyref) (result (ref $q)) (block $l (result anyref) (br_on_cast_fail $l anyref (ref $p) (local.get 0))"
                        + " (return)) (unreachable))");
    }

    @Test
    void structNewIsConstant() {
        valid("(global (ref $p) (struct.new $p (i32.const 1) (i64.const 2))) (global (ref null $q) (struct.new_default $q))");
        valid("(table 1 anyref) (elem (i32.const 0) anyref (struct.new $r (struct.new_default $p)))");
        invalid("type mismatch", "(global (ref $p) (struct.new $p (i64.const 1) (i64.const 2)))");
        invalid("type mismatch", "(global (ref $q) (struct.new_default $p))");
    }
}
