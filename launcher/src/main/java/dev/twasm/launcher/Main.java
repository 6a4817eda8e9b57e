package dev.twasm.launcher;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The entry point of the {@code wasm} command ({@code bin/wasm}); {@link WasmLauncher} is the
 * command line. Exit codes: 0 on success, {@value #FAILURE} when the input or the guest fails
 * (unreadable, malformed or invalid module, link error, trap), {@value #USAGE} for a command line
 * that cannot be understood, and a WASI program's own {@code proc_exit} code.
 *
 * <p>Wasm code runs on a thread with a large stack, so the call depth limit
 * ({@code wasm.MaxCallDepth}), not the JVM's default 1 MB stack, decides how deep programs recurse.
 */
public final class Main {
    /** Exit code for bad command-line usage. */
    static final int USAGE = 2;
    /** Exit code when the input or the guest fails. */
    static final int FAILURE = 1;
    private static final long GUEST_STACK_BYTES = 2L << 30;

    private Main() {
    }

    public static void main(String[] args) {
        int[] exitCode = {FAILURE};
        Thread guest = new Thread(null, () -> exitCode[0] = run(args, System.in, System.out, System.err), "wasm", GUEST_STACK_BYTES);
        guest.start();
        try {
            guest.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.exit(exitCode[0]);
    }

    /** Runs one command line with an empty stdin; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new WasmLauncher(in, out, err).execute(args);
    }
}
