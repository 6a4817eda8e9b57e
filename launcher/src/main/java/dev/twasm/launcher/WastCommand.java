package dev.twasm.launcher;

import dev.twasm.launcher.wast.Outcome;
import dev.twasm.launcher.wast.ScriptSession;
import dev.twasm.text.WastParser;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Script;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wasm wast FILE...}: runs spec test scripts with the same runner as the conformance tests. */
final class WastCommand {
    private final List<Path> files;
    private final boolean stackTrace;

    private WastCommand(List<Path> files, boolean stackTrace) {
        this.files = files;
        this.stackTrace = stackTrace;
    }

    static WastCommand parse(String[] args) {
        List<Path> files = new ArrayList<>();
        boolean stackTrace = false;
        for (String arg : args) {
            if (arg.equals("--stacktrace")) {
                stackTrace = true;
            } else if (arg.startsWith("--")) {
                throw new Main.UsageException("unknown option '" + arg + "' for 'wast' (try: wasm help)");
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            throw new Main.UsageException("'wast' needs at least one script file");
        }
        return new WastCommand(files, stackTrace);
    }

    int execute(PrintStream out, PrintStream err) {
        boolean anyFailed = false;
        for (Path file : files) {
            Script script;
            try {
                script = WastParser.parse(Files.readString(file), file.getFileName().toString());
            } catch (IOException e) {
                err.println("wasm: cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
                anyFailed = true;
                continue;
            } catch (RuntimeException e) {
                err.println("wasm: " + file + ": " + e.getMessage());
                anyFailed = true;
                continue;
            }
            int[] counts = new int[3];
            try (ScriptSession session = new ScriptSession(Context.newBuilder("wasm").build(), file.getFileName().toString())) {
                for (Command command : script.commands()) {
                    Outcome outcome = session.execute(command);
                    counts[outcome.status().ordinal()]++;
                    if (outcome.status() == Outcome.Status.FAILED) {
                        err.println(file + ":" + command.line() + ": " + outcome.message());
                    }
                }
            } catch (PolyglotException e) {
                Errors.report(e, stackTrace, err);
                counts[Outcome.Status.FAILED.ordinal()]++;
            }
            out.printf("%s: %d passed, %d failed, %d skipped%n", file, counts[0], counts[1], counts[2]);
            anyFailed |= counts[1] > 0;
        }
        return anyFailed ? Main.FAILURE : 0;
    }
}
