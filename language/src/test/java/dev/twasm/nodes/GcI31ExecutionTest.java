package dev.twasm.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
 * Execution of the first GC instructions (Wasm 3.0), those that need no struct or array types, on
 * the AST and in the baseline tier (strict: every function translated): {@code ref.i31},
 * {@code i31.get_s}, {@code i31.get_u} and their null trap, {@code ref.eq}, {@code ref.test} and
 * {@code ref.cast} with abstract types, {@code any.convert_extern} and {@code extern.convert_any}
 * (a host value round-trips as itself), in code and in constant expressions, and i31s crossing
 * to the host and back.
 */
class GcI31ExecutionTest {
    /** The configurations and contexts of the typed references tests. */
    private static Context context(Configuration configuration) {
        return TypedReferencesExecutionTest.context(configuration);
    }

    private static final String MODULE = """
                    (module
                      (global $g (ref i31) (ref.i31 (i32.const -5)))
                      (global $e externref (extern.convert_any (ref.i31 (i32.const 9))))
                      (func (export "get_s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
                      (func (export "get_u") (param i32) (result i32) (i31.get_u (ref.i31 (local.get 0))))
                      (func (export "get_s-null") (result i32) (i31.get_s (ref.null i31)))
                      (func (export "get_u-null") (result i32) (i31.get_u (ref.null none)))
                      (func (export "eq") (param i32 i32) (result i32) (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
                      (func (export "eq-null") (result i32) (ref.eq (ref.null none) (ref.null eq)))
                      (func (export "eq-mixed") (result i32) (ref.eq (ref.null i31) (ref.i31 (i32.const 0))))
                      (func (export "new") (param i32) (result (ref i31)) (ref.i31 (local.get 0)))
                      (func (export "unwrap") (param i31ref) (result i32) (i31.get_u (local.get 0)))
                      (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
                      (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
                      (func (export "round-trip") (param externref) (result externref)
                        (extern.convert_any (any.convert_extern (local.get 0))))
                      (func (export "is-i31") (param anyref) (result i32) (ref.test (ref i31) (local.get 0)))
                      (func (export "is-eq-or-null") (param anyref) (result i32) (ref.test eqref (local.get 0)))
                      (func (export "cast-i31") (param anyref) (result i32) (i31.get_s (ref.cast i31ref (local.get 0))))
                      (func (export "global") (result i32) (i31.get_s (global.get $g)))
                      (func (export "extern-global") (result i32)
                        (i31.get_u (ref.cast (ref i31) (any.convert_extern (global.get $e))))))
                    """;

    private static void assertTrap(String message, Runnable call) {
        PolyglotException e = assertThrows(PolyglotException.class, call::run);
        assertEquals(message, e.getMessage());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void i31GetExtendsThe31BitsAndTrapsOnNull(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            assertEquals(-1, exports.getMember("get_s").execute(-1).asInt());
            assertEquals(0x7fff_ffff, exports.getMember("get_u").execute(-1).asInt());
            assertEquals(-0x4000_0000, exports.getMember("get_s").execute(0x4000_0000).asInt());
            assertEquals(0x4000_0000, exports.getMember("get_u").execute(0x4000_0000).asInt());
            assertEquals(0x2aaa_aaaa, exports.getMember("get_s").execute(0xaaaa_aaaa).asInt(), "bit 31 is dropped");
            assertEquals(-5, exports.getMember("global").execute().asInt());
            assertEquals(9, exports.getMember("extern-global").execute().asInt());
            assertTrap("null i31 reference", () -> exports.getMember("get_s-null").execute());
            assertTrap("null i31 reference", () -> exports.getMember("get_u-null").execute());
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void refEqComparesI31sByValue(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            assertEquals(1, exports.getMember("eq").execute(3, 3).asInt());
            assertEquals(0, exports.getMember("eq").execute(3, 4).asInt());
            assertEquals(1, exports.getMember("eq").execute(0x8000_0005, 5).asInt(), "the same 31 bits");
            assertEquals(1, exports.getMember("eq-null").execute().asInt());
            assertEquals(0, exports.getMember("eq-mixed").execute().asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void i31sAndHostValuesCrossTheBoundary(Configuration configuration) {
        try (Context context = context(configuration)) {
            Value exports = context.eval("wasm", MODULE).newInstance().getMember("exports");
            Value i31 = exports.getMember("new").execute(77);
            assertFalse(i31.isNull());
            assertFalse(i31.isNumber(), "an opaque reference");
            assertEquals(77, exports.getMember("unwrap").execute(i31).asInt());
            assertEquals(1, exports.getMember("is-i31").execute(i31).asInt());
            assertEquals(77, exports.getMember("cast-i31").execute(i31).asInt());
            assertEquals(77, exports.getMember("unwrap").execute(exports.getMember("externalize").execute(i31)).asInt());

            ProxyObject host = ProxyObject.fromMap(new HashMap<>());
            assertSame(host, exports.getMember("round-trip").execute(host).asProxyObject());
            Value internal = exports.getMember("internalize").execute(host);
            assertSame(host, exports.getMember("externalize").execute(internal).asProxyObject(), "externalized back to the same value");
            assertEquals(0, exports.getMember("is-i31").execute(host).asInt());
            assertEquals(0, exports.getMember("is-eq-or-null").execute(host).asInt());
            assertEquals(1, exports.getMember("is-eq-or-null").execute((Object) null).asInt());
            assertTrue(exports.getMember("internalize").execute((Object) null).isNull());
            assertTrap("cast failure", () -> exports.getMember("cast-i31").execute(host));
            assertTrap("null i31 reference", () -> exports.getMember("cast-i31").execute((Object) null)); // i31ref includes null

            // a type error of the polyglot API: only i31s that Wasm handed out are i31refs
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exports.getMember("unwrap").execute(host));
            assertTrue(e.getMessage().contains("expected an i31ref"), e.getMessage());
        }
    }
}
