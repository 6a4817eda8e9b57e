package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import dev.twasm.text.WatParser;

import org.junit.jupiter.api.Test;

/**
 * Validation of the GC array instructions (Wasm 3.0): element types read and written (packed
 * ones as {@code i32}, {@code array.get} versus {@code get_s/u}), mutability, the storage
 * subtyping of {@code array.copy}, segments ({@code array.new_data} and {@code init_data} only of
 * numeric or vector elements, element segments by subtyping), {@code array.len} of any array,
 * the three allocations that are constant expressions, and the data count section the binary
 * form of {@code array.new_data} needs.
 */
class GcArrayValidationTest {
    private static final String TYPES = "(type $b (array (mut i8))) (type $i (array i32)) (type $a (array (mut anyref)))"
                    + " (type $e (array (mut eqref))) (type $f (array (mut funcref))) (type $n (array (mut (ref any))))";

    private static Module parse(String fields) {
        return WatParser.parseModule("(module " + TYPES + " " + fields + ")", Features.WASM_3_0);
    }

    private static void valid(String fields) {
        Validator.analyze(parse(fields), Features.WASM_3_0);
    }

    private static void invalid(String expected, String fields) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(fields));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void elementsAreReadAndWrittenAsTheirUnpackedType() {
        valid("(func (param (ref $b)) (result i32) (array.get_s $b (local.get 0) (i32.const 0)))");
        valid("(func (param (ref null $b)) (array.set $b (local.get 0) (i32.const 0) (i32.const 300)))");
        valid("(func (param (ref $i)) (result i32) (array.get $i (local.get 0) (i32.const 0)))");
        invalid("type mismatch", "(func (param (ref $b)) (result i32) (array.get $b (local.get 0) (i32.const 0)))");
        invalid("type mismatch", "(func (param (ref $i)) (result i32) (array.get_u $i (local.get 0) (i32.const 0)))");
        invalid("type mismatch", "(func (param (ref $i)) (result i64) (array.get $i (local.get 0) (i32.const 0)))");
        invalid("type mismatch", "(func (param (ref $a)) (result i32) (array.get $i (local.get 0) (i32.const 0)))");
        invalid("type mismatch", "(func (param (ref $e)) (array.set $e (local.get 0) (i32.const 0) (ref.null any)))");
        invalid("immutable array", "(func (param (ref $i)) (array.set $i (local.get 0) (i32.const 0) (i32.const 1)))");
        invalid("immutable array", "(func (param (ref $i)) (array.fill $i (local.get 0) (i32.const 0) (i32.const 1) (i32.const 0)))");
        invalid("type mismatch", "(type $s (struct)) (func (param (ref $b)) (drop (array.get_s $s (local.get 0) (i32.const 0))))");
    }

    @Test
    void arrayLenTakesAnyArray() {
        valid("(func (param (ref $b) arrayref (ref none)) (result i32) (i32.add (array.len (local.get 0))"
                        + " (i32.add (array.len (local.get 1)) (array.len (local.get 2)))))");
        invalid("type mismatch", "(func (param eqref) (result i32) (array.len (local.get 0)))");
    }

    @Test
    void copyNeedsAMutableDestinationAndMatchingStorage() {
        valid("(func (param (ref $a) (ref $e)) (array.copy $a $e (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1)))");
        valid("(func (param (ref $b)) (array.copy $b $b (local.get 0) (i32.const 0) (local.get 0) (i32.const 1) (i32.const 1)))");
        invalid("array types do not match",
                        "(func (param (ref $e) (ref $a)) (array.copy $e $a (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1)))");
        invalid("array types do not match", "(type $h (array i16))"
                        + " (func (param (ref $b) (ref $h)) (array.copy $b $h (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1)))");
        invalid("immutable array",
                        "(func (param (ref $i) (ref $b)) (array.copy $i $b (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1)))");
    }

    @Test
    void segmentsMustHoldTheElements() {
        valid("(data $d \"ab\") (func (result (ref $b)) (array.new_data $b $d (i32.const 0) (i32.const 2)))");
        valid("(elem $s funcref) (func (param (ref $f)) (array.init_elem $f $s (local.get 0) (i32.const 0) (i32.const 0) (i32.const 0)))");
        valid("(elem $s (ref i31)) (func (result (ref $e)) (array.new_elem $e $s (i32.const 0) (i32.const 0)))");
        invalid("array type is not numeric or vector", "(data $d \"ab\") (func (result (ref $a)) (array.new_data $a $d (i32.const 0) (i32.const 2)))");
        invalid("unknown data segment", "(func (result (ref $b)) (array.new_data $b 0 (i32.const 0) (i32.const 2)))");
        invalid("type mismatch", "(elem $s funcref) (func (result (ref $a)) (array.new_elem $a $s (i32.const 0) (i32.const 0)))");
        invalid("type mismatch", "(elem $s anyref) (func (result (ref $e)) (array.new_elem $e $s (i32.const 0) (i32.const 0)))");
        invalid("unknown elem segment", "(func (result (ref $e)) (array.new_elem $e 3 (i32.const 0) (i32.const 0)))");
    }

    @Test
    void allocationsInConstantExpressions() {
        valid("(global (ref $i) (array.new_fixed $i 2 (i32.const 1) (i32.const 2)))");
        valid("(global (ref array) (array.new $b (i32.const 1) (i32.const 2)))");
        valid("(global (ref $a) (array.new_default $a (i32.const 2)))");
        valid("(table 1 (ref null $i) (array.new_default $i (i32.const 0)))");
        invalid("type mismatch", "(global (ref $i) (array.new_fixed $i 2 (i32.const 1)))");
        invalid("type mismatch", "(global (ref $b) (array.new_default $a (i32.const 2)))");
        invalid("type mismatch", "(global (ref $n) (array.new_default $n (i32.const 2)))");
        invalid("constant expression required", "(data $d \"ab\") (global (ref $b) (array.new_data $b $d (i32.const 0) (i32.const 2)))");
        invalid("array.new_fixed of 10001 values exceeds", "(func (result (ref $i)) unreachable (array.new_fixed $i 10001))");
        valid("(func (result (ref $i)) unreachable (array.new_fixed $i 10000))");
    }

    @Test
    void arrayNewDataNeedsADataCountSectionInBinary() {
        Module text = parse("(data $d \"abcd\") (func (result i32) (array.len (array.new_data $b $d (i32.const 0) (i32.const 4))))");
        byte[] binary = ModuleEncoder.encode(text);
        Module decoded = BinaryDecoder.decode(binary, Features.WASM_3_0);
        assertEquals(1, decoded.dataCount().orElse(-1), "the encoder writes the data count the code needs");
        Validator.analyze(decoded, Features.WASM_3_0);
    }
}
