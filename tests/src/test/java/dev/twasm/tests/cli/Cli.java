package dev.twasm.tests.cli;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.launcher.Main;
import dev.twasm.text.WatParser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the {@code wasm} command line in-process and captures what it prints. */
final class Cli {
    static final Path ROOT = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize();

    private Cli() {
    }

    /** What one command line did. */
    record Result(int exitCode, String out, String err) {
        /** Asserts a failure reported as exactly one line on stderr, with nothing on stdout. */
        Result failsWith(int expectedExitCode, String expectedLine) {
            assertEquals(expectedLine, err.stripTrailing(), "stderr");
            assertEquals("", out, "stdout");
            assertEquals(expectedExitCode, exitCode, "exit code; stderr: " + err);
            return this;
        }

        /** Asserts success with exactly this stdout and nothing on stderr. */
        Result prints(String expectedOut) {
            assertEquals(expectedOut, out, "stdout; stderr: " + err);
            assertEquals("", err, "stderr");
            assertEquals(0, exitCode, "exit code");
            return this;
        }
    }

    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path writeText(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Writes the binary encoding of a text module (with a name section from its identifiers). */
    static Path writeBinary(Path dir, String name, String wat) throws IOException {
        return Files.write(dir.resolve(name), ModuleEncoder.encode(WatParser.parseModule(wat)));
    }
}
