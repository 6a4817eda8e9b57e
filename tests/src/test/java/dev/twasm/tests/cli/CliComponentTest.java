package dev.twasm.tests.cli;

import org.junit.jupiter.api.Test;

import static dev.twasm.tests.cli.Cli.run;

/**
 * WASI preview 2 components on the command line. {@code tests/components/hello.wasm} is a
 * {@code wasi:cli/command} component written for this project in the component text format
 * ({@code hello.wat}, built by {@code tests/components/build.sh}; under {@code jco run} it prints
 * "Hello from a component"). twasm does not run components yet (issue 20): {@code run} and
 * {@code inspect} say what the file is, with exit status 1, instead of calling it a malformed
 * module of an unknown version.
 */
class CliComponentTest {
    static final String HELLO = Cli.ROOT.resolve("tests/components/hello.wasm").toString();
    static final String REFUSED = "wasm: " + HELLO + ": malformed module: unknown binary version: this is a WebAssembly component"
                    + " (component model, version 0x0d, layer 1), and twasm runs core modules only so far (at byte offset 4 (0x4))";

    @Test
    void runSaysTheFileIsAComponent() {
        run("run", HELLO).failsWith(1, REFUSED);
    }

    @Test
    void inspectSaysTheFileIsAComponent() {
        run("inspect", HELLO).failsWith(1, REFUSED);
    }
}
