package dev.twasm.launcher;

import org.graalvm.polyglot.PolyglotException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns engine errors into what the command line prints: one line {@code wasm: MESSAGE}, then for
 * a trap the Wasm functions on the stack, innermost first, by their names from the name section
 * (as wasmtime prints its "wasm backtrace"), and the Java stack trace only with
 * {@code --stacktrace}.
 */
final class Errors {
    /** Frames shown in a backtrace; deeper ones are counted. */
    static final int BACKTRACE_FRAMES = 10;

    private Errors() {
    }

    /**
     * Prints {@code e} and returns the exit code: the guest's own for an exit ({@code proc_exit}),
     * else {@value Main#FAILURE}.
     *
     * @param context what was being done, e.g. the module being instantiated, or null
     */
    static int report(PolyglotException e, String context, boolean stackTrace, PrintStream err) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        String prefix = context == null || e.isSyntaxError() ? "" : context + ": ";
        err.println("wasm: " + prefix + describe(e));
        List<String> functions = wasmFunctions(e);
        if (!functions.isEmpty()) {
            err.println("wasm backtrace:");
            for (int i = 0; i < Math.min(functions.size(), BACKTRACE_FRAMES); i++) {
                err.printf("    %d: %s%n", i, functions.get(i));
            }
            if (functions.size() > BACKTRACE_FRAMES) {
                err.printf("    ... %d more%n", functions.size() - BACKTRACE_FRAMES);
            }
        }
        if (stackTrace) {
            e.printStackTrace(err);
        }
        return Main.FAILURE;
    }

    /** The error's message; for an internal error, also how to get details. */
    static String describe(PolyglotException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.isInternalError()) {
            return "internal error: " + message + " (please report this; --stacktrace shows details)";
        }
        return message;
    }

    /** Names of the Wasm functions on the error's stack, innermost first. */
    static List<String> wasmFunctions(PolyglotException e) {
        List<String> functions = new ArrayList<>();
        if (e.isSyntaxError() || e.isInternalError() || e.isCancelled()) {
            return functions;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getLanguage() != null && "wasm".equals(frame.getLanguage().getId())) {
                functions.add(frame.getRootName());
            }
        }
        return functions;
    }
}
