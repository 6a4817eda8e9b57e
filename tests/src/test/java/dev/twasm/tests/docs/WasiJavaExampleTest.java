package dev.twasm.tests.docs;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java example of {@code docs/wasi.md}, executed twice (the program counts its runs in the
 * granted directory). {@link DocsExamplesTest} checks that the document shows exactly the code
 * between the {@code WASI-BEGIN} and {@code WASI-END} markers.
 */
class WasiJavaExampleTest {
    private static final Path ROOT = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize();

    @TempDir Path data;

    @Test
    void wasiExample() throws IOException {
        assertEquals("Hi, world!\n1 greeting(s) in /data/greetings.txt\nexit status 1\n", run());
        assertEquals("Hi, world!\n2 greeting(s) in /data/greetings.txt\nexit status 2\n", run());
        assertEquals("greeted world\ngreeted world\n", Files.readString(data.resolve("greetings.txt")));
    }

    private String run() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example(data, ROOT.resolve("docs/examples/wasi-greet.wasm").toFile());
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static void example(Path data, File program) throws IOException {
        // WASI-BEGIN
        try (Context context = Context.newBuilder("wasm")
                        .option("wasm.Wasi", "true")                       // modules may import wasi_snapshot_preview1
                        .option("wasm.WasiMapDirs", data + "::/data")      // the one directory the guest may use, as /data
                        .allowIO(IOAccess.ALL)                             // file access is the context's to grant
                        .arguments("wasm", new String[]{"greet", "world"}) // argv, program name first
                        .environment("GREETING", "Hi")                     // the guest's whole environment
                        .build()) {
            Value module = context.eval(Source.newBuilder("wasm", program).build());
            Value start = module.newInstance().getMember("exports").getMember("_start");
            try {
                start.execute();
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw e;
                }
                System.out.println("exit status " + e.getExitStatus());
            }
        }
        // WASI-END
    }
}
