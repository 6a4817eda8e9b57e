package dev.twasm.tests.cli;

import dev.twasm.tests.cli.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.twasm.tests.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code wasm run} of WASI programs: arguments, environment, granted directories, stdio and the
 * exit code reach the program as the command line says. Skipped while the engine has no WASI
 * (option {@code wasm.Wasi}).
 */
class CliWasiTest {
    static final Path ECHO = Cli.ROOT.resolve("tests/src/test/resources/cli/echo.wasm");

    @TempDir
    static Path dir;

    @Test
    void helloWorld() {
        run("run", Cli.ROOT.resolve("docs/examples/hello.wasm").toString()).prints("Hello, world!\n");
    }

    @Test
    void exitCodeIsTheProgramsProcExitCode() throws IOException {
        String exit7 = Cli.writeText(dir, "exit7.wat", """
                        (module
                          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                          (func (export "_start") (call $exit (i32.const 7)) unreachable))
                        """).toString();
        run("run", exit7).failsWith(7, "");
    }

    @Test
    void programSeesOnlyWhatTheCommandLineGrants() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "hello-file\n");
        Result result = Cli.runWithInput("line1\n", "run", "--dir", data + "::/data", "--env", "GREETING=hi there", ECHO.toString(), "a", "b c");
        assertEquals("""
                        arg 0: %s
                        arg 1: a
                        arg 2: b c
                        GREETING=hi there
                        PATH is unset
                        read: hello-file
                        stdin: line1
                        """.formatted(ECHO), result.out());
        assertEquals("to stderr\n", result.err());
        assertEquals(3, result.exitCode());
        assertEquals("written by echo.wasm\n", Files.readString(data.resolve("out.txt")));
    }

    @Test
    void nothingIsGrantedByDefault() {
        Result result = run("run", ECHO.toString());
        assertEquals("arg 0: " + ECHO + "\nGREETING=(unset)\nPATH is unset\ncannot read /data/in.txt\n", result.out());
        assertEquals(1, result.exitCode());
    }
}
