package dev.twasm.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.nodes.TypedReferencesExecutionTest.Configuration;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Execution of the GC array instructions (Wasm 3.0) on the AST and in the baseline tier (strict:
 * every function translated), beyond what the spec scripts check: packed elements (wrapping on
 * {@code array.set}, sign and zero extension on {@code array.get_s/u}), every storage kind
 * ({@code i64}, {@code f32} with a NaN payload, {@code f64}, references, {@code v128}),
 * little-endian decoding of data segments, {@code array.copy} of overlapping ranges in both
 * directions, the bounds of {@code array.fill}, {@code array.copy} and the segment instructions
 * with unsigned offsets and lengths, arrays made by constant expressions (globals, element
 * segments of a table of arrays), and arrays passed to the host and back (by their type and its
 * abstract supertypes only).
 */
class GcArrayExecutionTest {
    private static final String MODULE = """
                    (module
                      (type $b (array (mut i8)))
                      (type $h (array (mut i16)))
                      (type $w (array (mut i32)))
                      (type $l (array (mut i64)))
                      (type $f (array (mut f32)))
                      (type $d (array (mut f64)))
                      (type $v (array (mut v128)))
                      (type $r (array (mut (ref null $w))))
                      (data $bytes "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\81\\ff")
                      (data $nan "\\01\\00\\a0\\7f")
                      (global $fixed (ref $l) (array.new_fixed $l 3 (i64.const -1) (i64.const 2) (i64.const 0x1_0000_0000)))
                      (table $t 2 (ref null $w))
                      (elem (table $t) (i32.const 0) (ref null $w) (array.new $w (i32.const 7) (i32.const 5)) (array.new_default $w (i32.const 2)))

                      (func (export "i8-set-get") (param $v i32) (param $signed i32) (result i32)
                        (local $a (ref $b))
                        (local.set $a (array.new_default $b (i32.const 4)))
                        (array.set $b (local.get $a) (i32.const 3) (local.get $v))
                        (if (result i32) (local.get $signed)
                          (then (array.get_s $b (local.get $a) (i32.const 3)))
                          (else (array.get_u $b (local.get $a) (i32.const 3)))))
                      (func (export "i16-set-get") (param $v i32) (param $signed i32) (result i32)
                        (local $a (ref $h))
                        (local.set $a (array.new $h (local.get $v) (i32.const 2)))
                        (if (result i32) (local.get $signed)
                          (then (array.get_s $h (local.get $a) (i32.const 1)))
                          (else (array.get_u $h (local.get $a) (i32.const 1)))))
                      (func (export "data-i8") (param $i i32) (result i32)
                        (array.get_s $b (array.new_data $b $bytes (i32.const 16) (i32.const 2)) (local.get $i)))
                      (func (export "data-i16") (param $i i32) (result i32)
                        (array.get_u $h (array.new_data $h $bytes (i32.const 1) (i32.const 8)) (local.get $i)))
                      (func (export "data-i32") (param $i i32) (result i32)
                        (array.get $w (array.new_data $w $bytes (i32.const 0) (i32.const 4)) (local.get $i)))
                      (func (export "data-i64") (param $i i32) (result i64)
                        (array.get $l (array.new_data $l $bytes (i32.const 0) (i32.const 2)) (local.get $i)))
                      (func (export "new-data-len") (param $s i32) (param $n i32) (result i32)
                        (array.len (array.new_data $l $bytes (local.get $s) (local.get $n))))
                      (func (export "data-f32-bits") (result i32)
                        (i32.reinterpret_f32 (array.get $f (array.new_data $f $nan (i32.const 0) (i32.const 1)) (i32.const 0))))
                      (func (export "data-f64-bits") (result i64)
                        (i64.reinterpret_f64 (array.get $d (array.new_data $d $bytes (i32.const 8) (i32.const 1)) (i32.const 0))))
                      (func (export "data-v128-lane") (param $lane i32) (result i64)
                        (local $a (ref $v))
                        (local.set $a (array.new_data $v $bytes (i32.const 0) (i32.const 1)))
                        (if (result i64) (local.get $lane)
                          (then (i64x2.extract_lane 1 (array.get $v (local.get $a) (i32.const 0))))
                          (else (i64x2.extract_lane 0 (array.get $v (local.get $a) (i32.const 0))))))
                      (func (export "init-data-i16") (param $d i32) (param $s i32) (param $n i32) (result i32)
                        (local $a (ref $h))
                        (local.set $a (array.new $h (i32.const -1) (i32.const 4)))
                        (array.init_data $h $bytes (local.get $a) (local.get $d) (local.get $s) (local.get $n))
                        (i32.add (i32.mul (array.get_u $h (local.get $a) (i32.const 0)) (i32.const 0x10000))
                                 (array.get_u $h (local.get $a) (i32.const 3))))
                      (func (export "v128-default") (result i64)
                        (i64x2.extract_lane 1 (array.get $v (array.new_default $v (i32.const 1)) (i32.const 0))))

                      (func $iota (param $n i32) (result (ref $w))
                        (local $a (ref $w)) (local $i i32)
                        (local.set $a (array.new_default $w (local.get $n)))
                        (block $done
                          (loop $next
                            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                            (array.set $w (local.get $a) (local.get $i) (local.get $i))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br $next)))
                        (local.get $a))
                      ;; copies within one array of 0..9, returns elements 0..7 as decimal digits
                      (func (export "copy-within") (param $d i32) (param $s i32) (param $n i32) (result i32)
                        (local $a (ref $w)) (local $i i32) (local $r i32)
                        (local.set $a (call $iota (i32.const 10)))
                        (array.copy $w $w (local.get $a) (local.get $d) (local.get $a) (local.get $s) (local.get $n))
                        (block $done
                          (loop $next
                            (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
                            (local.set $r (i32.add (i32.mul (local.get $r) (i32.const 10)) (array.get $w (local.get $a) (local.get $i))))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br $next)))
                        (local.get $r))
                      (func (export "copy-refs") (result i32)
                        (local $x (ref $r)) (local $y (ref $r))
                        (local.set $x (array.new $r (call $iota (i32.const 3)) (i32.const 2)))
                        (local.set $y (array.new_default $r (i32.const 3)))
                        (array.copy $r $r (local.get $y) (i32.const 1) (local.get $x) (i32.const 0) (i32.const 2))
                        (i32.add (i32.add (ref.is_null (array.get $r (local.get $y) (i32.const 0)))
                                          (ref.eq (array.get $r (local.get $y) (i32.const 1)) (array.get $r (local.get $x) (i32.const 1))))
                                 (array.get $w (array.get $r (local.get $y) (i32.const 2)) (i32.const 2))))
                      (func (export "fill-f64") (param $d i32) (param $n i32) (result f64)
                        (local $a (ref $d))
                        (local.set $a (array.new $d (f64.const 1.5) (i32.const 4)))
                        (array.fill $d (local.get $a) (local.get $d) (f64.const -2.25) (local.get $n))
                        (f64.add (array.get $d (local.get $a) (i32.const 0)) (array.get $d (local.get $a) (i32.const 3))))
                      (func (export "fill-i8") (param $v i32) (result i32)
                        (local $a (ref $b))
                        (local.set $a (array.new_default $b (i32.const 3)))
                        (array.fill $b (local.get $a) (i32.const 1) (local.get $v) (i32.const 2))
                        (i32.add (array.get_u $b (local.get $a) (i32.const 0)) (array.get_u $b (local.get $a) (i32.const 2))))
                      (func (export "f32-round-trip") (param $x f32) (result f32)
                        (array.get $f (array.new_fixed $f 2 (f32.const 0) (local.get $x)) (i32.const 1)))
                      (func (export "make") (param $n i32) (result (ref $w)) (call $iota (local.get $n)))
                      (func (export "make-bytes") (result (ref $b)) (array.new_default $b (i32.const 1)))
                      (func (export "len-of") (param arrayref) (result i32) (array.len (local.get 0)))
                      (func (export "last-of") (param (ref null $w)) (result i32)
                        (array.get $w (local.get 0) (i32.sub (array.len (local.get 0)) (i32.const 1))))
                      (func (export "same") (param eqref (ref null $w)) (result i32) (ref.eq (local.get 0) (local.get 1)))
                      (func (export "get") (param $i i32) (result i32)
                        (array.get $w (call $iota (i32.const 3)) (local.get $i)))
                      (func (export "get-null") (result i32)
                        (array.get $w (ref.null $w) (i32.const 0)))
                      (func (export "len-null") (result i32)
                        (array.len (ref.null none)))
                      (func (export "global") (param $i i32) (result i64)
                        (array.get $l (global.get $fixed) (local.get $i)))
                      (func (export "table") (param $i i32) (result i32)
                        (i32.add (i32.mul (array.len (table.get $t (local.get $i))) (i32.const 100))
                                 (array.get $w (table.get $t (local.get $i)) (i32.const 1)))))
                    """;

