package dev.twasm.launcher;

import org.graalvm.polyglot.Context;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** One {@code wasm} command, parsed from the command line and ready to run. */
sealed interface Command permits RunCommand, WastCommand, ValidateCommand, InspectCommand, CompileCommand, HelpCommand {
    /** Adds the polyglot options the command sets itself, after the user's. */
    default void addOptions(Map<String, String> polyglotOptions) {
    }

    /** Runs the command; returns the exit code. */
    int execute(Invocation invocation);

    /**
     * What a command runs with.
     *
     * @param context a builder configured with the polyglot options of the command line; commands
     *            that run code add their own settings and build contexts from it
     * @param stackTrace whether errors also print the Java stack trace ({@code --stacktrace})
     */
    record Invocation(Context.Builder context, InputStream in, PrintStream out, PrintStream err, boolean stackTrace) {
    }
}
