package dev.twasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/**
 * Import matching of memories with the threads proposal (spec §4.5.2 "import matching"): a memory
 * import matches only a memory that is shared exactly when the import says {@code shared}, besides
 * the address type and limits; and the JS API's view of shared memories ({@code mem_alloc} with
 * {@code shared}, the memory type strings).
 */
class SharedMemoryLinkingTest {
    private static final String EXPORTER = """
                    (module (memory (export "shared") 1 2 shared) (memory (export "plain") 1 2))
                    """;

    private static Context context() {
        return Context.newBuilder("wasm").allowExperimentalOptions(true).allowPolyglotAccess(PolyglotAccess.ALL)
                        .option("engine.WarnInterpreterOnly", "false").option("wasm.Baseline", "false").build();
    }

    private static Value instantiate(Context context, String text, Map<String, Object> imports) {
        return context.eval("wasm", text).newInstance(ProxyObject.fromMap(Map.of("m", ProxyObject.fromMap(imports)))).getMember("exports");
    }

    private static void unlinkable(Context context, String text, Map<String, Object> imports) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> instantiate(context, text, imports), text);
        assertTrue(e.getMessage().contains("incompatible import type"), e.getMessage());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
    }

    @Test
    void sharedMustMatchExactly() {
        try (Context context = context()) {
            Value exports = context.eval("wasm", EXPORTER).newInstance().getMember("exports");
            Map<String, Object> imports = Map.of("shared", exports.getMember("shared"), "plain", exports.getMember("plain"));
            instantiate(context, "(module (import \"m\" \"shared\" (memory 1 2 shared)))", imports);
            instantiate(context, "(module (import \"m\" \"plain\" (memory 1 2)))", imports);
            unlinkable(context, "(module (import \"m\" \"plain\" (memory 1 2 shared)))", imports);
            unlinkable(context, "(module (import \"m\" \"shared\" (memory 1 2)))", imports);
            // the limits rule still applies to shared memories
            instantiate(context, "(module (import \"m\" \"shared\" (memory 0 3 shared)))", imports);
            unlinkable(context, "(module (import \"m\" \"shared\" (memory 2 2 shared)))", imports);
            unlinkable(context, "(module (import \"m\" \"shared\" (memory 1 1 shared)))", imports);
        }
    }

    @Test
    void theMessageSaysWhichSharingWasExpected() {
        try (Context context = context()) {
            Value exports = context.eval("wasm", EXPORTER).newInstance().getMember("exports");
            PolyglotException e = assertThrows(PolyglotException.class, () -> instantiate(context, "(module (import \"m\" \"plain\" (memory 1 2 shared)))",
                            Map.of("plain", exports.getMember("plain"))));
            assertTrue(e.getMessage().contains("expected a memory i32 1 2 shared, got a memory i32 1 2"), e.getMessage());
        }
    }

    @Test
    void jsApiAllocatesSharedMemoriesWithAMaximum() {
        try (Context context = context()) {
            context.initialize("wasm");
            Value api = context.getPolyglotBindings().getMember("WebAssembly");
            Value shared = api.getMember("mem_alloc").execute(1, 2, true);
            Value plain = api.getMember("mem_alloc").execute(1, 2, false);
            Map<String, Object> imports = Map.of("shared", shared, "plain", plain);
            instantiate(context, "(module (import \"m\" \"shared\" (memory 1 2 shared)))", imports);
            unlinkable(context, "(module (import \"m\" \"shared\" (memory 1 2)))", imports);
            unlinkable(context, "(module (import \"m\" \"plain\" (memory 1 2 shared)))", imports);
            PolyglotException e = assertThrows(PolyglotException.class, () -> api.getMember("mem_alloc").execute(1, -1, true));
            assertTrue(e.getMessage().startsWith("shared memory must have maximum"), e.getMessage());
            assertFalse(e.isInternalError());
        }
    }

    @Test
    void jsApiTypeStringsSaySharedOrUnshared() {
        try (Context context = context()) {
            context.initialize("wasm");
            Value api = context.getPolyglotBindings().getMember("WebAssembly");
            Value module = context.eval("wasm", """
                            (module (import "m" "n" (memory 1 2 shared)) (export "s" (memory 0)))
                            """);
            assertEquals("1 2 shared", api.getMember("module_imports").execute(module).getArrayElement(0).getMember("type").asString());
            assertEquals("1 2 shared", api.getMember("module_exports").execute(module).getArrayElement(0).getMember("type").asString());
            Value plain = context.eval("wasm", "(module (memory (export \"p\") 1))");
            assertEquals("1 unshared", api.getMember("module_exports").execute(plain).getArrayElement(0).getMember("type").asString());
        }
    }
}
