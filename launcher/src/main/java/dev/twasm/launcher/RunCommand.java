package dev.twasm.launcher;

import dev.twasm.exception.ModuleException;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wasm run [--dir HOST[::GUEST]]... [--env NAME=VALUE]... [--preload NAME=FILE]...
 * [--invoke NAME] FILE [ARGS...]}: instantiates a module and runs it, as {@code wasmtime run}
 * does. Without {@code --invoke} it calls {@code _start}, the entry point of a WASI command, with
 * {@code ARGS} as the program's arguments, and the exit code is the one the program passes to
 * {@code proc_exit}. With {@code --invoke} it calls that export with {@code ARGS} as its arguments
 * and prints its results.
 *
 * <p>WASI gets exactly what the command line grants: the {@code --dir} directories (option
 * {@code wasm.WasiMapDirs}), the {@code --env} variables (the context's environment, with no
 * access to the host's), {@code FILE ARGS...} as arguments, and the process's stdin, stdout and
 * stderr. The context may use the host file system because the WASI layer confines the module to
 * the granted directories.
 *
 * <p>wasi-threads programs run too: the context may create threads, {@code thread-spawn} is
 * importable (option {@code wasm.WasiThreads}), and a shared memory the program imports that no
 * {@code --preload} provides (the {@code env.memory} of {@code wasm32-wasi-threads} programs) is
 * created from the import's own type, as wasmtime does. When {@code _start} returns or exits, the
 * program ends: threads still running are cancelled.
 */
final class RunCommand implements Command {
    static final String HELP = """
                    Usage: wasm run [OPTIONS] FILE [ARGS...]

                    Instantiates FILE (a .wasm binary or .wat text module) and calls its _start function,
                    the entry point of a WASI program, with ARGS as the program's arguments. The exit code
                    is the one the program passes to proc_exit (0 when _start returns). With --invoke, calls
                    that export instead, with ARGS as its arguments, and prints its results, one per line.

                    Options:
                      --invoke NAME            Call export NAME; ARGS are its arguments: integers (decimal,
                                               or hex with 0x), floats (also nan, inf, -inf), or v128
                                               values as 0x and 32 hex digits (byte 15 first). v128
                                               results print the same way.
                      --dir HOST[::GUEST]      Let the program use directory HOST, under the name GUEST
                                               (default: HOST). Repeatable. No other file is accessible.
                      --env NAME=VALUE         Give the program an environment variable. Repeatable. The
                                               program sees no other variables.
                      --preload NAME=FILE      Instantiate module FILE first and make its exports importable
                                               under the module name NAME. Repeatable; later modules may
                                               import earlier ones.

                    Tools (GraalVM's; bin/wasm has them; --help:tools lists their options, docs/tools.md
                    shows their output). Functions are named from the name section, and code is located
                    in C/Rust source lines when the module has DWARF, else in the module's listing:
                      --inspect[=[HOST:]PORT]  Debug with Chrome DevTools or another client of its protocol;
                                               waits for the debugger and stops at the first instruction.
                      --cpusampler             After the run, print where the time went, per function.
                      --cputracer              After the run, print how often each function was called.
                      --coverage               After the run, print which lines ran; e.g. for lcov tools:
                                               --coverage.Output=lcov --coverage.OutputFile=FILE.
                      --memtracer, --heapmonitor
                                               Trace allocations, monitor the heap (experimental; twasm
                                               reports no allocations to them yet).
                    """;

    /** The WASI options the launcher sets (implemented by the WASI layer). */
    static final String WASI_OPTION = "wasm.Wasi";
    static final String WASI_DIRS_OPTION = "wasm.WasiMapDirs";
    static final String WASI_THREADS_OPTION = "wasm.WasiThreads";
    /** The baseline tier's option, which the launcher turns off for the CPU sampler. */
    static final String BASELINE_OPTION = "wasm.Baseline";

    private final String file;
    private final String invoke;
    private final List<String> arguments;
    private final List<String> dirs;
    private final Map<String, String> environment;
    private final List<Preload> preloads;
    /** Whether {@link #addOptions} turned the baseline tier off, an experimental option the user did not give. */
    private boolean baselineOffForSampler;

    /** A {@code --preload NAME=FILE}. */
    record Preload(String name, String file) {
        static Preload parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw Failure.usage("--preload " + spec + ": expected NAME=FILE");
            }
            return new Preload(spec.substring(0, eq), spec.substring(eq + 1));
        }
    }

    private RunCommand(String file, String invoke, List<String> arguments, List<String> dirs, Map<String, String> environment, List<Preload> preloads) {
        this.file = file;
        this.invoke = invoke;
        this.arguments = arguments;
        this.dirs = dirs;
        this.environment = environment;
        this.preloads = preloads;
    }

    static RunCommand parse(Arguments args) {
        String invoke = null;
        List<String> dirs = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        List<Preload> preloads = new ArrayList<>();
        while (args.atOption()) {
            String value;
            if ((value = args.value("--invoke")) != null) {
                if (value.isEmpty()) {
                    throw Failure.usage("--invoke needs a function name");
                }
                invoke = value;
            } else if ((value = args.value("--dir")) != null) {
                dirs.add(checkDir(value));
            } else if ((value = args.value("--env")) != null) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw Failure.usage("--env " + value + ": expected NAME=VALUE");
                }
                environment.put(value.substring(0, eq), value.substring(eq + 1));
            } else if ((value = args.value("--preload")) != null) {
                preloads.add(Preload.parse(value));
            } else {
                args.common();
            }
        }
        if (!args.hasNext()) {
            throw Failure.usage("'run' needs a module file (see: wasm help run)");
        }
        String file = args.next();
        return new RunCommand(file, invoke, List.copyOf(args.rest()), dirs, environment, preloads);
    }

    /** Checks the syntax of a {@code --dir HOST[::GUEST]}. */
    private static String checkDir(String spec) {
        int separator = spec.indexOf("::");
        String host = separator < 0 ? spec : spec.substring(0, separator);
        if (host.isEmpty()) {
            throw Failure.usage("--dir " + spec + ": expected HOST[::GUEST], the host directory is missing");
        }
        if (separator >= 0 && spec.length() == separator + 2) {
            throw Failure.usage("--dir " + spec + ": expected HOST[::GUEST], the guest name after '::' is missing");
        }
        if (spec.indexOf(',') >= 0) {
            throw Failure.usage("--dir " + spec + ": directory names cannot contain ','");
        }
        return spec;
    }

    private static String host(String dirSpec) {
        int separator = dirSpec.indexOf("::");
        return separator < 0 ? dirSpec : dirSpec.substring(0, separator);
    }

    @Override
    public void addOptions(Map<String, String> polyglotOptions) {
        polyglotOptions.put(WASI_OPTION, "true");
        polyglotOptions.putIfAbsent(WASI_THREADS_OPTION, "true");
        if (!dirs.isEmpty()) {
            List<String> all = new ArrayList<>();
            String given = polyglotOptions.get(WASI_DIRS_OPTION);
            if (given != null && !given.isEmpty()) {
                all.add(given);
            }
            all.addAll(dirs);
            polyglotOptions.put(WASI_DIRS_OPTION, String.join(",", all));
        }
        // The CPU sampler reads the stack's Truffle frames, which code in the baseline tier does not
        // have for the functions it calls (direct JVM calls), so it would see only the entry
        // function: with the sampler on, functions run as nodes and Graal-compiled code (docs/tools.md).
        String sampler = polyglotOptions.get("cpusampler");
        if (sampler != null && !sampler.equals("false") && !polyglotOptions.containsKey(BASELINE_OPTION)) {
            polyglotOptions.put(BASELINE_OPTION, "false");
            baselineOffForSampler = true;
        }
    }

    @Override
    public int execute(Invocation invocation) {
        ModuleFile module = ModuleFile.read(file);
        List<ModuleFile> preloaded = new ArrayList<>();
        for (Preload preload : preloads) {
            preloaded.add(ModuleFile.read(preload.file()));
        }
        for (String dir : dirs) {
            if (!Files.isDirectory(Path.of(host(dir)))) {
                throw Failure.of("--dir " + dir + ": " + host(dir) + " is not a directory");
            }
        }
        Object[] values = invoke == null ? new Object[0] : arguments.stream().map(RunCommand::parseNumber).toArray();
        String[] programArguments = new String[arguments.size() + 1];
        programArguments[0] = file;
        for (int i = 0; i < arguments.size(); i++) {
            programArguments[i + 1] = arguments.get(i);
        }
        Context.Builder builder = invocation.context().allowIO(IOAccess.ALL).allowEnvironmentAccess(EnvironmentAccess.NONE)
                        .allowCreateThread(true)
                        .arguments("wasm", programArguments).in(invocation.in()).out(invocation.out()).err(invocation.err());
        environment.forEach(builder::environment);
        if (baselineOffForSampler) {
            builder.allowExperimentalOptions(true); // the user's own options were checked when the command line was parsed
        }
        // Engine options given as -Dpolyglot.* system properties are only checked by build();
        // WasmLauncher reports the IllegalArgumentException.
        Context context = builder.build();
        try {
            // Errors are reported inside, while the context can still describe their stack frames.
            return run(context, module, preloaded, values, invocation);
        } finally {
            closeEndingThreads(context);
        }
    }

    /** Closes the context once the program has ended, cancelling the threads it started that still run. */
    private static void closeEndingThreads(Context context) {
        try {
            context.close(true);
        } catch (PolyglotException e) {
            if (!e.isCancelled()) {
                throw e;
            }
        }
    }

    private int run(Context context, ModuleFile module, List<ModuleFile> preloaded, Object[] values, Invocation invocation) {
        Map<String, Object> imports = new LinkedHashMap<>();
        String stage = null;
        try {
            for (int i = 0; i < preloads.size(); i++) {
                stage = preloads.get(i).file();
                imports.put(preloads.get(i).name(), instantiate(context, preloaded.get(i), imports));
            }
            stage = file;
            addSharedMemories(context, module, imports);
            Value exports = instantiate(context, module, imports);
            stage = null;
            String entry = invoke == null ? "_start" : invoke;
            if (invoke != null && !invoke.equals("_initialize") && isFunction(exports.getMember("_initialize"))) {
                // A WASI reactor: initialize it before calling into it, as wasmtime does.
                exports.getMember("_initialize").execute();
            }
            Value function = exports.getMember(entry);
            if (!isFunction(function)) {
                throw Failure.of(file + " exports no function '" + entry + "'" + (invoke == null ? " (use --invoke NAME)" : ""));
            }
            print(function.execute(values), invocation.out());
            return 0;
        } catch (PolyglotException e) {
            return Errors.report(e, stage == null ? null : "cannot instantiate " + stage, invocation.stackTrace(), invocation.err());
        } catch (ModuleException e) {
            throw Failure.of(stage + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Failure.of("bad arguments for '" + invoke + "': " + argumentProblem(e.getMessage()));
        }
    }

    /**
     * The engine's reason in the polyglot API's message for a rejected argument ("Invalid argument
     * when executing 'f'(...). REASON Provided arguments: [...]"), with a hint for vectors.
     */
    static String argumentProblem(String message) {
        int start = message.indexOf("). ");
        int end = message.lastIndexOf(" Provided arguments");
        String reason = start >= 0 && end > start ? message.substring(start + 3, end) : message;
        return reason.startsWith("expected a v128") ? reason + "; pass it as 0x and 32 hex digits" : reason;
    }

    /**
     * Creates each shared memory that {@code module} imports from a module that {@code imports}
     * does not define, of the import's own type, and adds it there.
     */
    private static void addSharedMemories(Context context, ModuleFile module, Map<String, Object> imports) {
        Module model;
        try {
            model = module.decode();
        } catch (ModuleException e) {
            return; // instantiation reports it
        }
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        for (Import imp : model.imports()) {
            if (imp.desc() instanceof ImportDesc.Memory memory && memory.type().shared() && !imports.containsKey(imp.module())) {
                created.computeIfAbsent(imp.module(), m -> new LinkedHashMap<>()).put(imp.name(), createMemory(context, memory.type()));
            }
        }
        created.forEach((name, members) -> imports.put(name, ProxyObject.fromMap(members)));
    }

    /** A new memory of {@code type}, made by a module that exports it. */
    private static Value createMemory(Context context, MemoryType type) {
        Limits limits = type.limits();
        String text = "(module (memory (export \"memory\") " + (type.addressType().is64() ? "i64 " : "") + Long.toUnsignedString(limits.min())
                        + (limits.hasMax() ? " " + Long.toUnsignedString(limits.max()) : "") + (type.shared() ? " shared" : "") + "))";
        Value exporter = context.eval(Source.create("wasm", text)).newInstance();
        return exporter.getMember("exports").getMember("memory");
    }

    private static Value instantiate(Context context, ModuleFile module, Map<String, Object> imports) {
        Value compiled = context.eval(module.source());
        Value instance = imports.isEmpty() ? compiled.newInstance() : compiled.newInstance(ProxyObject.fromMap(new LinkedHashMap<>(imports)));
        return instance.getMember("exports");
    }

    private static boolean isFunction(Value value) {
        return value != null && value.canExecute();
    }

    /**
     * Integers as longs (decimal or 0x hex), {@code 0x} and exactly 32 hex digits as a v128 (an
     * array of its 16 bytes, byte 0 the lowest), everything else as doubles; conversion to the
     * parameter type is the engine's.
     */
    static Object parseNumber(String text) {
        if (text.length() == 34 && text.startsWith("0x")) {
            try {
                byte[] bytes = new BigInteger(text.substring(2), 16).toByteArray();
                Object[] v128 = new Object[16];
                for (int i = 0; i < 16; i++) {
                    v128[i] = i < bytes.length ? (int) bytes[bytes.length - 1 - i] : 0;
                }
                return ProxyArray.fromArray(v128);
            } catch (NumberFormatException e) {
                throw Failure.usage("argument '" + text + "' is not a number");
            }
        }
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
                throw Failure.usage("argument '" + text + "' is not a number");
            }
        }
    }

    private static void print(Value result, PrintStream out) {
        List<Value> values = new ArrayList<>();
        if (result.hasArrayElements() && !isV128(result)) {
            for (long i = 0; i < result.getArraySize(); i++) {
                values.add(result.getArrayElement(i));
            }
        } else if (!result.isNull()) {
            values.add(result);
        }
        for (Value v : values) {
            out.println(isV128(v) ? String.format("0x%016x%016x", v.readBufferLong(ByteOrder.LITTLE_ENDIAN, 8),
                            v.readBufferLong(ByteOrder.LITTLE_ENDIAN, 0)) : v);
        }
    }

    /** A v128 result: 16 bytes (the engine gives them as a buffer; multi-value results are arrays without one). */
    private static boolean isV128(Value v) {
        return v.hasBufferElements() && v.getBufferSize() == 16;
    }
}
