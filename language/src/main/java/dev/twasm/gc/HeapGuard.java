package dev.twasm.gc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Stops Wasm allocations before the JVM heap is full. GC objects are JVM objects, so a module
 * that keeps too much alive would otherwise run the heap to the last byte, and the
 * {@code OutOfMemoryError} would reach whichever thread allocates next: often the guest (which we
 * turn into the Wasm-level "out of memory" error), but as often Truffle's compiler thread or the
 * host's own threads, which cannot recover. So after every major collection the JVM reports (its
 * {@link GarbageCollectionNotificationInfo}), this guard compares the heap still in use with the
 * maximum; above {@link #LIMIT} of it, every struct and array allocation throws an
 * {@code OutOfMemoryError} of its own, which the guest's frames report as "out of memory" while a
 * tenth of the heap is still free for everyone else. The first collection back under the limit
 * lifts the stop, and so does the next allocation if a full collection it asks for ({@link #refuse})
 * finds the heap back under it.
 *
 * <p>The check costs compiled code nothing: it is an {@link Assumption} read from a
 * compilation-final field, which Graal folds while the heap is fine; when the limit is crossed the
 * assumption is invalidated, compiled allocations deoptimize, and from then on they take the
 * boundary call of {@link #refuse}. The interpreter and the baseline tier read one field.
 */
public final class HeapGuard {
    /** The share of the maximum heap in use after a collection above which allocations stop. */
    public static final double LIMIT = 0.9;

    private static final HeapGuard INSTANCE = new HeapGuard();

    @CompilationFinal private volatile Assumption heapAvailable = Truffle.getRuntime().createAssumption("wasm GC heap below its limit");
    private volatile boolean exhausted;

    private HeapGuard() {
        long max = Runtime.getRuntime().maxMemory();
        if (max == Long.MAX_VALUE) {
            return; // no limit to guard
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        afterCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()), max);
                    }
                }, null, null);
            }
        }
    }

    private synchronized void afterCollection(GarbageCollectionNotificationInfo info, long max) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            used += pool.getValue().getUsed();
        }
        boolean over = used > LIMIT * max;
        // After a minor collection the old generation still holds garbage, so only a major one
        // (a full or concurrent cycle) says the live data is over the limit; any collection can say it is under.
        boolean major = !info.getGcAction().contains("minor");
        if (over && major && !exhausted) {
            exhausted = true;
            heapAvailable.invalidate();
        } else if (!over && exhausted) {
            lift();
        }
    }

    /**
     * Called before every struct and array allocation: returns while the heap is below the limit,
     * else throws the {@code OutOfMemoryError} that the guest's frames report.
     */
    public static void checkAllocation() {
        if (!INSTANCE.heapAvailable.isValid()) {
            refuse();
        }
    }

    /**
     * The slow path once the limit was crossed. The objects that crossed it are often garbage by
     * now (the guest that held them got the error and unwound), and no collection may have said so
     * yet; so this collects once and measures again before it refuses, and lifts the stop if the
     * heap is back under the limit.
     */
    @TruffleBoundary
    private static void refuse() {
        HeapGuard guard = INSTANCE;
        synchronized (guard) {
            if (!guard.exhausted) {
                return;
            }
            System.gc();
            if (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() <= LIMIT * Runtime.getRuntime().maxMemory()) {
                guard.lift();
                return;
            }
        }
        throw new OutOfMemoryError("the Wasm GC heap is above " + (int) (LIMIT * 100) + "% of the JVM heap");
    }

    private synchronized void lift() {
        if (exhausted) {
            exhausted = false;
            heapAvailable = Truffle.getRuntime().createAssumption("wasm GC heap below its limit");
        }
    }
}
