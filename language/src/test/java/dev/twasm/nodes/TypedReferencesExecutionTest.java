package dev.twasm.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Execution of typed function references (Wasm 3.0) on the AST and in the baseline tier (the
 * language module's tests run without the Graal compiler; the spec scripts cover the compiled
 * configuration): {@code call_ref} and its null trap, {@code return_call_ref} in constant stack,
 * {@code ref.as_non_null}, {@code br_on_null}, {@code br_on_non_null} and non-nullable locals;
 * declared subtypes (GC's recursive types) in {@code call_indirect} and at the host boundary.
 */
class TypedReferencesExecutionTest {
    enum Configuration {
        AST(Map.of("wasm.Baseline", "false")),
        BASELINE(Map.of("wasm.Baseline", "true", "wasm.BaselineThreshold", Long.toString(Long.MAX_VALUE), "wasm.BaselineStrict", "true"));

        final Map<String, String> options;

        Configuration(Map<String, String> options) {
            this.options = options;
        }
    }

    private static final String MODULE = """
                    (module
                      (type $binary (func (param i32 i32) (result i32)))
                      (type $count (func (param i32 i32) (result i32)))
                      (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
                      (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
                      (elem declare func $add $sub $count)
                      (func (export "apply") (param $which i32) (param i32 i32) (result i32)
                        (local $f (ref $binary))
                        (local.set $f (select (result (ref $binary)) (ref.func $add) (ref.func $sub) (local.get $which)))
                        (call_ref $binary (local.get 1) (local.get 2) (local.get $f)))
                      (func (export "apply-null") (result i32)
                        (call_ref $binary (i32.const 1) (i32.const 2) (ref.null $binary)))
                      ;; counts n down to 0 through a million-deep chain of tail calls by reference
                      (func $count (export "count") (type $count)
                        (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
                          (else (return_call_ref $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1))
                                  (ref.func $count)))))
                      (func (export "non-null") (param externref) (result externref) (ref.as_non_null (local.get 0)))
                      ;; 1 when null, else 2 (the reference went on)
                      (func (export "on-null") (param externref) (result i32)
                        (block $null (drop (br_on_null $null (local.get 0))) (return (i32.const 2)))
                        (i32.const 1))
                      ;; the reference when not null, else 7 as an i32 in a second result
                      (func (export "on-non-null") (param funcref) (result i32)
                        (block $f (result (ref func)) (br_on_non_null $f (local.get 0)) (return (i32.const 7)))
                        (drop) (i32.const 8)))
                    """;

    static Context context(Configuration configuration) {
        return Context.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option("wasm.FunctionReferences", "true").options(configuration.options).build();
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void callRefCallsTheReferencedFunctionAndTrapsOnNull(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            for (int i = 0; i < 3; i++) {
                assertEquals(12, exports.getMember("apply").execute(1, 5, 7).asInt());
                assertEquals(-2, exports.getMember("apply").execute(0, 5, 7).asInt());
            }
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("apply-null").execute());
            assertEquals("null function reference", e.getMessage());
            assertTrue(e.isGuestException());
            assertFalse(e.isInternalError());
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void returnCallRefRunsInConstantStack(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            assertEquals(1_000_000, exports.getMember("count").execute(1_000_000, 0).asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void nullChecksBranchOrTrap(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            Value apply = exports.getMember("apply");
            assertEquals("x", exports.getMember("non-null").execute("x").asString());
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("non-null").execute((Object) null));
            assertEquals("null reference", e.getMessage());
            for (int i = 0; i < 3; i++) {
                assertEquals(1, exports.getMember("on-null").execute((Object) null).asInt());
                assertEquals(2, exports.getMember("on-null").execute("y").asInt());
                assertEquals(7, exports.getMember("on-non-null").execute((Object) null).asInt());
                assertEquals(8, exports.getMember("on-non-null").execute(apply).asInt());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void aHostValueForANonNullableParameterMustNotBeNull(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value f = context.eval("wasm", "(module (func (export \"f\") (param (ref extern)) (result i32) (i32.const 3)))").newInstance()
                            .getMember("exports").getMember("f");
            assertEquals(3, f.execute("z").asInt());
            // the polyglot API's error for an argument the function cannot take
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.execute((Object) null));
            assertTrue(e.getMessage().contains("expected a (ref extern)"), e.getMessage());
        }
    }

    /** A module whose function {@code $g} has a declared subtype of {@code $f}'s type, and one structurally equal but undeclared. */
    private static final String SUBTYPES = """
                    (module
                      (type $f (sub (func (result i32))))
                      (type $g (sub $f (func (result i32))))
                      (type $h (func (result i32)))
                      (rec (type $other (func (result i32))) (type (struct)))
                      (func $sub (type $g) (i32.const 7))
                      (func $plain (type $other) (i32.const 8))
                      (table funcref (elem $sub $plain))
                      (func (export "as-f") (param i32) (result i32) (call_indirect (type $f) (local.get 0)))
                      (func (export "as-g") (param i32) (result i32) (call_indirect (type $g) (local.get 0)))
                      (func (export "as-h") (param i32) (result i32) (call_indirect (type $h) (local.get 0)))
                      (func (export "take-f") (param (ref $f)) (result i32) (call_ref $f (local.get 0)))
                      (func (export "sub") (result (ref $g)) (ref.func $sub))
                      (func (export "plain") (result (ref $other)) (ref.func $plain)))
                    """;

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void callIndirectAcceptsDeclaredSubtypesOnly(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", SUBTYPES).newInstance().getMember("exports");
            assertEquals(7, exports.getMember("as-f").execute(0).asInt(), "$g is a declared subtype of $f");
            assertEquals(7, exports.getMember("as-g").execute(0).asInt());
            for (String caller : new String[]{"as-f", "as-g", "as-h"}) {
                // a type in another recursion group is another type, however equal its structure
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember(caller).execute(1));
                assertTrue(e.getMessage().contains("indirect call type mismatch"), e.getMessage());
            }
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("as-h").execute(0));
            assertTrue(e.getMessage().contains("indirect call type mismatch"), "$h differs from $f only in being final, and is no supertype of $g");
            // at the host boundary, too, a function of a subtype is a (ref $f), one of another group is not
            assertEquals(7, exports.getMember("take-f").execute(exports.getMember("sub").execute()).asInt());
            Value plain = exports.getMember("plain").execute();
            assertThrows(IllegalArgumentException.class, () -> exports.getMember("take-f").execute(plain));
        }
    }
}
