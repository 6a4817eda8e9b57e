package dev.twasm.tests.cli;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.tests.cli.Cli.Result;
import dev.twasm.text.WatParser;
import dev.twasm.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.twasm.tests.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code wasm} command line, in-process: every command, and every kind of bad input, each
 * with its stdout, stderr and exit code (0 success, 1 failed input or guest, 2 bad usage).
 */
class CliTest {
    static final String CALC = """
                    (module
                      (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                      (func $main (export "crash") (result i32) (call $div (i32.const 1) (i32.const 0)))
                      (func $rec (export "rec") (call $rec))
                      (func (export "pair") (param i64 f64) (result i64 f64) (local.get 0) (local.get 1))
                      (func (export "nothing"))
                      (func (export "_start"))
                      (memory (export "memory") 1 2))
                    """;
    static final String LIB = """
                    (module $lib
                      (global (export "base") i32 (i32.const 100))
                      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                    """;
    static final String USER = """
                    (module
                      (import "lib" "add" (func $add (param i32 i32) (result i32)))
                      (import "lib" "base" (global $base i32))
                      (func (export "f") (param i32) (result i32) (call $add (local.get 0) (global.get $base))))
                    """;
    static final String REACTOR = """
                    (module
                      (global $g (mut i32) (i32.const 0))
                      (func (export "_initialize") (global.set $g (i32.const 42)))
                      (func (export "get") (result i32) (global.get $g)))
                    """;

    @TempDir
    static Path dir;
    static String calc;
    static String calcWasm;
    static String lib;
    static String user;
    static String invalid;
    static String malformedText;
    static String malformedBinary;

