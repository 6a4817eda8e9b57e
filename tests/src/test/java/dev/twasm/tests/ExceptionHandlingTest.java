package dev.twasm.tests;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exception handling (Wasm 3.0) decodes and validates, but does not execute yet: through the
 * polyglot API a module that declares, imports or uses tags, or uses one of the instructions,
 * compiles, and instantiating it is a guest error that says exception handling is not implemented
 * yet, in every engine configuration. Modules without it are unaffected.
 */
class ExceptionHandlingTest {
    private static final String NOT_IMPLEMENTED = "exception handling is not implemented yet";

    private static PolyglotException instantiationFails(Context context, String wat, Object imports) throws Exception {
        Value module = context.eval(Source.newBuilder("wasm", wat, "eh.wat").build());
        PolyglotException e = assertThrows(PolyglotException.class, () -> {
            if (imports == null) {
                module.newInstance();
            } else {
                module.newInstance(imports);
            }
        });
        assertTrue(e.isGuestException(), e::getMessage);
        assertFalse(e.isInternalError(), e::getMessage);
        assertTrue(e.getMessage().startsWith(NOT_IMPLEMENTED), e::getMessage);
        return e;
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void modulesWithExceptionHandlingAreRejectedAtInstantiation(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            PolyglotException e = instantiationFails(context, """
                            (module
                              (tag $e (export "e") (param i32))
                              (func (export "f") (param i32) (throw $e (local.get 0))))
                            """, null);
            assertEquals(NOT_IMPLEMENTED + ": the module defines tags; module eh.wat cannot be instantiated", e.getMessage());
            e = instantiationFails(context, "(module (func (export \"f\") (param exnref) (throw_ref (local.get 0))))", null);
            assertTrue(e.getMessage().contains("function 0 uses exception handling instructions"), e::getMessage);
            instantiationFails(context, "(module (func (export \"f\") (block $h (try_table (catch_all $h) (nop)))))", null);
            instantiationFails(context, "(module (func (export \"f\") (try (do) (catch_all))))", null);
            // a tag import is refused before it is looked up
            Object imports = ProxyObject.fromMap(Map.of("m", ProxyObject.fromMap(Map.of())));
            e = instantiationFails(context, "(module (import \"m\" \"t\" (tag $t)))", imports);
            assertTrue(e.getMessage().contains("imports tag \"m\" \"t\""), e::getMessage);

            // the engine stays usable, and modules without exception handling run
            Value module = context.eval(Source.newBuilder("wasm", "(module (func (export \"f\") (result i32) (i32.const 42)))", "plain.wat").build());
            assertEquals(42, module.newInstance().getMember("exports").getMember("f").execute().asInt());
        }
    }
}
