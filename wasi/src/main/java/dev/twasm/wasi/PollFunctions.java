package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleSafepoint;
import dev.twasm.host.GuestMemory;
import dev.twasm.wasi.fs.Descriptor;
import dev.twasm.wasi.fs.StreamDescriptor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff(in, out, nsubscriptions, *nevents)}: waits until at least one subscription
 * has an event, then reports every one that has.
 * <ul>
 * <li>A clock subscription fires when its clock reaches the timeout, absolute or relative to the
 * call ({@code subclockflags::subscription_clock_abstime}); waiting is a sleep that the context
 * can interrupt (cancellation, close).</li>
 * <li>An {@code fd_read}/{@code fd_write} subscription on a file or an output stream is always
 * ready, as POSIX's {@code poll} says of regular files. Standard input is ready when bytes are
 * available; since a Java stream cannot report its end without blocking, a subscription to it with
 * no clock subscription beside it is reported ready at once (a following read then blocks until
 * input or the end, as it would after {@code poll} on a terminal). With a clock beside it, input is
 * checked every {@value #STDIN_POLL_MILLIS} ms until the clock fires.</li>
 * <li>A subscription on a bad descriptor, or one without {@code poll_fd_readwrite}, is reported at
 * once as an event carrying the error.</li>
 * </ul>
 */
final class PollFunctions {
    static final int STDIN_POLL_MILLIS = 10;
    /** The most subscriptions one call takes. */
    static final int MAX_SUBSCRIPTIONS = 1 << 16;

    static final List<WasiFunction> FUNCTIONS = List.of(WasiFunction.of("poll_oneoff", "iiir", PollFunctions::pollOneoff));

    private PollFunctions() {
    }

    /** One subscription as read from memory; {@code deadline} is in {@code System.nanoTime()} terms. */
    private record Subscription(long userdata, int type, int fd, long deadline, Errno clockError) {
    }

    private static int pollOneoff(Call c) throws ErrnoException, IOException {
        int count = c.i32(2);
        if (count == 0) {
            throw Errno.INVAL.error();
        }
        if (Integer.compareUnsigned(count, MAX_SUBSCRIPTIONS) > 0) {
            throw Errno.NOTSUP.error();
        }
        GuestMemory memory = c.memory();
        int in = memory.checkArray(c.i32(0), count, Abi.SUBSCRIPTION_SIZE);
        int out = memory.checkArray(c.i32(1), count, Abi.EVENT_SIZE);
        List<Subscription> subscriptions = new ArrayList<>(count);
        boolean hasClock = false;
        for (int i = 0; i < count; i++) {
            Subscription subscription = read(c, memory, in + i * Abi.SUBSCRIPTION_SIZE);
            subscriptions.add(subscription);
            hasClock |= subscription.type() == Abi.EVENTTYPE_CLOCK;
        }
        while (true) {
            int events = 0;
            long wakeUp = Long.MAX_VALUE;
            long now = System.nanoTime();
            boolean waitsForInput = false;
            for (Subscription subscription : subscriptions) {
                int event = out + events * Abi.EVENT_SIZE;
                if (subscription.type() == Abi.EVENTTYPE_CLOCK) {
                    if (subscription.clockError() != null || now - subscription.deadline() >= 0) {
                        write(memory, event, subscription, subscription.clockError(), 0);
                        events++;
                    } else {
                        wakeUp = Math.min(wakeUp, subscription.deadline() - now);
                    }
                    continue;
                }
                Descriptor descriptor;
                try {
                    descriptor = c.wasi.fds.get(subscription.fd());
                    descriptor.require(Rights.POLL_FD_READWRITE);
                } catch (ErrnoException e) {
                    write(memory, event, subscription, e.errno(), 0);
                    events++;
                    continue;
                }
                boolean input = subscription.type() == Abi.EVENTTYPE_FD_READ && descriptor instanceof StreamDescriptor stream && stream.isInput();
                long available = subscription.type() == Abi.EVENTTYPE_FD_READ ? descriptor.readableBytes() : 0;
                if (input && available <= 0 && hasClock) {
                    waitsForInput = true;
                    continue;
                }
                write(memory, event, subscription, null, Math.max(0, available));
                events++;
            }
            if (events > 0) {
                c.resultI32(3, events);
                return 0;
            }
            long sleep = waitsForInput ? Math.min(wakeUp, Duration.ofMillis(STDIN_POLL_MILLIS).toNanos()) : wakeUp;
            long until = System.nanoTime() + sleep;
            TruffleSafepoint.setBlockedThreadInterruptible(c.location, deadline -> {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
            }, until);
        }
    }

    private static Subscription read(Call c, GuestMemory memory, int address) throws ErrnoException {
        long userdata = memory.readI64(address + Abi.SUBSCRIPTION_USERDATA);
        int type = memory.readU8(address + Abi.SUBSCRIPTION_TAG);
        switch (type) {
            case Abi.EVENTTYPE_CLOCK -> {
                int clock = memory.readI32(address + Abi.SUBSCRIPTION_CLOCK_ID);
                long timeout = memory.readI64(address + Abi.SUBSCRIPTION_CLOCK_TIMEOUT);
                boolean absolute = (memory.readU16(address + Abi.SUBSCRIPTION_CLOCK_FLAGS) & Abi.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
                long start = System.nanoTime();
                try {
                    long clockNow = c.wasi.now(clock);
                    long delay = absolute ? timeout - clockNow : timeout;
                    // Timeouts are u64: anything beyond 2^63 ns (292 years) waits that long.
                    if (!absolute && delay < 0) {
                        delay = Long.MAX_VALUE;
                    }
                    return new Subscription(userdata, type, -1, saturatedAdd(start, Math.max(0, delay)), null);
                } catch (ErrnoException e) {
                    return new Subscription(userdata, type, -1, start, e.errno());
                }
            }
            case Abi.EVENTTYPE_FD_READ, Abi.EVENTTYPE_FD_WRITE -> {
                return new Subscription(userdata, type, memory.readI32(address + Abi.SUBSCRIPTION_FD), 0, null);
            }
            default -> throw Errno.INVAL.error();
        }
    }

    private static long saturatedAdd(long start, long delay) {
        long sum = start + delay;
        return sum - start < 0 ? start + Long.MAX_VALUE : sum;
    }

    private static void write(GuestMemory memory, int address, Subscription subscription, Errno error, long nbytes) {
        memory.writeI64(address + Abi.EVENT_USERDATA, subscription.userdata());
        memory.writeI16(address + Abi.EVENT_ERROR, error == null ? 0 : error.code());
        memory.writeI8(address + Abi.EVENT_TYPE, subscription.type());
        memory.writeI8(address + Abi.EVENT_TYPE + 1, 0);
        memory.writeI32(address + Abi.EVENT_TYPE + 2, 0);
        memory.writeI64(address + Abi.EVENT_NBYTES, nbytes);
        memory.writeI64(address + Abi.EVENT_FLAGS, 0);
    }
}
