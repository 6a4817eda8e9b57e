package dev.twasm.benchmarks;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the benchmark programs' peak speed: {@code @Setup} instantiates one program
 * ({@code @Param program}, a name from {@code <programs>/wasm/}) and calls its {@code _initialize} and
 * {@code setup}; {@code @Benchmark} measures one {@code run()} and checks its result against
 * {@code <programs>/checksums.txt}.
 *
 * <p>Runs through the polyglot API only, on whichever {@code wasm} language the forked JVM has on its
 * module path: {@code benchmarks/jmh.sh} gives it twasm (or GraalWasm with {@code --engine graalwasm})
 * and the Graal compiler, and sets {@code program} to every program found unless told otherwise. The
 * programs folder is the system property {@value #PROGRAMS_PROPERTY} (default
 * {@code benchmarks/programs}). Polyglot options such as {@code -Dpolyglot.engine.Compilation=false}
 * reach the engine as system properties of the forked JVM ({@code -jvmArgsAppend}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class WasmBenchmark {
    /** The system property naming the programs folder (with {@code wasm/} and {@code checksums.txt}). */
    public static final String PROGRAMS_PROPERTY = "twasm.benchmarks.programs";

    /** The value of {@link #program} when neither jmh.sh nor {@code -p program=...} set it. */
    static final String UNSET = "unset";

    /**
     * The program's name: {@code <programs>/wasm/<program>.wasm}. The programs are only known at run
     * time, so jmh.sh sets this with {@code -p program=NAME,...} to every program in the folder.
     */
    @Param(UNSET)
    public String program;

    private Context context;
    private Value run;
    private int expected;

    @Setup(Level.Trial)
    public void instantiate() throws IOException {
        if (program.equals(UNSET)) {
            throw new IllegalArgumentException("no program chosen: run the benchmarks with benchmarks/jmh.sh, which passes "
                            + "-p program=<every program in benchmarks/programs/wasm>, or pass -p program=NAME[,NAME...] to JMH");
        }
        Path programs = Path.of(System.getProperty(PROGRAMS_PROPERTY, "benchmarks/programs"));
        Path file = programs.resolve("wasm").resolve(program + ".wasm");
        expected = Checksums.read(programs.resolve("checksums.txt")).expected(program);
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(file)), file.getFileName().toString())
                        .mimeType("application/wasm").build();
        context = Context.newBuilder("wasm").allowExperimentalOptions(true).build();
        if (context.getEngine().getImplementationName().equals("Interpreted")) {
            throw new IllegalStateException("Truffle runs its fallback runtime here (no Graal compilation): run the benchmarks with "
                            + "benchmarks/jmh.sh, which gives the forked JVMs the JVMCI flags and the module path");
        }
        Value exports = context.eval(source).newInstance().getMember("exports");
        if (exports.hasMember("_initialize")) {
            exports.getMember("_initialize").executeVoid();
        }
        exports.getMember("setup").executeVoid();
        run = exports.getMember("run");
    }

    @Benchmark
    public int run() {
        int checksum = run.execute().asInt();
        if (checksum != expected) {
            throw new IllegalStateException(program + ": run() returned " + Integer.toUnsignedString(checksum) + ", checksums.txt says "
                            + Integer.toUnsignedString(expected));
        }
        return checksum;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
