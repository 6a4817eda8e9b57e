package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-context caps on memories and tables ({@code wasm.MaxContextMemory},
 * {@code wasm.MaxContextTableElements}) through the WebAssembly JavaScript API: a constructor past
 * the cap throws the error that names it, a {@code grow} past it fails as any failed grow does.
 */
class JsLimitsTest {
    @Test
    void constructorsAndGrowRespectTheCaps() {
        try (Context context = Polyglot.builder("js", "wasm").option("wasm.MaxContextMemory", "131072")
                        .option("wasm.MaxContextTableElements", "10").build()) {
            assertEquals(1, context.eval("js", "var mem = new WebAssembly.Memory({initial: 1}); mem.grow(1)").asInt());
            assertEquals("grow failed", context.eval("js", "try { mem.grow(1); 'grew' } catch (e) { 'grow failed' }").asString());
            String error = context.eval("js", "try { new WebAssembly.Memory({initial: 1}); 'created' } catch (e) { e.message }").asString();
            assertEquals("WebAssembly.Memory(): memory limit of the context exceeded: 64 KiB requested, 128 KiB of 128 KiB in use (option wasm.MaxContextMemory)", error);
            assertEquals(8, context.eval("js", "var t = new WebAssembly.Table({initial: 8, element: 'anyfunc'}); t.grow(2)").asInt());
            assertEquals("grow failed", context.eval("js", "try { t.grow(1); 'grew' } catch (e) { 'grow failed' }").asString());
            String tableError = context.eval("js", "try { new WebAssembly.Table({initial: 1, element: 'anyfunc'}); 'created' } catch (e) { e.message }")
                            .asString();
            assertEquals("table limit of the context exceeded: 1 elements requested, 10 of 10 elements in use (option wasm.MaxContextTableElements)",
                            tableError);
        }
    }
}
