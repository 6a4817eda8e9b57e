package dev.twasm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.text.WatParser;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Validation of exception handling (Wasm 3.0 §3.3.8 and the legacy instructions of its appendix),
 * with the messages the spec scripts {@code tag.wast}, {@code throw.wast}, {@code throw_ref.wast},
 * {@code try_table.wast} and {@code legacy/*.wast} check.
 */
class ExceptionHandlingValidationTest {
    private static ValidationResult valid(String text) {
        return Validator.analyze(WatParser.parseModule(text));
    }

    private static void invalid(String expected, String text) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> valid(text));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void tagTypesHaveNoResults() {
        invalid("non-empty tag result type", "(module (tag (result i32)))");
        invalid("non-empty tag result type", "(module (import \"\" \"\" (tag (result i32))))");
        invalid("unknown type 3", "(module (tag (type 3)))");
        invalid("unknown tag 1", "(module (tag) (export \"t\" (tag 1)))");
        valid("(module (import \"m\" \"t\" (tag)) (tag (param i32 f64)) (export \"t\" (tag 1)))");
    }

    @Test
    void throwTakesTheTagsValues() {
        invalid("unknown tag 0", "(module (func (throw 0)))");
        invalid("type mismatch: instruction requires [i32] but stack has []", "(module (tag (param i32)) (func (throw 0)))");
        invalid("type mismatch: instruction requires [i32] but stack has [i64]", "(module (tag (param i32)) (func (i64.const 5) (throw 0)))");
        valid("(module (tag (param i32)) (func (result f32) (throw 0 (i32.const 1))))");
    }

    @Test
    void throwRefTakesAnExnref() {
        invalid("type mismatch: instruction requires [exnref] but stack has []", "(module (func (throw_ref)))");
        invalid("type mismatch", "(module (func (block (throw_ref))))");
        invalid("type mismatch: instruction requires [exnref] but stack has [externref]", "(module (func (throw_ref (ref.null extern))))");
        valid("(module (func (param exnref) (result i64) (throw_ref (local.get 0))))");
    }

    @Test
    void tryTableIsABlockWhoseCatchLabelsTakeWhatTheClausesPass() {
        invalid("type mismatch: instruction requires [i32] but stack has []", "(module (func (result i32) (try_table (result i32))))");
        invalid("type mismatch: instruction requires [i32] but stack has [i64]", "(module (func (result i32) (try_table (result i32) (i64.const 42))))");
        invalid("type mismatch", "(module (tag) (func (try_table (catch_ref 0 0))))");
        invalid("type mismatch", "(module (tag) (func (result exnref) (try_table (catch 0 0)) (unreachable)))");
        invalid("type mismatch", "(module (func (try_table (catch_all_ref 0))))");
        invalid("type mismatch", "(module (func (result exnref) (try_table (catch_all 0)) (unreachable)))");
        invalid("type mismatch: catch_ref clause passes [i64 (ref exn)] but label 0 takes [i32 exnref]",
                        "(module (tag (param i64)) (func (result i32 exnref) (try_table (result i32) (catch_ref 0 0) (i32.const 42))))");
        invalid("unknown tag 1", "(module (tag) (func (try_table (catch 1 0))))");
        invalid("unknown label 1", "(module (func (try_table (catch_all 1))))");
        ValidationResult r = valid("""
                        (module (tag $e (param i32))
                          (func (result i32 exnref)
                            (block $none
                              (try_table (catch_ref $e 1) (catch_all $none) (throw $e (i32.const 1))))
                            (unreachable))
                          (func (result exnref) (try_table (result exnref) (catch_all_ref 0) (unreachable)))
                          (func (result i32) (loop $l (result i32) (try_table (catch_all $l) (nop)) (i32.const 0))))
                        """);
        assertTrue(r.function(0).exceptionHandling());
    }

    @Test
    void legacyTryCatchAndDelegate() {
        invalid("type mismatch: instruction requires [i32] but stack has []", "(module (func (result i32) (try (result i32) (do))))");
        invalid("type mismatch: instruction requires [i32] but stack has [i64]",
                        "(module (func (result i32) (try (result i32) (do (i64.const 42)))))");
        invalid("type mismatch: block requires [] but stack has [i32]", "(module (tag) (func (try (do) (catch 0 (i32.const 42)))))");
        invalid("type mismatch: instruction requires [i32] but stack has [i64]",
                        "(module (tag (param i64)) (func (result i32) (try (result i32) (do (i32.const 42)) (catch 0))))");
        invalid("type mismatch: block requires [] but stack has [i32]", "(module (func (try (do) (catch_all (i32.const 42)))))");
        invalid("unknown label", "(module (func (try (do) (delegate 1))))");
        invalid("unknown tag 0", "(module (func (try (do) (catch 0))))");
        valid("(module (tag (param i32)) (func (result i32) (try (result i32) (do (i32.const 1)) (catch 0) (catch_all (i32.const 2)))))");
        valid("(module (func (try (do) (delegate 0))) (func (block (try (do) (delegate 1)))))");
    }

    @Test
    void rethrowNamesALegacyCatch() {
        invalid("invalid rethrow label", "(module (func (rethrow 0)))");
        invalid("invalid rethrow label", "(module (func (block (rethrow 0))))");
        invalid("invalid rethrow label", "(module (func (try (do (rethrow 0)) (delegate 0))))");
        invalid("invalid rethrow label", "(module (tag) (func (try (do) (catch 0 (block (rethrow 0))))))");
        invalid("unknown label 2", "(module (func (try (do) (catch_all (rethrow 2)))))");
        valid("(module (tag) (func (try (do) (catch 0 (block (rethrow 1))) (catch_all (rethrow 0)))))");
    }

    @Test
    void handlersOutsideATryDoNotNest() {
        // (func catch_all end), (func block catch 0 end), (func try catch_all catch_all end), (func try catch_all delegate 0)
        for (String body : new String[] {"19 0b", "02 40 07 00 0b 0b", "06 40 19 19 0b 0b", "06 40 19 18 00 0b"}) {
            int size = body.replace(" ", "").length() / 2 + 1;
            String module = "0061736d01000000 0104016000 00 03020100 0d03010000 0a" + hex(size + 2) + "01" + hex(size) + "00" + body;
            MalformedModuleException e = assertThrows(MalformedModuleException.class,
                            () -> Validator.analyze(BinaryDecoder.decode(HexFormat.of().parseHex(module.replace(" ", "")), Features.WASM_3_0)), body);
            assertEquals("END opcode expected", e.reason(), body);
        }
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }

    @Test
    void functionsWithoutExceptionHandlingAreMarkedSo() {
        ValidationResult r = valid("(module (tag) (func (block (br 0))) (func (throw 0)) (func try end) (func (param exnref) (drop (local.get 0))))");
        assertFalse(r.function(0).exceptionHandling());
        assertTrue(r.function(1).exceptionHandling());
        assertTrue(r.function(2).exceptionHandling());
        assertFalse(r.function(3).exceptionHandling());
    }
}
