package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The waiter queues of one shared memory (threads proposal, {@code memory.atomic.wait32},
 * {@code wait64} and {@code notify}): a FIFO queue of blocked threads per effective address.
 *
 * <p>Shaped by three requirements. Wait must compare the memory's value and enqueue itself
 * atomically with respect to notify, or a notify between the two would be lost: both hold this
 * object's monitor, and the comparison reads the value with a sequentially consistent load while
 * holding it. Blocking must be cancellable by Truffle ({@code Context.close(true)}, cancellation,
 * interrupts, safepoint actions such as a debugger's): the wait runs inside
 * {@link TruffleSafepoint#setBlockedThreadInterruptibleFunction}, which interrupts the thread to
 * run pending safepoint actions and then calls the wait again (with the deadline it started with),
 * or propagates the cancellation, after which the waiter leaves its queue. And it is off every fast
 * path: all of it is behind a boundary, so compiled code of a function that waits contains a call.
 *
 * <p>One monitor per memory, and {@code notifyAll} on it: a notify wakes every blocked thread of
 * the memory, and those not chosen (their {@link Waiter#woken} still false) sleep again. Simple and
 * fair; a memory with very many waiters on different addresses pays spurious wake-ups.
 */
public final class AtomicWaiters {
    /** {@code memory.atomic.wait}'s results. */
    public static final int OK = 0;
    public static final int NOT_EQUAL = 1;
    public static final int TIMED_OUT = 2;

    /** A blocked thread: set {@link #woken} (under the monitor) by the notify that chose it. */
    private static final class Waiter {
        boolean woken;
        /** {@link System#nanoTime} when the wait times out; meaningless when {@link #forever}. */
        final long deadline;
        final boolean forever;
        final long ea;

        Waiter(long ea, long timeout) {
            this.ea = ea;
            long now = System.nanoTime();
            // negative: forever; so long that the deadline overflows (about 292 years): as good as forever
            this.forever = timeout < 0 || now + timeout < now;
            this.deadline = forever ? 0 : now + timeout;
        }
    }

    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();

    /**
     * {@code memory.atomic.wait32} ({@code width} 4) or {@code wait64} (8) at {@code ea} of
     * {@code memory}: bounds and alignment are checked first ({@link WasmMemory#atomicArray}), then
     * "expected shared memory" unless the memory is shared; returns {@link #NOT_EQUAL} when the
     * value (wrapped to the width) differs from {@code expected}, else blocks until a notify
     * ({@link #OK}) or, unless {@code timeout} (ns) is negative, until it expires ({@link #TIMED_OUT}).
     *
     * @param location the node for Truffle's safepoint (may be null from the baseline tier)
     */
    @TruffleBoundary
    public static int wait(Node location, WasmMemory memory, long ea, int width, long expected, long timeout) {
        byte[] array = memory.atomicArray(ea, width);
        long index = memory.atomicIndex(ea);
        AtomicWaiters self = memory.waiters();
        if (self == null) {
            throw WasmTrap.create(TrapKind.EXPECTED_SHARED_MEMORY, location);
        }
        Waiter waiter;
        synchronized (self) {
            if (AtomicAccess.load(array, index, width) != AtomicAccess.wrap(expected, width)) {
                return NOT_EQUAL;
            }
            if (timeout == 0) {
                return TIMED_OUT;
            }
            waiter = new Waiter(ea, timeout);
            self.queues.computeIfAbsent(ea, k -> new ArrayDeque<>()).addLast(waiter);
        }
        boolean done = false;
        try {
            int result = TruffleSafepoint.setBlockedThreadInterruptibleFunction(location, self::block, waiter);
            done = true;
            return result;
        } finally {
            if (!done) {
                self.leave(waiter); // cancelled or failed while blocked
            }
        }
    }

    /** Blocks until {@code waiter} is woken or its deadline passes; called again after an interrupt. */
    private synchronized int block(Waiter waiter) throws InterruptedException {
        while (!waiter.woken) {
            if (waiter.forever) {
                wait();
            } else {
                long remaining = waiter.deadline - System.nanoTime();
                if (remaining <= 0) {
                    leave(waiter); // still queued: a notify would have set woken
                    return TIMED_OUT;
                }
                wait(remaining / 1_000_000, (int) (remaining % 1_000_000));
            }
        }
        return OK;
    }

    /** Takes {@code waiter} out of its queue (when it is still there: timed out or cancelled). */
    private synchronized void leave(Waiter waiter) {
        ArrayDeque<Waiter> queue = queues.get(waiter.ea);
        if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
            queues.remove(waiter.ea);
        }
    }

    /**
     * {@code memory.atomic.notify} of up to {@code count} (unsigned) waiters at {@code ea}, the
     * longest-waiting first; returns how many it woke. Bounds and alignment (4) are checked first;
     * on an unshared memory nothing can wait, so it returns 0.
     */
    @TruffleBoundary
    public static int notify(WasmMemory memory, long ea, int count) {
        memory.atomicArray(ea, 4);
        AtomicWaiters self = memory.waiters();
        if (self == null || count == 0) {
            return 0;
        }
        synchronized (self) {
            ArrayDeque<Waiter> queue = self.queues.get(ea);
            long limit = Integer.toUnsignedLong(count);
            int woken = 0;
            while (queue != null && !queue.isEmpty() && woken < limit) {
                queue.removeFirst().woken = true;
                woken++;
            }
            if (queue != null && queue.isEmpty()) {
                self.queues.remove(ea);
            }
            if (woken > 0) {
                self.notifyAll();
            }
            return woken;
        }
    }
}
