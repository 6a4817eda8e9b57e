package dev.twasm.benchmarks;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The runner of the engine comparison for the Truffle engines: runs one benchmark program on
 * whichever language with id {@code wasm} is on the module path, twasm or GraalWasm (each in its own
 * JVM), through the polyglot API only, and prints the runner protocol ({@link RunnerProtocol}).
 *
 * <p>Usage: {@code PolyglotRunner [--option KEY=VALUE]... PROGRAM.wasm ITERATIONS}. Each
 * {@code --option} is a polyglot option of the context, e.g. {@code engine.Compilation=false} for the
 * interpreter-only configuration. The runner tells on stderr which engine it ran and with which
 * options, so a log shows that the intended engine (and Truffle runtime) did the work.
 *
 * <p>When the engine rejects the module with a guest error while parsing, validating or
 * instantiating it (a {@link PolyglotException} that is neither an internal error of the engine nor
 * a host exception), the run is unsupported ({@link RunnerProtocol.Unsupported}): e.g. an engine
 * without SIMD refusing a module with vector instructions. Everything that goes wrong later is a
 * failure.
 */
public final class PolyglotRunner {
    private static final String USAGE = "PolyglotRunner [--option KEY=VALUE]... PROGRAM.wasm ITERATIONS";

    private PolyglotRunner() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        int next = 0;
        while (next < args.length && args[next].equals("--option")) {
            String option = next + 1 < args.length ? args[next + 1] : "";
            int equals = option.indexOf('=');
            if (equals <= 0) {
                System.err.println("usage: " + USAGE + " (bad option '" + option + "')");
                System.exit(64);
            }
            options.put(option.substring(0, equals), option.substring(equals + 1));
            next += 2;
        }
        if (args.length - next != 2) {
            System.err.println("usage: " + USAGE);
            System.exit(64);
        }
        Path file = RunnerProtocol.existingFile(args[next], USAGE);
        int iterations = RunnerProtocol.iterations(args[next + 1], USAGE);
        Context[] context = new Context[1];
        RunnerProtocol.execute(file, iterations, new RunnerProtocol.Loader() {
            @Override
            public boolean start() {
                context[0] = Context.newBuilder("wasm").allowExperimentalOptions(true).options(options).build();
                context[0].initialize("wasm");
                return true;
            }

            @Override
            public IntSupplier load(byte[] module, String name) throws Exception {
                Source source = Source.newBuilder("wasm", ByteSequence.create(module), name).mimeType("application/wasm").build();
                Value exports;
                try {
                    exports = context[0].eval(source).newInstance().getMember("exports");
                } catch (PolyglotException e) {
                    if (e.isInternalError() || e.isHostException()) {
                        throw e;
                    }
                    throw new RunnerProtocol.Unsupported(e.getMessage(), e);
                }
                if (exports.hasMember("_initialize")) {
                    exports.getMember("_initialize").executeVoid();
                }
                exports.getMember("setup").executeVoid();
                Value run = exports.getMember("run");
                return () -> run.execute().asInt();
            }
        });
        Language language = context[0].getEngine().getLanguages().get("wasm");
        System.err.printf("runner: %s %s (%s) on the %s Truffle runtime, options %s%n", language.getName(), language.getVersion(),
                        language.getImplementationName(), context[0].getEngine().getImplementationName(), options);
        context[0].close();
        System.exit(0);
    }
}
