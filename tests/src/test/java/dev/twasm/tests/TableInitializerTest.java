package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables with an initializer expression (Wasm 3.0, {@code (table n reftype expr)}): every element,
 * also those {@code table.grow} does not set, starts as the expression's value, here a function
 * that {@code call_indirect} reaches without any element segment; in each engine configuration.
 */
class TableInitializerTest {
    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void everyElementStartsAsTheInitializersValue(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value e = context.eval("wasm", """
                            (module
                              (type $r (func (result i32)))
                              (func $five (type $r) (i32.const 5))
                              (elem declare func $five)
                              (table $t 4 funcref (ref.func $five))
                              (table $n 2 funcref)
                              (func (export "call") (param i32) (result i32) (call_indirect $t (type $r) (local.get 0)))
                              (func (export "callNull") (param i32) (result i32) (call_indirect $n (type $r) (local.get 0))))
                            """).newInstance().getMember("exports");
            for (int i = 0; i < 4; i++) {
                assertEquals(5, e.getMember("call").execute(i).asInt());
            }
            PolyglotException trap = assertThrows(PolyglotException.class, () -> e.getMember("callNull").execute(0));
            assertTrue(trap.getMessage().contains("uninitialized element"), trap.getMessage());
            trap = assertThrows(PolyglotException.class, () -> e.getMember("call").execute(4));
            assertTrue(trap.getMessage().contains("undefined element"), trap.getMessage());
        }
    }
}
