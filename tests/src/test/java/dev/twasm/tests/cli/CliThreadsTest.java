package dev.twasm.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.tests.cli.Cli.Result;
import dev.twasm.tests.spec.EngineConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code wasm run} of wasi-threads programs, in each engine configuration: the C programs of
 * {@code tests/threads-programs} (pthreads over {@code thread-spawn}, atomics, wait and notify on
 * the shared memory the launcher creates for their {@code env.memory} import) print what their
 * native builds printed ({@code expected/NAME.txt}), and a thread's trap or {@code proc_exit} ends
 * the whole program with its status, as does the end of {@code _start}, even while threads wait.
 */
@Timeout(300)
class CliThreadsTest {
    static final Path PROGRAMS = Cli.ROOT.resolve("tests/threads-programs");

    @TempDir
    static Path dir;

    /** The launcher's options that select {@code configuration}. */
    static List<String> options(EngineConfiguration configuration) {
        List<String> options = new ArrayList<>(List.of("--experimental-options", "--engine.WarnInterpreterOnly=false"));
        for (Map.Entry<String, String> option : configuration.options().entrySet()) {
            options.add("--" + option.getKey() + "=" + option.getValue());
        }
        return options;
    }

    static Result run(EngineConfiguration configuration, String... args) {
        List<String> command = options(configuration);
        command.add("run");
        command.addAll(List.of(args));
        return Cli.run(command.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> programsPrintWhatTheirNativeBuildsPrint() {
        return Stream.of("parallel_sum", "atomic_counter").flatMap(name -> Stream.of(EngineConfiguration.values())
                        .map(configuration -> DynamicTest.dynamicTest(name + " " + configuration.label(), () -> {
                            String expected = Files.readString(PROGRAMS.resolve("expected/" + name + ".txt"));
                            run(configuration, PROGRAMS.resolve(name + ".wasm").toString()).prints(expected);
                        })));
    }

    /** A program whose thread runs {@code threadBody} while {@code _start} waits forever on address 0. */
    private static String waitingProgram(String threadBody) throws IOException {
        return Cli.writeText(dir, "program" + Integer.toHexString(threadBody.hashCode()) + ".wat", """
                        (module
                          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
                          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                          (import "env" "memory" (memory 1 1 shared))
                          (export "memory" (memory 0))
                          (func (export "wasi_thread_start") (param $tid i32) (param $arg i32) %s)
                          (func (export "_start")
                            (if (i32.ne (call $spawn (i32.const 0)) (i32.const 1)) (then unreachable))
                            (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
                        """.formatted(threadBody)).toString();
    }

    @TestFactory
    Stream<DynamicTest> aTrapInAThreadEndsTheProgram() {
        return Stream.of(EngineConfiguration.values()).map(configuration -> DynamicTest.dynamicTest(configuration.label(), () -> {
            Result result = run(configuration, waitingProgram("unreachable"));
            assertEquals(1, result.exitCode(), "exit code; stderr: " + result.err());
            assertTrue(result.err().startsWith("wasm: thread 1: unreachable"), result.err());
        }));
    }

    @TestFactory
    Stream<DynamicTest> procExitInAThreadEndsTheProgramWithItsStatus() {
        return Stream.of(EngineConfiguration.values()).map(configuration -> DynamicTest.dynamicTest(configuration.label(),
                        () -> run(configuration, waitingProgram("(call $exit (i32.const 7))")).failsWith(7, "")));
    }

    @TestFactory
    Stream<DynamicTest> theProgramEndsWhenStartReturnsWhileAThreadWaits() throws IOException {
        String program = Cli.writeText(dir, "ends.wat", """
                        (module
                          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
                          (import "env" "memory" (memory 1 1 shared))
                          (export "memory" (memory 0))
                          (func (export "wasi_thread_start") (param i32 i32)
                            (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
                          (func (export "_start") (drop (call $spawn (i32.const 0)))))
                        """).toString();
        return Stream.of(EngineConfiguration.values()).map(configuration -> DynamicTest.dynamicTest(configuration.label(),
                        () -> run(configuration, program).prints("")));
    }

    /**
     * WASI reads into and writes from a buffer that spans the low array and the first chunk of a
     * shared memory (grown past its initial page), as one iovec.
     */
    @TestFactory
    Stream<DynamicTest> wasiIoAcrossTheArraysOfASharedMemory() throws IOException {
        String program = Cli.writeText(dir, "across.wat", """
                        (module
                          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
                          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
                          (import "env" "memory" (memory 1 2 shared))
                          (export "memory" (memory 0))
                          (func (export "_start")
                            (if (i32.ne (memory.grow (i32.const 1)) (i32.const 1)) (then unreachable))
                            (i32.store (i32.const 0) (i32.const 65530))
                            (i32.store (i32.const 4) (i32.const 12))
                            (if (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))
                            (if (i32.ne (i32.load (i32.const 8)) (i32.const 12)) (then unreachable))
                            (if (i32.ne (i32.load8_u (i32.const 65536)) (i32.const 0x77)) (then unreachable))
                            (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
                        """).toString();
        return Stream.of(EngineConfiguration.values()).map(configuration -> DynamicTest.dynamicTest(configuration.label(), () -> {
            List<String> command = options(configuration);
            command.addAll(List.of("run", program));
            Cli.runWithInput("hello,world\n", command.toArray(String[]::new)).prints("hello,world\n");
        }));
    }

    @TestFactory
    Stream<DynamicTest> aModuleWithoutTheThreadEntryGetsAClearError() throws IOException {
        String program = Cli.writeText(dir, "noentry.wat", """
                        (module
                          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
                          (import "env" "memory" (memory 1 1 shared))
                          (export "memory" (memory 0))
                          (func (export "_start") (drop (call $spawn (i32.const 0)))))
                        """).toString();
        return Stream.of(EngineConfiguration.values()).map(configuration -> DynamicTest.dynamicTest(configuration.label(), () -> {
            Result result = run(configuration, program);
            assertEquals(1, result.exitCode(), "exit code; stderr: " + result.err());
            assertTrue(result.err().startsWith("wasm: functions of \"wasi\" need the calling module"), result.err());
            assertTrue(result.err().contains("\"wasi_thread_start\" of type"), result.err());
        }));
    }
}
