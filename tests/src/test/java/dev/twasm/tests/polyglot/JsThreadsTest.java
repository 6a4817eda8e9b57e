package dev.twasm.tests.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shared memories and JavaScript (GraalJS 25.0.1 on this engine).
 *
 * <p>What works: {@code new WebAssembly.Memory({shared: true})} with its maximum, instances that
 * import it, and Wasm atomics, waits (with their timeouts) and growth called from JS.
 *
 * <p>Why two JS threads cannot share a memory and synchronise with {@code Atomics.wait/notify},
 * which this test shows: a GraalJS context is single-threaded (a second thread entering it while
 * it runs is refused), and embedded GraalJS has no workers or agents, so JS threads would have to
 * be separate contexts; and a shared memory has no {@code SharedArrayBuffer} in JS: GraalJS builds
 * one only over a direct {@code ByteBuffer}, while this engine keeps memories in Java arrays, so
 * {@code memory.buffer} is a TypeError ("No ByteBuffer exposed from WebAssembly memory"). Host
 * threads in separate Wasm contexts of one engine do share a memory ({@code SharedMemoryContextsTest}).
 * docs/embedding.md says the same.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsThreadsTest {
    @Test
    void sharedMemoriesThroughTheWebAssemblyApi() {
        try (Context js = Polyglot.jsContext()) {
            js.getBindings("js").putMember("bytes", Wat.bytes(js, """
                            (module (import "env" "memory" (memory 1 2 shared))
                              (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
                              (func (export "wait") (param i32 i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2))))
                            """));
            js.eval("js", """
                            var memory = new WebAssembly.Memory({initial: 1, maximum: 2, shared: true});
                            var exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {memory}}).exports;
                            """);
            assertEquals(0, js.eval("js", "exports.add(8, 5)").asInt());
            assertEquals(5, js.eval("js", "exports.add(8, 1)").asInt());
            assertEquals(1, js.eval("js", "exports.wait(8, 0, 0n)").asInt(), "not-equal");
            assertEquals(2, js.eval("js", "exports.wait(8, 6, 1000000n)").asInt(), "timed-out");
            assertEquals(1, js.eval("js", "memory.grow(1)").asInt());
            PolyglotException noBuffer = assertThrows(PolyglotException.class, () -> js.eval("js", "memory.buffer"));
            assertTrue(noBuffer.getMessage().contains("No ByteBuffer exposed from WebAssembly memory"), noBuffer.getMessage());
            PolyglotException noMaximum = assertThrows(PolyglotException.class,
                            () -> js.eval("js", "new WebAssembly.Memory({initial: 1, shared: true})"));
            assertTrue(noMaximum.getMessage().contains("maximum"), noMaximum.getMessage());
            PolyglotException unshared = assertThrows(PolyglotException.class, () -> js.eval("js",
                            "new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {memory: new WebAssembly.Memory({initial: 1, maximum: 2})}})"));
            assertTrue(unshared.getMessage().contains("incompatible import type"), unshared.getMessage());
        }
    }

    @Test
    void aJsContextRefusesASecondThreadWhileItRuns() throws Exception {
        try (Context js = Polyglot.jsContext()) {
            js.getBindings("js").putMember("bytes", Wat.bytes(js, """
                            (module (import "env" "memory" (memory 1 1 shared))
                              (func (export "wait") (param i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (i32.const 0) (local.get 1))))
                            """));
            Value wait = js.eval("js", """
                            var waitExport = new WebAssembly.Instance(new WebAssembly.Module(bytes),
                                {env: {memory: new WebAssembly.Memory({initial: 1, maximum: 1, shared: true})}}).exports.wait;
                            (ms) => waitExport(0, BigInt(ms) * 1000000n)
                            """);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                return wait.execute(2000).asInt(); // 2 s, inside the JS context
            }, runnable -> new Thread(runnable).start());
            started.await();
            Thread.sleep(200);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> js.eval("js", "1 + 1"));
            assertTrue(refused.getMessage().contains("not allowed for language(s) js"), refused.getMessage());
            assertEquals(2, waiting.get(60, TimeUnit.SECONDS), "timed-out");
        }
    }
}
