package dev.twasm.tests.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shared memories and JavaScript (GraalJS 25.0.1 on this engine).
 *
 * <p>What works: {@code new WebAssembly.Memory({shared: true})} with its maximum, instances that
 * import it, and Wasm atomics, waits (with their timeouts) and growth called from JS; and JS on two
 * host threads, each in its own context of one engine, sharing one memory and synchronising
 * through Wasm's atomic adds and {@code memory.atomic.wait32}/{@code notify}.
 *
 * <p>Why not with JS's own {@code Atomics.wait/notify}, which this test shows: a GraalJS context
 * is single-threaded (a second thread entering it while it runs is refused) and embedded GraalJS
 * has no workers or agents, so JS threads are separate contexts; and a shared memory has no
 * {@code SharedArrayBuffer} in JS: GraalJS builds one only over a direct {@code ByteBuffer},
 * while this engine keeps memories in Java arrays, so {@code memory.buffer} is a TypeError ("No
 * ByteBuffer exposed from WebAssembly memory") and {@code Atomics} has nothing to work on.
 * docs/embedding.md says the same.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsThreadsTest {
    private static final String OWNER = "(module (memory (export \"memory\") 1 1 shared))";
    private static final String WORKER = """
                    (module
                      (import "env" "memory" (memory 1 1 shared))
                      (func (export "add") (param $addr i32) (param $n i32)
                        (loop $l
                          (drop (i32.atomic.rmw.add (local.get $addr) (i32.const 1)))
                          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
                      (func (export "get") (param i32) (result i32) (i32.atomic.load (local.get 0)))
                      (func (export "wait") (param i32) (result i32) (memory.atomic.wait32 (local.get 0) (i32.const 0) (i64.const -1)))
                      (func (export "notify") (param i32) (result i32) (memory.atomic.notify (local.get 0) (i32.const 1))))
                    """;

    /** A JS context of {@code engine} that may evaluate Wasm ({@code Polyglot.eval}). */
    private static Context jsContext(Engine engine) {
        return Context.newBuilder("js", "wasm").engine(engine).allowPolyglotAccess(PolyglotAccess.ALL).option("js.webassembly", "true").build();
    }

    /** JS code in {@code js} instantiates {@link #WORKER} importing {@code memory} (a value of another context) and returns its exports. */
    private static Value workerIn(Context js, Value memory) {
        Object imports = ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("memory", memory))));
        return js.eval("js", "(imports, wat) => new (Polyglot.eval('wasm', wat))(imports).exports").execute(imports, WORKER);
    }

    @Test
    void jsContextsOnTwoThreadsShareAMemoryAndSynchroniseThroughWasm() throws Exception {
        try (Engine engine = Engine.newBuilder("js", "wasm").option("engine.WarnInterpreterOnly", "false").build();
                        Context owner = Context.newBuilder("wasm").engine(engine).build()) {
            // The memory's owner is a Wasm context: linking reads its handle there, from any thread.
            Value memory = owner.eval("wasm", OWNER).newInstance().getMember("exports").getMember("memory");
            int adds = 200_000;
            List<CompletableFuture<Void>> adders = List.of(0, 1).stream().map(i -> CompletableFuture.runAsync(() -> {
                try (Context js = jsContext(engine)) {
                    workerIn(js, memory).getMember("add").execute(0, adds);
                }
            }, runnable -> new Thread(runnable).start())).toList();
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try (Context js = jsContext(engine)) {
                    return workerIn(js, memory).getMember("wait").execute(16).asInt();
                }
            }, runnable -> new Thread(runnable).start());
            CompletableFuture.allOf(adders.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
            try (Context js = jsContext(engine)) {
                Value worker = workerIn(js, memory);
                assertEquals(2 * adds, worker.getMember("get").execute(0).asInt());
                while (worker.getMember("notify").execute(16).asInt() == 0) { // until the waiter is waiting
                    Thread.sleep(5);
                }
            }
            assertEquals(0, waiter.get(60, TimeUnit.SECONDS), "the wait in one JS context is woken by a notify in another");
        }
    }

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
