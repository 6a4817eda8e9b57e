package dev.twasm.tests.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.twasm.tests.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WASI preview 2 components on the command line. {@code tests/components/hello.wasm} is a
 * {@code wasi:cli/command} component written for this project in the component text format
 * ({@code hello.wat}, built by {@code tests/components/build.sh}; under {@code jco run} it prints
 * "Hello from a component"). twasm does not run components yet (issue 20): {@code run} says what
 * the file is, with exit status 1, instead of calling it a malformed module of an unknown version;
 * {@code inspect} shows its imports and exports in WIT terms.
 */
class CliComponentTest {
    static final String HELLO = Cli.ROOT.resolve("tests/components/hello.wasm").toString();
    static final String REFUSED = "wasm: " + HELLO + ": malformed module: unknown binary version: this is a WebAssembly component"
                    + " (component model, version 0x0d, layer 1), and twasm runs core modules only so far (at byte offset 4 (0x4))";

    @Test
    void runSaysTheFileIsAComponent() {
        run("run", HELLO).failsWith(1, REFUSED);
    }

    /** {@code inspect} shows the component's world in WIT terms (what {@code jco wit} names, with each interface's members). */
    @Test
    void inspectShowsTheWorldInWitTerms() {
        run("inspect", HELLO).prints(HELLO + ": component (component model, WASI preview 2), 1024 bytes\n" + """
                        world {
                          import wasi:io/error@0.2.0: interface {
                            resource error;
                          }
                          import wasi:io/streams@0.2.0: interface {
                            resource output-stream;
                            use wasi:io/error@0.2.0.{error};
                            type stream-error = variant { last-operation-failed(error), closed };
                            [method]output-stream.blocking-write-and-flush: func(self: borrow<output-stream>, contents: list<u8>) -> result<_, stream-error>;
                          }
                          import wasi:cli/stdout@0.2.0: interface {
                            use wasi:io/streams@0.2.0.{output-stream};
                            get-stdout: func() -> output-stream;
                          }
                          export wasi:cli/run@0.2.0: interface {
                            run: func() -> result;
                          }
                        }
                        core modules: 2, nested components: 0, canonical functions: 4
                        (twasm does not run components yet)
                        """);
    }

    @Test
    void aMalformedComponentIsAClearError() throws IOException {
        byte[] hello = Files.readAllBytes(Path.of(HELLO));
        Path cut = Files.write(Files.createTempDirectory("component").resolve("cut.wasm"), Arrays.copyOf(hello, 40));
        Cli.Result result = run("inspect", cut.toString());
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("wasm: " + cut + ": malformed module: "), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }
}