    @BeforeAll
    static void writeModules() throws IOException {
        calc = Cli.writeText(dir, "calc.wat", CALC).toString();
        calcWasm = Cli.writeBinary(dir, "calc.wasm", CALC).toString();
        lib = Cli.writeText(dir, "lib.wat", LIB).toString();
        user = Cli.writeText(dir, "user.wat", USER).toString();
        invalid = Cli.writeText(dir, "invalid.wat", "(module (func (result i32) (i64.const 1)))").toString();
        malformedText = Cli.writeText(dir, "malformed.wat", "(module (func (result i32)").toString();
        malformedBinary = Files.write(dir.resolve("malformed.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1}).toString();
        Cli.writeText(dir, "reactor.wat", REACTOR);
    }

    @Nested
    class Run {
        @Test
        void invokePrintsResultsOnePerLine() {
            run("run", "--invoke", "div", calc, "7", "2").prints("3\n");
            run("run", "--invoke", "pair", calc, "0x10", "-1.5").prints("16\n-1.5\n");
            run("run", "--invoke=nothing", calc).prints("");
        }

        @Test
        void binaryAndTextModulesRunAlike() {
            run("run", "--invoke", "div", calcWasm, "-9", "3").prints("-3\n");
        }

        @Test
        void runsStartByDefault() {
            run("run", calc).prints("");
        }

        @Test
        void theReadmeExample() {
            run("run", "--invoke", "count_primes", Cli.ROOT.resolve("docs/examples/primes.wat").toString(), "1000").prints("168\n");
        }

        @Test
        void initializesAReactorBeforeInvoking() {
            run("run", "--invoke", "get", dir.resolve("reactor.wat").toString()).prints("42\n");
        }

        @Test
        void preloadedModulesAreImportable() {
            run("run", "--preload", "lib=" + lib, "--invoke", "f", user, "5").prints("105\n");
        }

        @Test
        void preloadsMayImportEarlierPreloads() throws IOException {
            String middle = Cli.writeText(dir, "middle.wat", """
                            (module
                              (import "lib" "add" (func $add (param i32 i32) (result i32)))
                              (global (export "base") i32 (i32.const 1))
                              (func (export "add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1))))
                            """).toString();
            run("run", "--preload", "lib=" + lib, "--preload=lib=" + middle, "--invoke", "f", user, "5").prints("6\n");
        }

        @Test
        void programArgumentsAfterTheFileAreNotOptions() {
            // Everything after FILE belongs to the program, including what looks like options.
            run("run", calc, "--help", "--bogus").prints("");
        }

        @Test
        void engineAndLanguageOptionsPassThrough() {
            Result result = run("run", "--wasm.MaxCallDepth=100", "--invoke", "rec", calc);
            assertEquals(1, result.exitCode());
            assertTrue(result.err().startsWith("wasm: call stack exhausted\nwasm backtrace:\n    0: rec\n"), result.err());
            // Only the first frames are shown (the engine records 64 of an exhausted stack).
            assertTrue(result.err().matches("(?s).*    9: rec\n    \\.\\.\\. \\d+ more\n"), result.err());
            run("--experimental-options", "--engine.CompileImmediately", "run", "--engine.BackgroundCompilation=false", "--invoke", "div", calc, "8", "2")
                            .prints("4\n");
        }
    }

    @Nested
    class Commands {
        @Test
        void validate() {
            run("validate", calc, calcWasm).prints(calc + ": valid\n" + calcWasm + ": valid\n");
            Result result = run("validate", calc, invalid);
            assertEquals(calc + ": valid\n", result.out());
            assertEquals("wasm: " + invalid + ": invalid module: type mismatch: instruction requires [i32] but stack has [i64] (in function 0 at byte offset 2 (0x2))\n",
                            result.err());
            assertEquals(1, result.exitCode());
            run("validate", malformedBinary).failsWith(1, "wasm: " + malformedBinary + ": malformed module: unexpected end of section or function (at byte offset 9 (0x9))");
        }

        @Test
        void inspectText() throws IOException {
            Result result = run("inspect", user);
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("""
                            %s: text module, %d bytes
                            imports (2):
                              lib.add: func [i32 i32] -> [i32]
                              lib.base: global i32
                            exports (1):
                              f: func f [i32] -> [i32]
                            functions: 2 (1 imported, 1 defined), 2 types
                            memories: none
                            tables: none
                            globals (1):
                              0: i32 (imported)
                            start: none
                            element segments: 0, data segments: 0
                            custom sections: none
                            """.formatted(user, Files.size(Path.of(user))), result.out());
        }

        @Test
        void inspectBinaryListsSections() {
            Result result = run("inspect", calcWasm);
            assertEquals(0, result.exitCode(), result.err());
            String out = result.out();
            assertTrue(out.startsWith(calcWasm + ": binary module, "), out);
            assertTrue(out.contains("exports (7):\n  div: func div [i32 i32] -> [i32]\n  crash: func main [] -> [i32]\n"), out);
            assertTrue(out.contains("memories (1):\n  0: initial 1 pages, maximum 2\n"), out);
            assertTrue(out.contains("custom sections (1):\n  \"name\", "), out);
            assertTrue(out.matches("(?s).*sections \\(6\\):\n  type +\\d+ bytes at 0xa\n  function .*  memory .*  export .*  code .*  custom \"name\" .*"), out);
        }

        @Test
        void compileWritesTheBinaryEncoding() throws IOException {
            Path output = dir.resolve("out/calc.wasm");
            Files.createDirectories(output.getParent());
            run("compile", calc, "-o", output.toString()).prints("");
            assertEquals(WatParser.parseModule(CALC).exports(), BinaryDecoder.decode(Files.readAllBytes(output)).exports());
            Validator.validate(BinaryDecoder.decode(Files.readAllBytes(output)));
            run("run", "--invoke", "div", output.toString(), "9", "3").prints("3\n");
        }

        @Test
        void compileNamesTheOutputAfterTheInput() throws IOException {
            Path source = Files.copy(Path.of(lib), dir.resolve("named.wat"));
            run("compile", source.toString()).prints("");
            assertTrue(Files.size(dir.resolve("named.wasm")) > 8);
        }

        @Test
        void compileRefusesInvalidModules() {
            Path output = dir.resolve("never.wasm");
            run("compile", invalid, "--output", output.toString()).failsWith(1,
                            "wasm: " + invalid + ": invalid module: type mismatch: instruction requires [i32] but stack has [i64] (in function 0 at byte offset 2 (0x2))");
            assertFalse(Files.exists(output));
            run("compile", calcWasm).failsWith(2, "wasm: 'compile' needs -o OUT for " + calcWasm);
            String unwritable = dir.resolve("no/such/dir/x.wasm").toString();
            run("compile", calc, "-o", unwritable).failsWith(1, "wasm: cannot write " + unwritable + ": no such file or directory");
        }

        @Test
        void wastReportsEachScript() throws IOException {
            String passing = Cli.writeText(dir, "passing.wast", """
                            (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
                            (assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
                            """).toString();
            String failing = Cli.writeText(dir, "failing.wast", """
                            (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                            (assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))
                            """).toString();
            run("wast", passing).prints(passing + ": 3 passed, 0 failed, 0 skipped\n");
            Result result = run("wast", passing, failing);
            assertEquals(passing + ": 3 passed, 0 failed, 0 skipped\n" + failing + ": 1 passed, 1 failed, 0 skipped\n", result.out());
            assertTrue(result.err().startsWith(failing + ":2: "), result.err());
            assertEquals(1, result.exitCode());
        }

        @Test
        void wastAssertExceptionWantsAWasmException() throws IOException {
            String script = Cli.writeText(dir, "exceptions.wast", """
                            (module
                              (tag $e (param i32))
                              (func (export "throw") (throw $e (i32.const 1)))
                              (func (export "trap") (unreachable))
                              (func (export "return")))
                            (assert_exception (invoke "throw"))
                            (assert_exception (invoke "trap"))
                            (assert_exception (invoke "return"))
                            (assert_trap (invoke "throw") "unreachable")
                            """).toString();
            Result result = run("wast", script);
            assertEquals(script + ": 2 passed, 3 failed, 0 skipped\n", result.out());
            assertTrue(result.err().contains(script + ":7: expected a Wasm exception, got guest exception: unreachable"), result.err());
            assertTrue(result.err().contains(script + ":8: expected a Wasm exception, but it succeeded"), result.err());
            assertTrue(result.err().contains(script + ":9: expected a trap with message \"unreachable\", got: uncaught Wasm exception: tag[0] [i32], values (1)"),
                            result.err());
        }

        @Test
        void help() {
            Result general = run("--help");
            assertEquals(0, general.exitCode());
            assertTrue(general.out().startsWith("Usage: wasm [OPTIONS] COMMAND [ARGS...]\n"), general.out());
            for (String command : new String[] {"run", "wast", "validate", "inspect", "compile"}) {
                assertTrue(general.out().contains("\n  " + command + " "), command);
                Result help = run(command, "--help");
                assertTrue(help.out().startsWith("Usage: wasm " + command + " [OPTIONS]"), help.out());
                assertTrue(help.out().contains("--engine.NAME=VALUE"), help.out());
                assertEquals(help, run("help", command));
            }
            assertEquals(general, run("help"));
            assertTrue(run("run", "-h").out().contains("--preload NAME=FILE"));
        }

        @Test
        void helpListsPolyglotOptions() {
            Result result = run("--help:wasm");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("--wasm.MaxCallDepth=[1, inf)"), result.out());
            assertTrue(run("run", "--help:engine").out().contains("--engine.Compilation"));
        }

        @Test
        void version() {
            Result result = run("--version");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().matches("twasm \\S+ \\(WebAssembly 2\\.0\\) on GraalVM Truffle 25\\.0\\.1, .* runtime, Java 25.*\n"), result.out());
        }
    }

