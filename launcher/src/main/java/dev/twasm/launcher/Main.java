package dev.twasm.launcher;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code wasm} command line: {@code wasm run} runs a module's function, {@code wasm wast}
 * runs spec test scripts. Bad input gets one line on stderr and a non-zero exit code; Java stack
 * traces only with {@code --stacktrace}.
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

    static final String HELP = """
                    Usage: wasm <command> [options]

                    Commands:
                      run [--invoke NAME] [--stacktrace] FILE [ARGS...]
                                    Instantiate FILE (.wasm binary or .wat text) and call its export
                                    NAME (default: _start) with ARGS, printing the results.
                      wast [--stacktrace] FILE...
                                    Run WebAssembly spec test scripts; print "FILE: N passed, N failed,
                                    N skipped" for each and exit non-zero on any failure.
                      help          Show this help.
                    """;

    private Main() {
    }

    public static void main(String[] args) {
        int[] exitCode = {FAILURE};
        Thread guest = new Thread(null, () -> exitCode[0] = run(args, System.out, System.err), "wasm", GUEST_STACK_BYTES);
        guest.start();
        try {
            guest.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.exit(exitCode[0]);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(HELP);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.parse(rest).execute(out, err);
                case "wast" -> WastCommand.parse(rest).execute(out, err);
                case "help", "--help", "-h" -> {
                    out.print(HELP);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "' (try: wasm help)");
            };
        } catch (UsageException e) {
            err.println("wasm: " + e.getMessage());
            return USAGE;
        }
    }

    /** A command line that cannot be understood. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
