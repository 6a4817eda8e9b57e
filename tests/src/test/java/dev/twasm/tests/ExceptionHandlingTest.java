package dev.twasm.tests;

import dev.twasm.launcher.wast.Outcome;
import dev.twasm.launcher.wast.ScriptSession;
import dev.twasm.tests.spec.EngineConfiguration;
import dev.twasm.text.WastParser;
import dev.twasm.text.script.Command;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exception handling (Wasm 3.0) executes in every engine configuration (AST interpreter,
 * Graal-compiled, baseline tier): exceptions cross functions and instances, handlers match tags by
 * identity, {@code exnref} rethrows the same exception, payloads of every value type survive, and
 * {@code catch_all} takes Wasm exceptions only (not host exceptions, traps or stack exhaustion).
 * An exception no handler takes reaches Java as a guest {@code PolyglotException} whose guest
 * object has the members {@code tag} and {@code payload}, and the engine stays usable.
 */
class ExceptionHandlingTest {
    /** Module "thrower": a tag, and functions that throw it from some depth. */
    private static final String THROWER = """
                    (module
                      (tag $e (export "e") (param i32))
                      (tag $other (export "other") (param i32))
                      (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
                      (func $deep (export "deep") (param $n i32) (param $v i32)
                        (if (i32.eqz (local.get $n)) (then (throw $e (local.get $v))))
                        (call $deep (i32.sub (local.get $n) (i32.const 1)) (local.get $v)))
                      (func (export "throwOther") (param i32) (throw $other (local.get 0))))
                    """;

