package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One shared memory imported by instances in several polyglot contexts of one engine, each
 * context run by its own host thread, in each engine configuration: the memory passed from the
 * context that made it reaches the others as a foreign object, which linking turns back into the
 * memory itself (its {@code handle}); 4 threads then add 1 on one address 1,000,000 times each
 * with {@code i32.atomic.rmw.add} and the total is exact, seen from the first context; a wait in
 * one context is woken by a notify in another. An unshared memory of another context still does
 * not link, and a handle names only its own memory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedMemoryContextsTest {
    private static final int WORKERS = 4;
    private static final int ADDS = 1_000_000;

    private static final String OWNER = """
                    (module
                      (memory (export "memory") 1 1 shared)
                      (func (export "get") (param i32) (result i32) (i32.atomic.load (local.get 0))))
                    """;

    private static final String WORKER = """
                    (module
                      (import "env" "memory" (memory 1 1 shared))
                      (func (export "add") (param $addr i32) (param $n i32)
                        (loop $l
                          (drop (i32.atomic.rmw.add (local.get $addr) (i32.const 1)))
                          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
                      (func (export "wait") (param $addr i32) (result i32)
                        (memory.atomic.wait32 (local.get $addr) (i32.const 0) (i64.const -1)))
                      (func (export "notify") (param $addr i32) (result i32)
                        (memory.atomic.notify (local.get $addr) (i32.const 1))))
                    """;

    private static Value workerExports(Context context, Value memory) {
        Value imports = Value.asValue(ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("memory", memory)))));
        return context.eval("wasm", WORKER).newInstance(imports).getMember("exports");
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void atomicsOnOneMemoryFromContextsOnTheirOwnThreads(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context owner = Context.newBuilder("wasm").engine(engine).build()) {
            Value ownerExports = owner.eval("wasm", OWNER).newInstance().getMember("exports");
            Value memory = ownerExports.getMember("memory");
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    try (Context context = Context.newBuilder("wasm").engine(engine).build()) {
                        workerExports(context, memory).getMember("add").execute(8, ADDS);
                    }
                }, runnable -> new Thread(runnable).start()));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
            assertEquals(WORKERS * ADDS, ownerExports.getMember("get").execute(8).asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void aWaitInOneContextIsWokenByANotifyInAnother(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context owner = Context.newBuilder("wasm").engine(engine).build()) {
            Value ownerExports = owner.eval("wasm", OWNER).newInstance().getMember("exports");
            Value memory = ownerExports.getMember("memory");
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try (Context context = Context.newBuilder("wasm").engine(engine).build()) {
                    return workerExports(context, memory).getMember("wait").execute(16).asInt();
                }
            }, runnable -> new Thread(runnable).start());
            try (Context notifier = Context.newBuilder("wasm").engine(engine).build()) {
                Value notify = workerExports(notifier, memory).getMember("notify");
                // The waiter may not be waiting yet: notify until one waiter has been woken.
                while (notify.execute(16).asInt() == 0) {
                    Thread.sleep(5);
                }
            }
            assertEquals(0, waiter.get(60, TimeUnit.SECONDS), "wait returns \"ok\" when woken");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void anUnsharedMemoryOfAnotherContextDoesNotLink(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context owner = Context.newBuilder("wasm").engine(engine).build();
                        Context other = Context.newBuilder("wasm").engine(engine).build()) {
            Value memory = owner.eval("wasm", "(module (memory (export \"memory\") 1 1))").newInstance().getMember("exports").getMember("memory");
            Value imports = Value.asValue(ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("memory", memory)))));
            Value module = other.eval("wasm", "(module (import \"env\" \"memory\" (memory 1 1)))");
            PolyglotException e = assertThrows(PolyglotException.class, () -> module.newInstance(imports));
            assertTrue(e.getMessage().startsWith("incompatible import type: \"env\" \"memory\": expected a memory i32 1 1, got"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void aSharedMemoryHasAHandleNamingItAlone(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value first = context.eval("wasm", OWNER).newInstance().getMember("exports").getMember("memory");
            Value second = context.eval("wasm", OWNER).newInstance().getMember("exports").getMember("memory");
            String handle = first.getMember("handle").asString();
            assertEquals(handle, first.getMember("handle").asString(), "the handle is stable");
            assertTrue(!handle.equals(second.getMember("handle").asString()), "each memory has its own handle");
            assertEquals(List.of("handle"), List.copyOf(first.getMemberKeys()));
            Value unshared = context.eval("wasm", "(module (memory (export \"memory\") 1))").newInstance().getMember("exports").getMember("memory");
            assertTrue(!unshared.hasMembers(), "an unshared memory has no handle");
        }
    }
}
