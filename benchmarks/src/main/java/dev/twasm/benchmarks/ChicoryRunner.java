package dev.twasm.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner of the engine comparison for Chicory 1.7.5 (a WebAssembly engine in plain Java), in a
 * JVM of its own with Chicory on the class path; prints the runner protocol ({@link RunnerProtocol}).
 *
 * <p>Usage: {@code ChicoryRunner --interpreter|--compiler PROGRAM.wasm ITERATIONS}.
 * <ul>
 * <li>{@code --interpreter}: Chicory's default machine, its interpreter
 * ({@code Instance.builder(module).build()}).</li>
 * <li>{@code --compiler}: its runtime compiler, which translates every function to JVM bytecode
 * when the module is instantiated ({@code withMachineFactory(MachineFactoryCompiler::compile)}); the
 * JVM's JIT compiles that bytecode further as it runs.</li>
 * </ul>
 * Both use {@link ByteArrayMemory}, the memory Chicory recommends on OpenJDK (its default is a
 * {@code ByteBuffer}-based memory meant for Android); {@code -Dchicory.memory=bytebuffer} selects the
 * default instead. The instance is built without running a {@code _start} export, and the runner calls
 * {@code _initialize} and {@code setup} itself, as every runner does.
 *
 * <p>Chicory 1.7.5 has no SIMD: its parser reads vector instructions, but its compiler refuses a
 * module with them when it instantiates it ({@code ChicoryException: Unhandled opcode: V128_CONST}),
 * and its interpreter stops at the first one it executes ({@code RuntimeException: Machine doesn't
 * recognize Instruction ...}, from {@code InterpreterMachine.evalDefault}). The runner reports both as
 * unsupported ({@link RunnerProtocol.Unsupported}), as it does any {@link ChicoryException} while
 * parsing and instantiating; traps and other errors while running stay failures.
 */
public final class ChicoryRunner {
    private static final String USAGE = "ChicoryRunner --interpreter|--compiler PROGRAM.wasm ITERATIONS";
    /** The start of the message of the exception Chicory's interpreter throws for an instruction it does not implement. */
    static final String UNIMPLEMENTED_INSTRUCTION = "Machine doesn't recognize Instruction";
    /** The opcode in that message ({@code ...instruction=0x000001D5: V128_CONST [0, 0], ...}). */
    private static final Pattern OPCODE = Pattern.compile("instruction=0x\\p{XDigit}+: (\\w+)");

    private ChicoryRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("--interpreter") || args[0].equals("--compiler"))) {
            System.err.println("usage: " + USAGE);
            System.exit(64);
        }
        boolean compiler = args[0].equals("--compiler");
        boolean byteBufferMemory = "bytebuffer".equals(System.getProperty("chicory.memory"));
        Path file = RunnerProtocol.existingFile(args[1], USAGE);
        int iterations = RunnerProtocol.iterations(args[2], USAGE);
        RunnerProtocol.execute(file, iterations, (module, name) -> load(module, compiler, byteBufferMemory));
        System.err.printf("runner: Chicory %s, %s, %s memory%n", version(),
                        compiler ? "runtime compiler (MachineFactoryCompiler)" : "interpreter", byteBufferMemory ? "ByteBuffer" : "byte[]");
        System.exit(0);
    }

    /**
     * Parses and instantiates {@code module} on the chosen machine, calls {@code _initialize} and
     * {@code setup}, and returns {@code run}; throws {@link RunnerProtocol.Unsupported} when Chicory
     * rejects the module or (then or in {@code run}) meets an instruction it does not implement.
     */
    static IntSupplier load(byte[] module, boolean compiler, boolean byteBufferMemory) {
        WasmModule parsed;
        Instance instance;
        try {
            parsed = Parser.parse(module);
            Instance.Builder builder = Instance.builder(parsed).withStart(false);
            if (!byteBufferMemory) {
                builder = builder.withMemoryFactory(ByteArrayMemory::new);
            }
            if (compiler) {
                builder = builder.withMachineFactory(MachineFactoryCompiler::compile);
            }
            instance = builder.build();
        } catch (ChicoryException e) {
            throw new RunnerProtocol.Unsupported(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (exports(parsed, "_initialize")) {
            call(instance.export("_initialize"));
        }
        call(instance.export("setup"));
        ExportFunction run = instance.export("run");
        return () -> (int) call(run)[0];
    }

    /** Calls {@code function}, turning the interpreter's refusal of an instruction into {@link RunnerProtocol.Unsupported}. */
    private static long[] call(ExportFunction function) {
        try {
            return function.apply();
        } catch (RuntimeException e) {
            if (e.getClass() == RuntimeException.class && e.getMessage() != null && e.getMessage().startsWith(UNIMPLEMENTED_INSTRUCTION)) {
                // The message goes on with the whole AnnotatedInstruction; its opcode is what matters.
                Matcher opcode = OPCODE.matcher(e.getMessage());
                throw new RunnerProtocol.Unsupported(opcode.find() ? UNIMPLEMENTED_INSTRUCTION + " " + opcode.group(1) : e.getMessage(), e);
            }
            throw e;
        }
    }

    private static boolean exports(WasmModule module, String name) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Chicory's version, from the Maven metadata in its runtime jar. */
    private static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Instance.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in == null) {
                return "(unknown version)";
            }
            properties.load(in);
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
