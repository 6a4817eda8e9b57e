package dev.twasm.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

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
 */
public final class ChicoryRunner {
    private static final String USAGE = "ChicoryRunner --interpreter|--compiler PROGRAM.wasm ITERATIONS";

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
        RunnerProtocol.execute(file, iterations, (module, name) -> {
            WasmModule parsed = Parser.parse(module);
            Instance.Builder builder = Instance.builder(parsed).withStart(false);
            if (!byteBufferMemory) {
                builder = builder.withMemoryFactory(ByteArrayMemory::new);
            }
            if (compiler) {
                builder = builder.withMachineFactory(MachineFactoryCompiler::compile);
            }
            Instance instance = builder.build();
            if (exports(parsed, "_initialize")) {
                instance.export("_initialize").apply();
            }
            instance.export("setup").apply();
            ExportFunction run = instance.export("run");
            return () -> (int) run.apply()[0];
        });
        System.err.printf("runner: Chicory %s, %s, %s memory%n", version(),
                        compiler ? "runtime compiler (MachineFactoryCompiler)" : "interpreter", byteBufferMemory ? "ByteBuffer" : "byte[]");
        System.exit(0);
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
