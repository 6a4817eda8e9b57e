package dev.twasm.benchmarks;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The counting loop of {@code platform.md}, measured as the platform notes measured GraalWasm:
 * {@code loop(n)} called three times to warm up, then timed. Prints the engine's name, every timed
 * call and their median, in milliseconds. Engine-agnostic: it runs on whichever {@code wasm}
 * language is on the module path.
 *
 * <p>Usage: {@code CountingLoop FILE.wasm [N [TIMED_CALLS]]}.
 */
public final class CountingLoop {
    private static final int WARM_UP_CALLS = 3;

    private CountingLoop() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000_000;
        int timedCalls = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(file)), file.getFileName().toString())
                        .mimeType("application/wasm").build();
        try (Engine engine = Engine.create("wasm"); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value loop = context.eval(source).newInstance().getMember("exports").getMember("loop");
            int checksum = 0;
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                checksum = loop.execute(n).asInt();
            }
            double[] millis = new double[timedCalls];
            for (int i = 0; i < timedCalls; i++) {
                long start = System.nanoTime();
                int result = loop.execute(n).asInt();
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (result != checksum) {
                    throw new IllegalStateException("result changed: " + result + " != " + checksum);
                }
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf("engine=%s implementation=%s result=%d calls=%s median_ms=%.1f%n", engine.getLanguages().get("wasm").getImplementationName(),
                            engine.getImplementationName(), checksum, Arrays.toString(Arrays.stream(millis).map(m -> Math.round(m * 10) / 10.0).toArray()),
                            sorted[sorted.length / 2]);
        }
    }
}
