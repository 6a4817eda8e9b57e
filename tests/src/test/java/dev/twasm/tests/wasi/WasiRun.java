package dev.twasm.tests.wasi;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a WASI program ran: its standard output and error and its exit code. {@link #twasm} runs it
 * through the embedding API, {@link #node} under node's {@code node:wasi} (with the committed
 * runner {@code tests/wasi-programs/run-node.mjs}), both with the same arguments, environment,
 * standard input and granted directory.
 */
record WasiRun(String stdout, String stderr, int exitCode) {
    /** What to run and with what. The directory is granted to the guest as {@code guestName}. */
    record Setup(Path wasm, List<String> args, Map<String, String> env, byte[] stdin, Path directory, String guestName) {
    }

    /** Runs {@code _start} in a new context of {@code engine} (or of its own engine when null). */
    static WasiRun twasm(Engine engine, Setup setup) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context.Builder builder = Context.newBuilder("wasm").option("wasm.Wasi", "true").allowIO(IOAccess.ALL)
                        .arguments("wasm", setup.args().toArray(String[]::new)).environment(setup.env())
                        .in(new ByteArrayInputStream(setup.stdin())).out(out).err(err);
        if (engine != null) {
            builder.engine(engine);
        }
        if (setup.directory() != null) {
            builder.option("wasm.WasiMapDirs", setup.directory() + "::" + setup.guestName());
        }
        int exitCode;
        try (Context context = builder.build()) {
            Value module = context.eval(Source.newBuilder("wasm", setup.wasm().toFile()).build());
            Value start = module.newInstance().getMember("exports").getMember("_start");
            try {
                start.execute();
                exitCode = 0;
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw e;
                }
                exitCode = e.getExitStatus();
            }
        }
        return new WasiRun(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exitCode);
    }

    static WasiRun node(Setup setup, Path runner) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node(), "--no-warnings", runner.toString(), setup.wasm().toString(),
                        setup.directory() == null ? "" : setup.directory() + "::" + setup.guestName(), json(setup.env())));
        command.addAll(setup.args());
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(setup.stdin());
        process.getOutputStream().close();
        // Read both streams fully before waiting, so a chatty program cannot block on a full pipe.
        var stdout = process.getInputStream().readAllBytes();
        var stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("node did not finish: " + command);
        }
        return new WasiRun(new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8), process.exitValue());
    }

    /** The node executable, or a failure saying how to install it. */
    static String node() throws IOException {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() == 0 && version.startsWith("v")) {
                return "node";
            }
        } catch (IOException | InterruptedException e) {
            // reported below
        }
        throw new IOException("node (20 or later) is needed to compare WASI programs with node's WASI: install it, "
                        + "e.g. apt-get install -y nodejs, and put it on the PATH");
    }

    private static String json(Map<String, String> env) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> entry : env.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(entry.getKey())).append(':').append(quote(entry.getValue()));
        }
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
