package dev.twasm.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;

import dev.twasm.nodes.TypedReferencesExecutionTest.Configuration;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Execution of the GC struct instructions and of casts to concrete types (Wasm 3.0) on the AST
 * and in the baseline tier (strict: every function translated): {@code struct.new},
 * {@code struct.new_default} (the default of every storage kind), {@code struct.get} of a
 * subtype's struct through its supertype's type, packed fields ({@code get_s}/{@code get_u}
 * extend, {@code set} wraps), the null traps (after {@code struct.set}'s value was evaluated),
 * {@code ref.test}/{@code ref.cast}/{@code br_on_cast}/{@code br_on_cast_fail} to concrete struct
 * and function types, structs in constant expressions, and structs crossing to the host and back.
 */
class GcStructExecutionTest {
    private static Context context(Configuration configuration) {
        return TypedReferencesExecutionTest.context(configuration);
    }

    private static final String MODULE = """
                    (module
                      (type $point (sub (struct (field $x i32) (field $y (mut i32)))))
                      (type $point3 (sub $point (struct (field $x i32) (field $y (mut i32)) (field $z f64))))
                      (type $other (struct (field i32) (field (mut i32))))
                      (type $packed (struct (field $b (mut i8)) (field $h (mut i16))))
                      (type $all (struct (field i32) (field i64) (field f32) (field f64) (field anyref) (field v128) (field i8)))
                      (type $f (sub (func (result i32))))
                      (type $g (sub $f (func (result i32))))
                      (type $unrelated (func (param i32)))
                      (global $counter (mut i32) (i32.const 0))
                      (global $origin (ref $point) (struct.new $point (i32.const 3) (i32.const 4)))
                      (table $t 2 anyref)
                      (elem (table $t) (i32.const 0) anyref (struct.new_default $point3) (struct.new $packed (i32.const -1) (i32.const 65537)))
                      (elem declare func $five)
                      (func $five (type $g) (i32.const 5))
                      (func $tick (result i32) (global.set $counter (i32.add (global.get $counter) (i32.const 1))) (global.get $counter))

                      (func $x (param (ref null $point)) (result i32) (struct.get $point $x (local.get 0)))
                      (func (export "x-of-point") (result i32) (call $x (struct.new $point (i32.const 7) (i32.const 8))))
                      (func (export "x-of-point3") (result i32) (call $x (struct.new $point3 (i32.const 9) (i32.const 10) (f64.const 1.5))))
                      (func (export "z-after-set") (param f64) (result f64)
                        (local $p (ref null $point3))
                        (local.set $p (struct.new $point3 (i32.const 1) (i32.const 2) (local.get 0)))
                        (struct.set $point $y (local.get $p) (i32.const 20))
                        (f64.add (struct.get $point3 2 (local.get $p)) (f64.convert_i32_s (struct.get $point3 $y (local.get $p)))))
                      (func (export "origin") (result i32)
                        (i32.add (i32.mul (struct.get $point 0 (global.get $origin)) (i32.const 10)) (struct.get $point 1 (global.get $origin))))
                      (func (export "null-get") (result i32) (call $x (ref.null none)))
                      (func (export "null-set") (struct.set $point $y (ref.null $point) (call $tick)))
                      (func (export "counter") (result i32) (global.get $counter))

                      (func (export "packed") (param i32) (result i32 i32 i32 i32)
                        (local $s (ref null $packed))
                        (local.set $s (struct.new_default $packed))
                        (struct.set $packed $b (local.get $s) (local.get 0))
                        (struct.set $packed $h (local.get $s) (local.get 0))
                        (struct.get_s $packed $b (local.get $s)) (struct.get_u $packed $b (local.get $s))
                        (struct.get_s $packed $h (local.get $s)) (struct.get_u $packed $h (local.get $s)))
                      (func (export "packed-elem") (result i32 i32)
                        (struct.get_s $packed 0 (ref.cast (ref $packed) (table.get $t (i32.const 1))))
                        (struct.get_u $packed 1 (ref.cast (ref $packed) (table.get $t (i32.const 1)))))
                      (func (export "defaults") (result i32 i64 f32 f64 i32 i32 i32)
                        (local $a (ref null $all))
                        (local.set $a (struct.new_default $all))
                        (struct.get $all 0 (local.get $a)) (struct.get $all 1 (local.get $a)) (struct.get $all 2 (local.get $a))
                        (struct.get $all 3 (local.get $a)) (ref.is_null (struct.get $all 4 (local.get $a)))
                        (i8x16.all_true (i8x16.eq (struct.get $all 5 (local.get $a)) (v128.const i64x2 0 0)))
                        (struct.get_u $all 6 (local.get $a)))

                      (func (export "make") (param i32) (result anyref)
                        (if (result anyref) (local.get 0)
                          (then (struct.new $point3 (i32.const 1) (i32.const 2) (f64.const 3)))
                          (else (struct.new $other (i32.const 1) (i32.const 2)))))
                      (func (export "test-point") (param anyref) (result i32) (ref.test (ref $point) (local.get 0)))
                      (func (export "test-point3") (param anyref) (result i32) (ref.test (ref null $point3) (local.get 0)))
                      (func (export "cast-point") (param anyref) (result i32) (struct.get $point $y (ref.cast (ref $point) (local.get 0))))
                      (func (export "tables") (result i32 i32 i32)
                        (ref.test (ref $point) (table.get $t (i32.const 0)))
                        (ref.test (ref $point3) (table.get $t (i32.const 0)))
                        (ref.test (ref $point) (table.get $t (i32.const 1))))
                      (func (export "branch") (param anyref) (result i32)
                        (block $is (result (ref $point))
                          (br_on_cast $is anyref (ref $point) (local.get 0))
                          (drop)
                          (return (i32.const -1)))
                        (struct.get $point $x))
                      (func (export "branch-fail") (param anyref) (result i32)
                        (block $not (result anyref)
                          (br_on_cast_fail $not anyref (ref $point) (local.get 0))
                          (return (struct.get $point $y)))
                        (drop)
                        (i32.const -1))
                      (func (export "functions") (result i32 i32 i32 i32)
                        (ref.test (ref $f) (ref.func $five))
                        (ref.test (ref $g) (ref.func $five))
                        (ref.test (ref $unrelated) (ref.func $five))
                        (call_ref $f (ref.cast (ref $f) (ref.func $five))))
                      (func (export "abstract") (param anyref) (result i32 i32 i32 i32 i32)
                        (ref.test (ref any) (local.get 0)) (ref.test (ref eq) (local.get 0)) (ref.test (ref struct) (local.get 0))
                        (ref.test (ref array) (local.get 0)) (ref.test (ref i31) (local.get 0)))
                      (func (export "identity") (result i32 i32)
                        (local $s (ref null $point))
                        (local.set $s (struct.new $point (i32.const 1) (i32.const 1)))
                        (ref.eq (local.get $s) (local.get $s))
                        (ref.eq (local.get $s) (struct.new $point (i32.const 1) (i32.const 1))))
                      (func (export "take-eq") (param eqref) (result i32) (ref.test (ref struct) (local.get 0)))
                      (func (export "take-point") (param (ref $point)) (result i32) (struct.get $point $x (local.get 0)))
                      (func (export "take-array") (param arrayref) (result i32) (ref.is_null (local.get 0))))
                    """;

    private static Value exports(Context context) {
        return context.eval("wasm", MODULE).newInstance().getMember("exports");
    }

    /** Runs {@code test} on the exports of an instance of {@link #MODULE} in a context of {@code configuration}. */
    private static void withExports(Configuration configuration, java.util.function.Consumer<Value> test) {
        try (Context context = context(configuration)) {
            test.accept(exports(context));
        }
    }

    private static void assertTrap(String message, Runnable call) {
        PolyglotException e = assertThrows(PolyglotException.class, call::run);
        assertEquals(message, e.getMessage());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
    }

    private static int[] ints(Value results) {
        int[] values = new int[(int) results.getArraySize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = results.getArrayElement(i).asInt();
        }
        return values;
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void aSupertypesStructGetReadsASubtypesStruct(Configuration configuration) {
        withExports(configuration, exports -> {
            assertEquals(7, exports.getMember("x-of-point").execute().asInt());
            assertEquals(9, exports.getMember("x-of-point3").execute().asInt(), "a $point3 read as a $point");
            assertEquals(22.5, exports.getMember("z-after-set").execute(2.5).asDouble(), "a set through $point, reads through $point3");
            assertEquals(34, exports.getMember("origin").execute().asInt(), "a struct made by a global's initializer");
        });
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void packedFieldsExtendAndWrap(Configuration configuration) {
        withExports(configuration, exports -> {
            Value packed = exports.getMember("packed");
            assertEquals(java.util.List.of(-1, 255, -1, 65535), boxed(ints(packed.execute(-1))));
            assertEquals(java.util.List.of(1, 1, 257, 257), boxed(ints(packed.execute(257))), "i8 keeps the low 8 bits");
            assertEquals(java.util.List.of(-128, 128, 128, 128), boxed(ints(packed.execute(128))));
            assertEquals(java.util.List.of(0, 0, -32768, 32768), boxed(ints(packed.execute(0x18000))));
            assertEquals(java.util.List.of(-1, 1), boxed(ints(exports.getMember("packed-elem").execute())),
                            "struct.new in an element segment wraps too");
        });
    }

    private static java.util.List<Integer> boxed(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void newDefaultGivesEveryKindItsDefault(Configuration configuration) {
        withExports(configuration, exports -> {
            Value r = exports.getMember("defaults").execute();
            assertEquals(0, r.getArrayElement(0).asInt());
            assertEquals(0L, r.getArrayElement(1).asLong());
            assertEquals(0f, r.getArrayElement(2).asFloat());
            assertEquals(0d, r.getArrayElement(3).asDouble());
            assertEquals(1, r.getArrayElement(4).asInt(), "a null reference");
            assertEquals(1, r.getArrayElement(5).asInt(), "the zero vector");
            assertEquals(0, r.getArrayElement(6).asInt());
        });
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void nullStructuresTrapAfterTheValueIsEvaluated(Configuration configuration) {
        withExports(configuration, exports -> {
            assertTrap("null structure reference", () -> exports.getMember("null-get").execute());
            assertTrap("null structure reference", () -> exports.getMember("null-set").execute());
            assertEquals(1, exports.getMember("counter").execute().asInt(), "struct.set evaluated its value first");
        });
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void castsToConcreteTypesFollowDeclaredSubtyping(Configuration configuration) {
        withExports(configuration, exports -> {
            Value point3 = exports.getMember("make").execute(1);
            Value other = exports.getMember("make").execute(0);
            assertEquals(1, exports.getMember("test-point").execute(point3).asInt(), "$point3 <: $point");
            assertEquals(0, exports.getMember("test-point").execute(other).asInt(), "the same fields but no declared supertype");
            assertEquals(0, exports.getMember("test-point").execute((Object) null).asInt());
            assertEquals(1, exports.getMember("test-point3").execute((Object) null).asInt());
            assertEquals(2, exports.getMember("cast-point").execute(point3).asInt());
            assertTrap("cast failure", () -> exports.getMember("cast-point").execute(other));
            assertTrap("cast failure", () -> exports.getMember("cast-point").execute((Object) null));
            assertEquals(java.util.List.of(1, 1, 0), boxed(ints(exports.getMember("tables").execute())));
            assertEquals(1, exports.getMember("branch").execute(point3).asInt());
            assertEquals(-1, exports.getMember("branch").execute(other).asInt());
            assertEquals(-1, exports.getMember("branch").execute((Object) null).asInt());
            assertEquals(2, exports.getMember("branch-fail").execute(point3).asInt());
            assertEquals(-1, exports.getMember("branch-fail").execute(other).asInt());
            assertEquals(java.util.List.of(1, 1, 0, 5), boxed(ints(exports.getMember("functions").execute())));
            assertEquals(java.util.List.of(1, 1, 1, 0, 0), boxed(ints(exports.getMember("abstract").execute(point3))), "a struct is any, eq, struct");
            assertEquals(java.util.List.of(1, 0), boxed(ints(exports.getMember("identity").execute())), "ref.eq compares structs by identity");
        });
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void structsCrossTheHostBoundaryAsTheirTypes(Configuration configuration) {
        withExports(configuration, exports -> {
            Value point3 = exports.getMember("make").execute(1);
            assertFalse(point3.isNull());
            assertEquals(1, exports.getMember("take-eq").execute(point3).asInt());
            assertEquals(1, exports.getMember("take-point").execute(point3).asInt(), "a (ref $point) from a $point3");
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                            () -> exports.getMember("take-point").execute(exports.getMember("make").execute(0)));
            assertTrue(wrongType.getMessage().contains("struct or array of that type"), wrongType.getMessage());
            IllegalArgumentException notArray = assertThrows(IllegalArgumentException.class, () -> exports.getMember("take-array").execute(point3));
            assertTrue(notArray.getMessage().contains("expected an arrayref: an array from WebAssembly or null"), notArray.getMessage());
            ProxyObject host = ProxyObject.fromMap(new HashMap<>());
            IllegalArgumentException notStruct = assertThrows(IllegalArgumentException.class, () -> exports.getMember("take-eq").execute(host));
            assertTrue(notStruct.getMessage().contains("an i31, struct or array from WebAssembly"), notStruct.getMessage());
        });
    }
}
