package dev.twasm.launcher;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wasm run [--invoke NAME] FILE [ARGS...]}: instantiates a module and calls one export. */
final class RunCommand {
    private final Path file;
    private final String invoke;
    private final List<String> arguments;
    private final boolean stackTrace;

    private RunCommand(Path file, String invoke, List<String> arguments, boolean stackTrace) {
        this.file = file;
        this.invoke = invoke;
        this.arguments = arguments;
        this.stackTrace = stackTrace;
    }

    static RunCommand parse(String[] args) {
        String invoke = "_start";
        boolean stackTrace = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--invoke" -> {
                    if (++i == args.length) {
                        throw new Main.UsageException("--invoke needs a function name");
                    }
                    invoke = args[i];
                }
                case "--stacktrace" -> stackTrace = true;
                default -> throw new Main.UsageException("unknown option '" + args[i] + "' for 'run' (try: wasm help)");
            }
        }
        if (i == args.length) {
            throw new Main.UsageException("'run' needs a module file (try: wasm help)");
        }
        Path file = Path.of(args[i]);
        return new RunCommand(file, invoke, List.of(args).subList(i + 1, args.length), stackTrace);
    }

    int execute(PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(file)) {
            err.println("wasm: cannot read " + file + ": no such file");
            return Main.FAILURE;
        }
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parseNumber(arguments.get(i));
        }
        Context built;
        try {
            built = Context.newBuilder("wasm").build();
        } catch (IllegalArgumentException e) {
            // Engine options given as -Dpolyglot.* system properties are checked here.
            err.println("wasm: " + e.getMessage());
            return Main.USAGE;
        }
        try (Context context = built) {
            // Errors are reported inside, while the context can still describe their stack frames.
            try {
                Value exports = context.eval(Source.newBuilder("wasm", file.toFile()).build()).newInstance().getMember("exports");
                Value function = exports.getMember(invoke);
                if (function == null || !function.canExecute()) {
                    err.println("wasm: " + file + " exports no function '" + invoke + "'" + (invoke.equals("_start") ? " (use --invoke NAME)" : ""));
                    return Main.FAILURE;
                }
                print(function.execute(values), out);
                return 0;
            } catch (PolyglotException e) {
                return Errors.report(e, stackTrace, err);
            } catch (IllegalArgumentException e) {
                err.println("wasm: bad arguments for '" + invoke + "': " + e.getMessage());
                return Main.FAILURE;
            }
        } catch (IOException e) {
            err.println("wasm: cannot read " + file + ": " + e.getMessage());
            return Main.FAILURE;
        }
    }

    /** Integers as longs (decimal or 0x hex), everything else as doubles; conversion to the parameter type is the engine's. */
    static Object parseNumber(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("-0x")) {
                boolean negative = text.startsWith("-");
                long v = Long.parseUnsignedLong(text.substring(negative ? 3 : 2), 16);
                return negative ? -v : v;
            }
            return Long.parseLong(text);
        } catch (NumberFormatException notAnInteger) {
            try {
                return switch (text) {
                    case "nan" -> Double.NaN;
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(text);
                };
            } catch (NumberFormatException e) {
                throw new Main.UsageException("argument '" + text + "' is not a number");
            }
        }
    }

    private static void print(Value result, PrintStream out) {
        List<Value> values = new ArrayList<>();
        if (result.hasArrayElements()) {
            for (long i = 0; i < result.getArraySize(); i++) {
                values.add(result.getArrayElement(i));
            }
        } else if (!result.isNull()) {
            values.add(result);
        }
        for (Value v : values) {
            out.println(v);
        }
    }
}
