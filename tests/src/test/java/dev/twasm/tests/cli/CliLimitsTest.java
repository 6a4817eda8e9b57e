package dev.twasm.tests.cli;

import dev.twasm.tests.cli.Cli.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wasm run} with the limits for untrusted code: a program that loops forever is stopped by
 * {@code --wasm.Fuel} and by {@code --wasm.Timeout} with the trap's one-line error (and the Wasm
 * backtrace, as for every trap) and a non-zero exit; a module over {@code --wasm.MaxContextMemory}
 * fails to instantiate; a bad duration is an option error.
 */
class CliLimitsTest {
    @TempDir
    static Path dir;
    static String loop;
    static String big;

    @BeforeAll
    static void write() throws IOException {
        loop = Cli.writeText(dir, "loop.wat", "(module (func $spin (export \"_start\") (loop $l (br $l))))").toString();
        big = Cli.writeText(dir, "big.wat", "(module (memory 2) (func (export \"_start\")))").toString();
    }

    @Test
    void fuelStopsALoopingProgram() {
        Result result = Cli.run("run", "--wasm.Fuel=1000", loop);
        assertEquals("wasm: all fuel consumed\nwasm backtrace:\n    0: spin\n", result.err());
        assertEquals(1, result.exitCode());
    }

    @Test
    void timeoutStopsALoopingProgram() {
        Result result = Cli.run("run", "--wasm.Timeout=200ms", loop);
        assertEquals("wasm: deadline exceeded\nwasm backtrace:\n    0: spin\n", result.err());
        assertEquals(1, result.exitCode());
    }

    @Test
    void memoryCapFailsInstantiation() {
        Cli.run("run", "--wasm.MaxContextMemory=65536", big).failsWith(1, "wasm: cannot instantiate " + big
                        + ": memory limit of the context exceeded: 128 KiB requested, 0 bytes of 64 KiB in use (option wasm.MaxContextMemory)");
    }

    @Test
    void badValuesAreOptionErrors() {
        Result timeout = Cli.run("run", "--wasm.Timeout=abc", loop);
        assertEquals(2, timeout.exitCode());
        assertEquals("wasm: Invalid argument --wasm.Timeout=abc specified. wasm.Timeout: 'abc' is not a duration: expected a number and a unit "
                        + "(ns, us, ms, s, m, h, d), such as 500ms, 10s or 2m, or none\n", timeout.err());
        Result fuel = Cli.run("run", "--wasm.Fuel=lots", loop);
        assertEquals(2, fuel.exitCode());
        assertTrue(fuel.err().startsWith("wasm: Invalid argument --wasm.Fuel=lots specified."), fuel.err());
        assertEquals(1, fuel.err().lines().count());
    }
}
