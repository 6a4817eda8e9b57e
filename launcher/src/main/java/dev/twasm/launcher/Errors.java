package dev.twasm.launcher;

import org.graalvm.polyglot.PolyglotException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Turns engine errors into the one-line messages the command line prints. */
final class Errors {
    private Errors() {
    }

    /** Prints {@code e} as one line (plus the Java stack trace when asked) and returns the exit code. */
    static int report(PolyglotException e, boolean stackTrace, PrintStream err) {
        err.println("wasm: " + describe(e));
        if (stackTrace) {
            e.printStackTrace(err);
        }
        return Main.FAILURE;
    }

    static String describe(PolyglotException e) {
        if (e.isSyntaxError()) {
            return e.getMessage();
        }
        if (e.isInternalError()) {
            return "internal error: " + e.getMessage() + " (please report this; --stacktrace shows details)";
        }
        if (e.isCancelled() || e.isExit()) {
            return e.getMessage();
        }
        List<String> functions = new ArrayList<>();
        e.getPolyglotStackTrace().forEach(frame -> {
            if (frame.isGuestFrame() && frame.getLanguage() != null && "wasm".equals(frame.getLanguage().getId()) && functions.size() < 8) {
                functions.add(frame.getRootName());
            }
        });
        String where = functions.isEmpty() ? "" : " (in " + String.join(" <- ", functions) + ")";
        return e.getMessage() + where;
    }
}
