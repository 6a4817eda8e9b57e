package dev.twasm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The threads proposal's execution with several host threads in one context, in each engine
 * configuration: {@code i32.atomic.rmw.add} from 8 threads on one address of a shared memory (in
 * its low array and, after a grow, in a high chunk) loses no update; {@code memory.atomic.wait32}
 * woken by {@code memory.atomic.notify} on another thread returns 0, a timed wait 2, a wait on a
 * different value 1; atomics on a 64-bit shared memory (in a chunk, traps, a straddling plain
 * access beside them) and on an unshared one ("expected shared memory"); and a waiter blocked forever is woken by cancelling the context from another
 * thread ({@code Context.close(true)}), ending with a cancellation instead of hanging (the JUnit
 * timeouts fail a hang).
 */
class ThreadsTest {
    private static final int THREADS = 8;
    private static final int ADDS = 1_000_000;

    private static final String MODULE = """
                    (module
                      (memory (export "mem") 1 4 shared)
                      (func (export "add") (param $addr i32) (param $n i32)
                        (loop $l
                          (drop (i32.atomic.rmw.add (local.get $addr) (i32.const 1)))
                          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
                      (func (export "get") (param $addr i32) (result i32) (i32.atomic.load (local.get $addr)))
                      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                      (func (export "wait") (param $addr i32) (param $expected i32) (param $timeout i64) (result i32)
                        (memory.atomic.wait32 (local.get $addr) (local.get $expected) (local.get $timeout)))
                      (func (export "notify") (param $addr i32) (param $count i32) (result i32)
                        (memory.atomic.notify (local.get $addr) (local.get $count))))
                    """;

    private static final String MEMORY64 = """
                    (module
                      (memory i64 1 2000 shared)
                      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
                      (func (export "add") (param i64 i64) (result i64) (i64.atomic.rmw.add (local.get 0) (local.get 1)))
                      (func (export "cas8") (param i64 i32 i32) (result i32) (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
                      (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
                      (func (export "wait") (param i64 i64 i64) (result i32) (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
                      (func (export "fence") (atomic.fence)))
                    """;

    private static final String UNSHARED = """
                    (module
                      (memory 1 1)
                      (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
                      (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1)))
                      (func (export "sub") (result i32) (i32.atomic.rmw16.sub_u (i32.const 2) (i32.const 1))))
                    """;

    /** The exports of a new instance of {@link #MODULE}. */
    private static Value exports(Context context) {
        return exports(context, MODULE);
    }

    private static Value exports(Context context, String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    private static Context context(Engine engine) {
        return Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true).build();
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void atomicsOnA64BitSharedMemoryAndOnAnUnsharedOne(EngineConfiguration configuration) {
        try (Engine engine = configuration.createEngine(); Context context = context(engine)) {
            Value e = exports(context, MEMORY64);
            assertEquals(1L, e.getMember("grow").execute(1100L).asLong());
            long inChunk = 0x400_0008L;
            assertEquals(0L, e.getMember("add").execute(inChunk, 5L).asLong());
            assertEquals(5L, e.getMember("add").execute(inChunk, 5L).asLong());
            assertEquals(10L, e.getMember("load").execute(inChunk).asLong());
            assertEquals(10, e.getMember("cas8").execute(inChunk, 0xFFFF_FF0A, 0x77).asInt(), "the expected value is wrapped to 8 bits");
            assertEquals(0x77L, e.getMember("load").execute(inChunk).asLong());
            long straddling = 0x400_FFFCL; // the end of the first chunk
            e.getMember("store").execute(straddling, 0x1122_3344_5566_7788L);
            assertEquals(0x1122_3344_5566_7788L, e.getMember("load").execute(straddling).asLong());
            assertTrap("out of bounds memory access", () -> e.getMember("add").execute(1101L * 65536, 1L));
            assertTrap("unaligned atomic", () -> e.getMember("add").execute(inChunk - 4, 1L));
            assertEquals(1, e.getMember("wait").execute(inChunk, 0L, -1L).asInt(), "not-equal");
            assertEquals(2, e.getMember("wait").execute(inChunk + 8, 0L, 1000L).asInt(), "timed-out");
            e.getMember("fence").execute();
            Value u = exports(context, UNSHARED);
            assertTrap("expected shared memory", () -> u.getMember("wait").execute());
            assertEquals(0, u.getMember("notify").execute().asInt());
            assertEquals(0, u.getMember("sub").execute().asInt());
            assertEquals(0xFFFF, u.getMember("sub").execute().asInt(), "16-bit wrap, zero-extended");
        }
    }

    private static void assertTrap(String message, Runnable call) {
        PolyglotException e = assertThrows(PolyglotException.class, call::run);
        assertEquals(message, e.getMessage());
        assertTrue(e.isGuestException());
        assertFalse(e.isInternalError());
    }

    /** Starts a thread that calls {@code wait(address, 0, -1)} (the value there is 0) and completes {@code result} with its result or failure. */
    private static Thread waitForever(Value exports, int address, CompletableFuture<Integer> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(exports.getMember("wait").execute(address, 0, -1L).asInt());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
        return thread;
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void atomicAddsFromEightThreadsLoseNoUpdate(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = context(engine)) {
            Value e = exports(context);
            assertEquals(1, e.getMember("grow").execute(1).asInt());
            int low = 64;
            int chunk = 65536 + 64; // beyond the shared memory's initial size: its first high chunk
            for (int address : new int[]{low, chunk}) {
                List<CompletableFuture<Void>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    threads.add(CompletableFuture.runAsync(() -> e.getMember("add").execute(address, ADDS), runnable -> new Thread(runnable).start()));
                }
                for (CompletableFuture<Void> thread : threads) {
                    thread.get();
                }
                assertEquals(THREADS * ADDS, e.getMember("get").execute(address).asInt(), "address " + address);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void notifyWakesAWaiterAndTimedWaitsTimeOut(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = context(engine)) {
            Value e = exports(context);
            assertEquals(1, e.getMember("wait").execute(0, 1, -1L).asInt(), "not-equal: the value is 0");
            assertEquals(2, e.getMember("wait").execute(0, 0, 10_000_000L).asInt(), "timed-out after 10 ms");
            assertEquals(0, e.getMember("notify").execute(0, 1).asInt(), "nobody waits");
            CompletableFuture<Integer> waiter = new CompletableFuture<>();
            Thread thread = waitForever(e, 8, waiter);
            int woken = 0;
            while (woken == 0) {
                assertEquals(0, e.getMember("notify").execute(4, 1).asInt(), "a waiter of another address is not woken");
                woken = e.getMember("notify").execute(8, 2).asInt();
                Thread.sleep(1);
            }
            assertEquals(1, woken);
            assertEquals(0, waiter.get(), "ok: woken by notify");
            thread.join();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cancellingTheContextWakesAWaiterBlockedForever(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine()) {
            Context context = context(engine);
            Value e = exports(context);
            CompletableFuture<Integer> waiter = new CompletableFuture<>();
            Thread thread = waitForever(e, 0, waiter);
            while (thread.getState() != Thread.State.WAITING) {
                assertFalse(waiter.isDone(), "the wait returned without a notify");
                Thread.sleep(1);
            }
            context.close(true);
            thread.join();
            Throwable failure = waiter.handle((result, t) -> t).get();
            PolyglotException cancelled = assertInstanceOf(PolyglotException.class, failure, "the waiter ended by an exception");
            assertTrue(cancelled.isCancelled(), cancelled.toString());
        }
    }
}
