package dev.twasm.launcher;

import dev.twasm.launcher.wast.Outcome;
import dev.twasm.launcher.wast.ScriptSession;
import dev.twasm.text.WastParser;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Script;
import org.graalvm.polyglot.PolyglotException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wasm wast FILE...}: runs spec test scripts with the same runner as the conformance tests. */
final class WastCommand implements dev.twasm.launcher.Command {
    static final String HELP = """
                    Usage: wasm wast [OPTIONS] FILE...

                    Runs WebAssembly spec test scripts (.wast), each in a fresh context, and prints
                    "FILE: N passed, N failed, N skipped" for each, after the line of every failed command.
                    Exits with 1 when any command failed.
                    """;

    private final List<Path> files;

    private WastCommand(List<Path> files) {
        this.files = files;
    }

    static WastCommand parse(Arguments args) {
        List<Path> files = new ArrayList<>();
        while (args.hasNext()) {
            if (args.atOption()) {
                args.common();
            } else {
                files.add(Path.of(args.next()));
            }
        }
        if (files.isEmpty()) {
            throw Failure.usage("'wast' needs at least one script file (see: wasm help wast)");
        }
        return new WastCommand(files);
    }

    @Override
    public int execute(Invocation invocation) {
        boolean anyFailed = false;
        for (Path file : files) {
            Script script;
            try {
                script = WastParser.parse(Files.readString(file), file.getFileName().toString());
            } catch (IOException e) {
                invocation.err().println("wasm: cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
                anyFailed = true;
                continue;
            } catch (RuntimeException e) {
                invocation.err().println("wasm: " + file + ": " + e.getMessage());
                anyFailed = true;
                continue;
            }
            int[] counts = new int[3];
            try (ScriptSession session = new ScriptSession(invocation.context().build(), file.getFileName().toString())) {
                for (Command command : script.commands()) {
                    Outcome outcome = session.execute(command);
                    counts[outcome.status().ordinal()]++;
                    if (outcome.status() == Outcome.Status.FAILED) {
                        invocation.err().println(file + ":" + command.line() + ": " + outcome.message());
                    }
                }
            } catch (PolyglotException e) {
                Errors.report(e, file.toString(), invocation.stackTrace(), invocation.err());
                counts[Outcome.Status.FAILED.ordinal()]++;
            }
            invocation.out().printf("%s: %d passed, %d failed, %d skipped%n", file, counts[0], counts[1], counts[2]);
            anyFailed |= counts[1] > 0;
        }
        return anyFailed ? Main.FAILURE : 0;
    }
}