    private static void assertTrap(String message, Runnable call) {
        PolyglotException e = assertThrows(PolyglotException.class, call::run);
        assertEquals(message, e.getMessage());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
    }

    private static Value exports(Context context) {
        return context.eval("wasm", MODULE).newInstance().getMember("exports");
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void packedElementsWrapAndExtend(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value exports = exports(context);
            assertEquals(0xff, exports.getMember("i8-set-get").execute(0x1ff, 0).asInt());
            assertEquals(-1, exports.getMember("i8-set-get").execute(0x1ff, 1).asInt());
            assertEquals(0x7f, exports.getMember("i8-set-get").execute(0x7f, 1).asInt());
            assertEquals(-128, exports.getMember("i8-set-get").execute(0x80, 1).asInt());
            assertEquals(0x8001, exports.getMember("i16-set-get").execute(0x1_8001, 0).asInt());
            assertEquals(-0x7fff, exports.getMember("i16-set-get").execute(0x1_8001, 1).asInt());
            assertEquals(1, exports.getMember("fill-i8").execute(0x101).asInt(), "element 0 untouched, element 2 filled with the low byte");
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void dataSegmentsDecodeLittleEndian(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value exports = exports(context);
            assertEquals(-127, exports.getMember("data-i8").execute(0).asInt());
            assertEquals(-1, exports.getMember("data-i8").execute(1).asInt());
            assertEquals(0x0302, exports.getMember("data-i16").execute(0).asInt(), "odd byte offset");
            assertEquals(0x8110, exports.getMember("data-i16").execute(7).asInt());
            assertEquals(0x04030201, exports.getMember("data-i32").execute(0).asInt());
            assertEquals(0x100f0e0d, exports.getMember("data-i32").execute(3).asInt());
            assertEquals(0x100f0e0d0c0b0a09L, exports.getMember("data-i64").execute(1).asLong());
            assertEquals(0x7fa00001, exports.getMember("data-f32-bits").execute().asInt(), "a NaN keeps its payload");
            assertEquals(0x100f0e0d0c0b0a09L, exports.getMember("data-f64-bits").execute().asLong());
            assertEquals(0x0807060504030201L, exports.getMember("data-v128-lane").execute(0).asLong());
            assertEquals(0x100f0e0d0c0b0a09L, exports.getMember("data-v128-lane").execute(1).asLong());
            assertEquals(0, exports.getMember("v128-default").execute().asLong());
            assertEquals(2, exports.getMember("new-data-len").execute(2, 2).asInt(), "the last 16 of the 18 bytes");
            assertTrap("out of bounds memory access", () -> exports.getMember("new-data-len").execute(3, 2));
            assertTrap("out of bounds memory access", () -> exports.getMember("new-data-len").execute(0, 0x8000_0000));
            assertTrap("out of bounds memory access", () -> exports.getMember("new-data-len").execute(19, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void initDataChecksTheArrayThenTheSegment(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value init = exports(context).getMember("init-data-i16");
            assertEquals(0x0201_ffff, init.execute(0, 0, 1).asInt());
            assertEquals(0xffff_0807, init.execute(3, 6, 1).asInt());
            assertEquals(0xffff_ffff, init.execute(4, 18, 0).asInt(), "empty ranges at the ends are in bounds");
            assertTrap("out of bounds memory access", () -> init.execute(4, 19, 0));
            assertTrap("out of bounds array access", () -> init.execute(3, 100, 2));
            assertTrap("out of bounds memory access", () -> init.execute(0, 17, 1)); // one byte of the two left
            assertTrap("out of bounds array access", () -> init.execute(1, 0, -1));
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void copyOfOverlappingRangesIsAsIfThroughATemporary(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value copy = exports(context).getMember("copy-within");
            assertEquals(1234567, copy.execute(0, 0, 0).asInt());
            assertEquals(1012345, copy.execute(2, 0, 8).asInt(), "forward: 0 1 0 1 2 3 4 5");
            assertEquals(23456789, copy.execute(0, 2, 8).asInt(), "backward: 2 3 4 5 6 7 8 9");
            assertEquals(1234567, copy.execute(10, 0, 0).asInt());
            assertTrap("out of bounds array access", () -> copy.execute(3, 0, 8));
            assertTrap("out of bounds array access", () -> copy.execute(0, 11, 0));
            assertTrap("out of bounds array access", () -> copy.execute(1, 0, -1));
            assertEquals(1 + 1 + 2, exports(context).getMember("copy-refs").execute().asInt(), "references are copied, not their arrays");
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void everyStorageKindAndItsBounds(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value exports = exports(context);
            assertEquals(-0.75, exports.getMember("fill-f64").execute(3, 1).asDouble());
            assertEquals(3.0, exports.getMember("fill-f64").execute(1, 2).asDouble(), "the ends untouched");
            assertEquals(-4.5, exports.getMember("fill-f64").execute(0, 4).asDouble());
            assertEquals(3.0, exports.getMember("fill-f64").execute(4, 0).asDouble());
            assertTrap("out of bounds array access", () -> exports.getMember("fill-f64").execute(5, 0));
            assertTrap("out of bounds array access", () -> exports.getMember("fill-f64").execute(2, -1));
            assertEquals(-3.25f, exports.getMember("f32-round-trip").execute(-3.25f).asFloat());
            assertEquals(2, exports.getMember("get").execute(2).asInt());
            assertTrap("out of bounds array access", () -> exports.getMember("get").execute(3));
            assertTrap("out of bounds array access", () -> exports.getMember("get").execute(-1));
            assertTrap("null array reference", () -> exports.getMember("get-null").execute());
            assertTrap("null array reference", () -> exports.getMember("len-null").execute());
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void arraysPassThroughTheHostAndBack(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value exports = exports(context);
            Value array = exports.getMember("make").execute(5);
            assertEquals(5, exports.getMember("len-of").execute(array).asInt());
            assertEquals(4, exports.getMember("last-of").execute(array).asInt());
            assertEquals(1, exports.getMember("same").execute(array, array).asInt());
            assertEquals(0, exports.getMember("same").execute(array, exports.getMember("make").execute(5)).asInt());
            Value bytes = exports.getMember("make-bytes").execute();
            assertEquals(1, exports.getMember("len-of").execute(bytes).asInt());
            // an array of another type, or a host value, is a type error of the call
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exports.getMember("last-of").execute(bytes));
            assertTrue(e.getMessage().contains("expected a (ref null "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> exports.getMember("len-of").execute(42));
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void constantExpressionsAllocateArrays(Configuration configuration) {
        try (Context context = TypedReferencesExecutionTest.context(configuration)) {
            Value exports = exports(context);
            assertEquals(-1L, exports.getMember("global").execute(0).asLong());
            assertEquals(0x1_0000_0000L, exports.getMember("global").execute(2).asLong());
            assertEquals(507, exports.getMember("table").execute(0).asInt());
            assertEquals(200, exports.getMember("table").execute(1).asInt());
        }
    }
}
