package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.wasi.fs.DirectoryDescriptor;
import dev.twasm.wasi.fs.FdTable;
import dev.twasm.wasi.fs.StreamDescriptor;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WASI's state in one polyglot context: what a process has in POSIX. Created on the first import of
 * wasi_snapshot_preview1 in the context and shared by every instance there:
 * <ul>
 * <li>arguments: {@code Env.getApplicationArguments()} ({@code Context.Builder.arguments("wasm", ...)}),
 * the first being the program name;</li>
 * <li>environment: {@code Env.getEnvironment()}, sorted by name, so the embedder's environment
 * policy decides what the guest sees (nothing of the host's by default);</li>
 * <li>descriptors 0-2: the context's standard streams; 3 on: the granted directories
 * ({@code wasm.WasiMapDirs}) in their order, each a capability for its subtree only;</li>
 * <li>clocks and a {@link SecureRandom}.</li>
 * </ul>
 * Closed (every descriptor) when the context is disposed.
 */
final class WasiState implements Closeable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final TruffleLanguage.Env env;
    final List<byte[]> arguments;
    final List<byte[]> environment;
    final FdTable fds = new FdTable();
    final SecureRandom random = new SecureRandom();
    private final long monotonicOrigin = System.nanoTime();

    private WasiState(TruffleLanguage.Env env) {
        this.env = env;
        this.arguments = new ArrayList<>();
        for (String argument : env.getApplicationArguments()) {
            arguments.add(argument.getBytes(StandardCharsets.UTF_8));
        }
        this.environment = new ArrayList<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(env.getEnvironment()).entrySet()) {
            environment.add((variable.getKey() + "=" + variable.getValue()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The state of a new context; fails with a message for the user when a granted directory cannot be opened. */
    static WasiState create(TruffleLanguage.Env env) {
        WasiState state = new WasiState(env);
        try {
            state.fds.add(StreamDescriptor.input(env.in()));
            state.fds.add(StreamDescriptor.output(env.out()));
            state.fds.add(StreamDescriptor.output(env.err()));
            for (DirMapping mapping : env.getOptions().get(WasiOptions.WasiMapDirs)) {
                state.fds.add(new DirectoryDescriptor(grantedDirectory(env, mapping), mapping.guest(), env.getFileNameSeparator(), Rights.DIRECTORY,
                                Rights.DIRECTORY_INHERITING));
            }
        } catch (ErrnoException e) {
            throw new IllegalArgumentException("too many directories granted to WASI");
        }
        env.registerOnDispose(state);
        return state;
    }

    private static TruffleFile grantedDirectory(TruffleLanguage.Env env, DirMapping mapping) {
        String option = "--wasm.WasiMapDirs entry '" + mapping + "': ";
        try {
            TruffleFile directory = env.getPublicTruffleFile(mapping.host());
            if (!directory.isDirectory()) {
                throw new IllegalArgumentException(option + "'" + mapping.host() + "' is not a directory");
            }
            return directory.getCanonicalFile();
        } catch (SecurityException e) {
            throw new IllegalArgumentException(option + "this context does not allow file access; build it with "
                            + "Context.newBuilder().allowIO(IOAccess.ALL) (or an IOAccess with a custom file system)");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + "cannot open '" + mapping.host() + "': " + e.getMessage());
        }
    }

    /** Nanoseconds of clock {@code id} ({@code $clockid}), or {@code inval} for an unknown clock. */
    long now(int id) throws ErrnoException {
        return switch (id) {
            case Abi.CLOCK_REALTIME -> {
                java.time.Instant now = java.time.Instant.now();
                yield now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case Abi.CLOCK_MONOTONIC -> System.nanoTime() - monotonicOrigin;
            // The guest runs on the calling thread: its CPU time is that thread's.
            case Abi.CLOCK_PROCESS_CPUTIME, Abi.CLOCK_THREAD_CPUTIME -> {
                long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
                if (cpu < 0) {
                    throw Errno.INVAL.error();
                }
                yield cpu;
            }
            default -> throw Errno.INVAL.error();
        };
    }

    /** The resolution of clock {@code id} in nanoseconds. */
    static long resolution(int id) throws ErrnoException {
        return switch (id) {
            case Abi.CLOCK_REALTIME -> 1_000;
            case Abi.CLOCK_MONOTONIC, Abi.CLOCK_PROCESS_CPUTIME, Abi.CLOCK_THREAD_CPUTIME -> 1;
            default -> throw Errno.INVAL.error();
        };
    }

    @Override
    public void close() {
        fds.closeAll();
    }
}
