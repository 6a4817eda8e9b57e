import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Time per call of a hot JavaScript loop calling a Wasm export through the standard JS API
 * (GraalJS, js.webassembly=true). Engine-agnostic: the same program runs with twasm or with
 * GraalWasm as the wasm language, each in its own JVM (see run.sh next to it).
 * Prints the median nanoseconds per call over the measured rounds.
 */
public class JsCallLoop {
    // (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
    static final int[] ADD = {0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100,
                    100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11};

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int calls = 10_000_000;
        try (Context context = Context.newBuilder("js", "wasm").allowAllAccess(true).option("js.webassembly", "true").build()) {
            Value bytes = context.eval("js", "(a) => new Uint8Array(a)").execute((Object) ADD);
            context.getBindings("js").putMember("bytesArray", bytes);
            Value loop = context.eval("js", """
                    var add = new WebAssembly.Instance(new WebAssembly.Module(bytesArray)).exports.add;
                    (function hotLoop(n) { var s = 0; for (var i = 0; i < n; i++) { s = add(s, i) | 0; } return s; })
                    """);
            long[] times = new long[rounds];
            int check = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                check ^= loop.execute(calls).asInt();
                times[r] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times);
            System.out.printf("engine=%s rounds=%d calls/round=%d median=%.3f ns/call best=%.3f ns/call check=%d%n",
                            context.getEngine().getLanguages().get("wasm").getImplementationName(), rounds, calls,
                            times[rounds / 2] / (double) calls, times[0] / (double) calls, check);
        }
    }
}