    /** Every kind of bad input: one line on stderr, a non-zero exit code, no Java stack trace. */
    @Nested
    class BadInput {
        @Test
        void missingFile() {
            String missing = dir.resolve("missing.wasm").toString();
            run("run", missing).failsWith(1, "wasm: cannot read " + missing + ": no such file");
            run("validate", missing).failsWith(1, "wasm: cannot read " + missing + ": no such file");
            run("inspect", missing).failsWith(1, "wasm: cannot read " + missing + ": no such file");
            run("compile", missing, "-o", dir.resolve("x.wasm").toString()).failsWith(1, "wasm: cannot read " + missing + ": no such file");
            run("wast", missing + "t").failsWith(1, "wasm: cannot read " + missing + "t: no such file");
        }

        @Test
        void unreadableFile() throws IOException {
            run("run", dir.toString()).failsWith(1, "wasm: cannot read " + dir + ": is a directory");
            run("inspect", dir.toString()).failsWith(1, "wasm: cannot read " + dir + ": is a directory");
            Path locked = Files.copy(Path.of(calc), dir.resolve("locked.wat"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            if (!Files.isReadable(locked)) { // root reads anything
                run("run", locked.toString()).failsWith(1, "wasm: cannot read " + locked + ": permission denied");
            }
        }

        @Test
        void malformedModule() {
            run("run", malformedText).failsWith(1, "wasm: " + malformedText + ": malformed module: unexpected token (at line 1, column 27)");
            run("run", malformedBinary).failsWith(1, "wasm: " + malformedBinary + ": malformed module: unexpected end of section or function (at byte offset 9 (0x9))");
            run("inspect", malformedBinary).failsWith(1, "wasm: " + malformedBinary + ": malformed module: unexpected end of section or function (at byte offset 9 (0x9))");
        }

        @Test
        void malformedUtf8() throws IOException {
            String file = Files.write(dir.resolve("latin1.wat"), new byte[] {'(', 'm', 'o', 'd', 'u', 'l', 'e', ')', ';', ';', (byte) 0xE9}).toString();
            run("run", file).failsWith(1, "wasm: " + file + ": malformed module: malformed UTF-8 encoding");
        }

        @Test
        void invalidModule() {
            run("run", invalid).failsWith(1, "wasm: " + invalid + ": invalid module: type mismatch: instruction requires [i32] but stack has [i64] (in function 0 at byte offset 2 (0x2))");
        }

        @Test
        void missingImportNamesModuleAndField() {
            run("run", "--invoke", "f", user, "1").failsWith(1, "wasm: cannot instantiate " + user + ": unknown import: func \"lib\" \"add\" is not provided");
        }

        @Test
        void incompatibleImport() throws IOException {
            String wrong = Cli.writeText(dir, "wrong.wat", "(module (func (export \"add\") (param i64)) (global (export \"base\") i32 (i32.const 0)))").toString();
            run("run", "--preload", "lib=" + wrong, "--invoke", "f", user, "1").failsWith(1,
                            "wasm: cannot instantiate " + user + ": incompatible import type: \"lib\" \"add\": expected a function of type [i32 i32] -> [i32], got [i64] -> []");
        }

        @Test
        void badPreloadedModule() {
            run("run", "--preload", "lib=" + invalid, "--invoke", "f", user, "1").failsWith(1,
                            "wasm: " + invalid + ": invalid module: type mismatch: instruction requires [i32] but stack has [i64] (in function 0 at byte offset 2 (0x2))");
            String missing = dir.resolve("nolib.wat").toString();
            run("run", "--preload", "lib=" + missing, user).failsWith(1, "wasm: cannot read " + missing + ": no such file");
        }

        @Test
        void trapPrintsTheWasmBacktrace() {
            String expected = """
                            wasm: integer divide by zero
                            wasm backtrace:
                                0: div
                                1: main
                            """;
            Result text = run("run", "--invoke", "crash", calc);
            assertEquals(expected, text.err());
            assertEquals(1, text.exitCode());
            // The binary module's names come from its name section ("main", not the export name "crash").
            assertEquals(new Result(1, "", expected), run("run", "--invoke", "crash", calcWasm));
        }

        @Test
        void stackTraceOnlyWhenAsked() {
            Result plain = run("run", "--invoke", "crash", calc);
            assertFalse(plain.err().contains("\tat "), plain.err());
            Result traced = run("--stacktrace", "run", "--invoke", "crash", calc);
            assertEquals(1, traced.exitCode());
            assertTrue(traced.err().startsWith(plain.err()), traced.err());
            assertTrue(traced.err().contains("PolyglotException") && traced.err().contains("\tat "), traced.err());
        }

        @Test
        void missingExport() {
            run("run", lib).failsWith(1, "wasm: " + lib + " exports no function '_start' (use --invoke NAME)");
            run("run", "--invoke", "nope", lib).failsWith(1, "wasm: " + lib + " exports no function 'nope'");
        }

        @Test
        void badArguments() {
            run("run", "--invoke", "div", calc, "one", "2").failsWith(2, "wasm: argument 'one' is not a number");
            Result arity = run("run", "--invoke", "div", calc, "1");
            assertEquals(1, arity.exitCode());
            assertTrue(arity.err().startsWith("wasm: ") && arity.err().strip().lines().count() == 1, arity.err());
        }

        @Test
        void badFlags() {
            run("run", "--bogus", calc).failsWith(2, "wasm: unknown option '--bogus' for 'run' (see: wasm help run)");
            run("--bogus", "run", calc).failsWith(2, "wasm: unknown option '--bogus' (see: wasm help)");
            run("validate", "-x", calc).failsWith(2, "wasm: unknown option '-x' for 'validate' (see: wasm help validate)");
            run("frobnicate").failsWith(2, "wasm: unknown command 'frobnicate' (commands: run, wast, validate, inspect, compile, help)");
            run("run").failsWith(2, "wasm: 'run' needs a module file (see: wasm help run)");
            run("run", "--invoke").failsWith(2, "wasm: --invoke needs a value (see: wasm help run)");
            run("run", "--invoke=", calc).failsWith(2, "wasm: --invoke needs a function name");
            run("validate").failsWith(2, "wasm: 'validate' needs a module file (see: wasm help validate)");
            run("inspect", calc, calc).failsWith(2, "wasm: 'inspect' takes one module file (see: wasm help inspect)");
            run("help", "nope").failsWith(2, "wasm: unknown command 'nope' (commands: run, wast, validate, inspect, compile, help)");
            run("run", "--vm.Xmx1g", calc).failsWith(2, "wasm: JVM option --vm.Xmx1g must come before the command (bin/wasm passes it to java)");
            Result none = run();
            assertEquals(2, none.exitCode());
            assertTrue(none.err().startsWith("Usage: wasm"), none.err());
        }

        @Test
        void suggestsSimilarOptions() {
            Result result = run("run", "--invok", "div", calc);
            assertEquals(2, result.exitCode());
            assertEquals("wasm: unknown option '--invok' for 'run' (see: wasm help run); did you mean --invoke?\n", result.err());
            run("--stactrace", "run", calc).failsWith(2, "wasm: unknown option '--stactrace' (see: wasm help); did you mean --stacktrace?");
        }

        @Test
        void badEngineOptions() {
            run("run", "--engine.Bogus=1", calc).failsWith(2, "wasm: unknown option '--engine.Bogus=1' for 'run' (see: wasm help run)");
            run("run", "--wasm.MaxCallDepth=lots", calc).failsWith(2,
                            "wasm: Invalid argument --wasm.MaxCallDepth=lots specified. For input string: \"lots\"");
            run("run", "--engine.CompileImmediately", calc).failsWith(2,
                            "wasm: Option '--engine.CompileImmediately' is experimental and must be enabled via '--experimental-options'");
        }

        @Test
        void badDirEnvAndPreloadSyntax() {
            run("run", "--dir", "::/data", calc).failsWith(2, "wasm: --dir ::/data: expected HOST[::GUEST], the host directory is missing");
            run("run", "--dir", dir + "::", calc).failsWith(2, "wasm: --dir " + dir + "::: expected HOST[::GUEST], the guest name after '::' is missing");
            run("run", "--dir", "a,b", calc).failsWith(2, "wasm: --dir a,b: directory names cannot contain ','");
            String missingDir = dir.resolve("nodir").toString();
            run("run", "--dir", missingDir + "::/data", calc).failsWith(1, "wasm: --dir " + missingDir + "::/data: " + missingDir + " is not a directory");
            run("run", "--env", "NOVALUE", calc).failsWith(2, "wasm: --env NOVALUE: expected NAME=VALUE");
            run("run", "--env", "=x", calc).failsWith(2, "wasm: --env =x: expected NAME=VALUE");
            run("run", "--preload", "lib", calc).failsWith(2, "wasm: --preload lib: expected NAME=FILE");
            run("run", "--preload", "=x.wasm", calc).failsWith(2, "wasm: --preload =x.wasm: expected NAME=FILE");
            run("run", "--preload", "lib=", calc).failsWith(2, "wasm: --preload lib=: expected NAME=FILE");
        }

        @Test
        void wellFormedDirAndEnvAreAccepted() {
            run("run", "--dir", dir.toString(), "--dir", dir + "::/data", "--env", "A=1", "--env", "B=", calc).prints("");
        }
    }
}