    private static void withContext(EngineConfiguration configuration, BiConsumer<Context, Value> test) {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value thrower = instantiate(context, THROWER, null);
            test.accept(context, thrower);
        }
    }

    private static Value instantiate(Context context, String wat, Object imports) {
        Value module = context.eval(Source.create("wasm", wat));
        return (imports == null ? module.newInstance() : module.newInstance(imports)).getMember("exports");
    }

    private static Object imports(String module, Map<String, Object> members) {
        return ProxyObject.fromMap(Map.of(module, ProxyObject.fromMap(members)));
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void exceptionsCrossFunctionsAndInstancesAndMatchTagsByIdentity(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            Value catcher = instantiate(context, """
                            (module
                              (tag $e (import "thrower" "e") (param i32))
                              (import "thrower" "deep" (func $deep (param i32 i32)))
                              (tag $same (param i32))  ;; same type, another tag
                              (func $local (param i32) (throw $e (local.get 0)))
                              ;; 10 + the payload, with a pending operand below the handler's block
                              (func (export "catchLocal") (param i32) (result i32)
                                (i32.add (i32.const 10)
                                  (block $h (result i32)
                                    (try_table (catch $e $h) (call $local (local.get 0)))
                                    (i32.const -1))))
                              (func (export "catchImported") (param i32 i32) (result i32)
                                (block $h (result i32)
                                  (try_table (catch $same $h) (catch $e $h) (call $deep (local.get 0) (local.get 1)))
                                  (i32.const -1)))
                              (func (export "catchSameTypeOnly") (param i32) (result i32)
                                (block $h (result i32)
                                  (try_table (catch $same $h) (call $deep (i32.const 3) (local.get 0)))
                                  (i32.const -1))))
                            """, imports("thrower", Map.of("e", thrower.getMember("e"), "deep", thrower.getMember("deep"))));
            assertEquals(52, catcher.getMember("catchLocal").execute(42).asInt());
            assertEquals(7, catcher.getMember("catchImported").execute(50, 7).asInt());
            // a tag of the same type defined elsewhere is another tag: the exception passes
            PolyglotException e = assertThrows(PolyglotException.class, () -> catcher.getMember("catchSameTypeOnly").execute(5));
            assertTrue(e.isGuestException(), e::getMessage);
            assertTrue(e.getGuestObject().getMember("tag").equals(thrower.getMember("e")));
            assertEquals(5, e.getGuestObject().getMember("payload").getArrayElement(0).asInt());
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void anImportedTagMustHaveTheDeclaredType(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            PolyglotException e = assertThrows(PolyglotException.class,
                            () -> instantiate(context, "(module (tag (import \"thrower\" \"e\") (param i64)))", imports("thrower", Map.of("e", thrower.getMember("e")))));
            assertTrue(e.getMessage().contains("incompatible import type"), e::getMessage);
            e = assertThrows(PolyglotException.class,
                            () -> instantiate(context, "(module (tag (import \"thrower\" \"e\") (param i32)))", imports("thrower", Map.of("e", thrower.getMember("throw")))));
            assertTrue(e.getMessage().contains("incompatible import type"), e::getMessage);
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void anExnrefRethrowsTheSameException(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            Value exports = instantiate(context, """
                            (module
                              (tag $e (import "thrower" "e") (param i32))
                              (import "thrower" "throw" (func $throw (param i32)))
                              (global $kept (mut exnref) (ref.null exn))
                              ;; catches with catch_ref, keeps the exception, rethrows it from another function
                              (func (export "keep") (param i32) (result i32)
                                (block $h (result i32 exnref)
                                  (try_table (catch_ref $e $h) (call $throw (local.get 0)))
                                  (return (i32.const -1)))
                                (global.set $kept)
                                (i32.const 1) (i32.add))
                              (func $rethrow (export "rethrow") (throw_ref (global.get $kept)))
                              (func (export "catchRethrown") (result i32)
                                (block $h (result exnref)
                                  (try_table (catch_all_ref $h) (call $rethrow))
                                  (return (i32.const -1)))
                                (global.set $kept)
                                (block $h (result i32)
                                  (try_table (catch $e $h) (call $rethrow))
                                  (i32.const -2)))
                              (func (export "throwNull") (throw_ref (ref.null exn)))
                              ;; an exception the host caught, given back
                              (func (export "catchGiven") (param exnref) (result i32)
                                (block $h (result i32)
                                  (try_table (catch $e $h) (throw_ref (local.get 0)))
                                  (i32.const -1))))
                            """, imports("thrower", Map.of("e", thrower.getMember("e"), "throw", thrower.getMember("throw"))));
            assertEquals(124, exports.getMember("keep").execute(123).asInt());
            assertEquals(123, exports.getMember("catchRethrown").execute().asInt());
            PolyglotException first = assertThrows(PolyglotException.class, () -> exports.getMember("rethrow").execute());
            PolyglotException second = assertThrows(PolyglotException.class, () -> exports.getMember("rethrow").execute());
            assertEquals(123, first.getGuestObject().getMember("payload").getArrayElement(0).asInt());
            assertTrue(first.getGuestObject().equals(second.getGuestObject()), "throw_ref throws the same exception object");
            assertEquals(123, exports.getMember("catchGiven").execute(first.getGuestObject()).asInt());
            IllegalArgumentException notAnException = assertThrows(IllegalArgumentException.class, () -> exports.getMember("catchGiven").execute(5));
            assertTrue(notAnException.getMessage().contains("expected an exnref"), notAnException::getMessage);
            PolyglotException trap = assertThrows(PolyglotException.class, () -> exports.getMember("throwNull").execute());
            assertEquals("null exception reference", trap.getMessage());
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void payloadsOfEveryValueTypeSurvive(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            Value exports = instantiate(context, """
                            (module
                              (tag $all (export "all") (param i32 i64 f32 f64 externref funcref v128))
                              (func $f (export "f"))
                              (elem declare func $f)
                              (func $throw (param externref)
                                (throw $all (i32.const -7) (i64.const 0x7fffffffffffffff) (f32.const 1.5) (f64.const -0.25)
                                            (local.get 0) (ref.func $f) (v128.const i32x4 1 2 3 4)))
                              ;; caught: the values back out, the vector's lanes summed
                              (func (export "roundTrip") (param externref) (result i32 i64 f32 f64 externref funcref i32)
                                (local $v v128)
                                (block $h (result i32 i64 f32 f64 externref funcref v128)
                                  (try_table (catch $all $h) (call $throw (local.get 0)))
                                  (unreachable))
                                (local.set $v)
                                (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
                                         (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))
                              (func (export "escape") (param externref) (call $throw (local.get 0))))
                            """, null);
            Object host = new Object();
            Value results = exports.getMember("roundTrip").execute(host);
            assertEquals(-7, results.getArrayElement(0).asInt());
            assertEquals(Long.MAX_VALUE, results.getArrayElement(1).asLong());
            assertEquals(1.5f, results.getArrayElement(2).asFloat());
            assertEquals(-0.25, results.getArrayElement(3).asDouble());
            assertEquals(host, results.getArrayElement(4).asHostObject());
            assertTrue(results.getArrayElement(5).canExecute());
            assertEquals(10, results.getArrayElement(6).asInt());

            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("escape").execute(host));
            assertTrue(e.isGuestException() && !e.isHostException() && !e.isInternalError(), e::getMessage);
            assertEquals("uncaught Wasm exception: tag all [i32 i64 f32 f64 externref funcref v128], values (-7, 9223372036854775807, 1.5, -0.25, "
                            + "externref, function f [] -> [], v128)", e.getMessage());
            Value exception = e.getGuestObject();
            assertTrue(exception.isException());
            assertTrue(exception.getMember("tag").equals(exports.getMember("all")));
            assertFalse(exception.getMember("tag").equals(exports.getMember("f")));
            Value payload = exception.getMember("payload");
            assertEquals(7, payload.getArraySize());
            assertEquals(-7, payload.getArrayElement(0).asInt());
            assertEquals(Long.MAX_VALUE, payload.getArrayElement(1).asLong());
            assertEquals(1.5f, payload.getArrayElement(2).asFloat());
            assertEquals(-0.25, payload.getArrayElement(3).asDouble());
            assertEquals(host, payload.getArrayElement(4).asHostObject());
            assertTrue(payload.getArrayElement(5).canExecute());
            Value vector = payload.getArrayElement(6);
            assertEquals(16, vector.getBufferSize());
            assertEquals(3, vector.readBufferInt(ByteOrder.LITTLE_ENDIAN, 8));
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void catchAllTakesOnlyWasmExceptions(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            ProxyExecutable failing = arguments -> {
                throw new IllegalStateException("host failure");
            };
            Value exports = instantiate(context, """
                            (module
                              (import "host" "fail" (func $fail))
                              (func $trap (unreachable))
                              (func $recurse (call $recurse))
                              ;; 1 if catch_all caught what $callee raised
                              (func $guarded (param $which i32) (result i32)
                                (block $h
                                  (try_table (catch_all $h)
                                    (block $b2 (block $b1 (block $b0 (br_table $b0 $b1 $b2 (local.get $which)))
                                        (call $fail) (return (i32.const 0)))
                                      (call $trap) (return (i32.const 0)))
                                    (call $recurse))
                                  (return (i32.const 0)))
                                (i32.const 1))
                              (func (export "guarded") (param i32) (result i32) (call $guarded (local.get 0)))
                              (func (export "legacyGuarded") (result i32)
                                (try (result i32) (do (call $fail) (i32.const 0)) (catch_all (i32.const 1)))))
                            """, imports("host", Map.of("fail", failing)));
            PolyglotException host = assertThrows(PolyglotException.class, () -> exports.getMember("guarded").execute(0));
            assertTrue(host.isHostException(), host::getMessage);
            assertEquals("host failure", host.asHostException().getMessage());
            host = assertThrows(PolyglotException.class, () -> exports.getMember("legacyGuarded").execute());
            assertTrue(host.isHostException(), host::getMessage);
            PolyglotException trap = assertThrows(PolyglotException.class, () -> exports.getMember("guarded").execute(1));
            assertEquals("unreachable", trap.getMessage());
            PolyglotException exhausted = assertThrows(PolyglotException.class, () -> exports.getMember("guarded").execute(2));
            assertEquals("call stack exhausted", exhausted.getMessage());
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void catchingRestoresTheCallDepthAndTheEngineStaysUsable(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            Value exports = instantiate(context, """
                            (module
                              (tag $e (import "thrower" "e") (param i32))
                              (import "thrower" "deep" (func $deep (param i32 i32)))
                              (memory (export "memory") 1)
                              (func $growAndThrow (param i32)
                                (drop (memory.grow (i32.const 1)))
                                (i32.store (i32.const 65536) (local.get 0))
                                (call $deep (i32.const 20) (local.get 0)))
                              ;; $n times: an exception from 1,000 calls deep, caught here; then the sum
                              (func (export "often") (param $n i32) (result i32) (local $sum i32)
                                (loop $again
                                  (block $h (result i32)
                                    (try_table (catch $e $h) (call $deep (i32.const 1000) (local.get $n)))
                                    (i32.const 0))
                                  (local.set $sum (i32.add (local.get $sum)))
                                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                                (local.get $sum))
                              ;; memory grown by the callee that threw is seen by the handler
                              (func (export "grown") (param i32) (result i32)
                                (block $h (result i32)
                                  (try_table (catch $e $h) (call $growAndThrow (local.get 0)))
                                  (i32.const 0))
                                (i32.add (i32.load (i32.const 65536)))))
                            """, imports("thrower", Map.of("e", thrower.getMember("e"), "deep", thrower.getMember("deep"))));
            // 100 catches from 1,000 calls deep: a call depth left behind would exhaust the 10,000 calls allowed
            assertEquals(5050, exports.getMember("often").execute(100).asInt());
            assertEquals(6, exports.getMember("grown").execute(3).asInt());

            PolyglotException uncaught = assertThrows(PolyglotException.class, () -> thrower.getMember("deep").execute(9000, 1));
            assertTrue(uncaught.isGuestException(), uncaught::getMessage);
            assertEquals("uncaught Wasm exception: tag e [i32], values (1)", uncaught.getMessage());
            // the guest stack trace names the Wasm functions it left, bounded like other traces
            long deepFrames = java.util.stream.StreamSupport.stream(uncaught.getPolyglotStackTrace().spliterator(), false)
                            .filter(frame -> frame.isGuestFrame() && frame.getRootName().equals("deep")).count();
            assertTrue(deepFrames > 0 && deepFrames <= 64, () -> deepFrames + " frames of deep");
            PolyglotException other = assertThrows(PolyglotException.class, () -> thrower.getMember("throwOther").execute(2));
            assertNotEquals(uncaught.getGuestObject().getMember("tag"), other.getGuestObject().getMember("tag"));
            // afterwards the full depth is available again
            assertEquals(5050, exports.getMember("often").execute(100).asInt());
            assertEquals(42, instantiate(context, "(module (func (export \"f\") (result i32) (i32.const 42)))", null).getMember("f").execute().asInt());
        });
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void legacyHandlersRethrowAndDelegate(EngineConfiguration configuration) {
        withContext(configuration, (context, thrower) -> {
            Value exports = instantiate(context, """
                            (module
                              (tag $e (import "thrower" "e") (param i32))
                              (import "thrower" "throw" (func $throw (param i32)))
                              ;; the inner handler rethrows, the delegate skips the try around it
                              (func (export "run") (param i32) (result i32)
                                (try $outer (result i32)
                                  (do
                                    (try (result i32)
                                      (do
                                        (try (result i32)
                                          (do (try (do (call $throw (local.get 0))) (catch $e (drop) (rethrow 0))) (i32.const -1))
                                          (delegate $outer)))
                                      (catch_all (i32.const -2))))
                                  (catch $e (i32.add (i32.const 100))))))
                            """, imports("thrower", Map.of("e", thrower.getMember("e"), "throw", thrower.getMember("throw"))));
            assertEquals(105, exports.getMember("run").execute(5).asInt());
        });
    }

    /** {@code exception-handling-shapes.wast}: every command passes, through the spec scripts' runner. */
    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void handlerShapes(EngineConfiguration configuration) throws IOException {
        String text;
        try (InputStream in = ExceptionHandlingTest.class.getResourceAsStream("/exception-handling-shapes.wast")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Engine engine = configuration.createEngine();
                        ScriptSession session = new ScriptSession(Context.newBuilder("wasm").engine(engine).build(), "exception-handling-shapes.wast")) {
            int passed = 0;
            for (Command command : WastParser.parse(text, "exception-handling-shapes.wast").commands()) {
                Outcome outcome = session.execute(command);
                assertTrue(outcome.passed(), () -> "line " + command.line() + ": " + outcome.message());
                passed++;
            }
            assertEquals(12, passed);
        }
    }
}
