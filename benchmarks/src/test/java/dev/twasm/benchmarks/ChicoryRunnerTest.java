package dev.twasm.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Chicory runner makes of modules Chicory 1.7.5 cannot run (SIMD ones), and of those it can,
 * among them the Wasm GC benchmark program.
 */
class ChicoryRunnerTest {
    private static final int V128_CONST = 0x0c;
    private static final int I32X4_EXTRACT_LANE = 0x1b;

    /**
     * A module exporting {@code setup} ({@code [] -> []}, empty) and {@code run} ({@code [] -> [i32]})
     * with the given instructions as the body of {@code run} (without locals and the final end).
     */
    private static byte[] module(int... run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] head = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, // types: [] -> [], [] -> [i32]
            0x03, 0x03, 0x02, 0x00, 0x01, // functions
            0x07, 0x0f, 0x02, 0x05, 's', 'e', 't', 'u', 'p', 0x00, 0x00, 0x03, 'r', 'u', 'n', 0x00, 0x01}; // exports
        for (int b : head) {
            out.write(b);
        }
        int body = run.length + 2; // no locals, the instructions, end (all sizes below 128: one LEB byte)
        int[] code = {0x0a, 4 + 1 + body, 0x02, 0x02, 0x00, 0x0b, body, 0x00};
        for (int b : code) {
            out.write(b);
        }
        for (int b : run) {
            out.write(b);
        }
        out.write(0x0b);
        return out.toByteArray();
    }

    /** run: i32x4.extract_lane 0 of a v128.const whose lane 0 is 5. */
    private static byte[] simdModule() {
        int[] run = new int[2 + 16 + 3];
        run[0] = 0xfd;
        run[1] = V128_CONST;
        run[2] = 5;
        run[18] = 0xfd;
        run[19] = I32X4_EXTRACT_LANE;
        run[20] = 0;
        return module(run);
    }

    @Test
    void theCompilerRejectsASimdModuleAsUnsupported() {
        RunnerProtocol.Unsupported e = assertThrows(RunnerProtocol.Unsupported.class, () -> ChicoryRunner.load(simdModule(), true, false));
        assertTrue(e.getMessage().contains("V128_CONST"), e.getMessage());
    }

    @Test
    void theInterpreterStopsAtTheFirstVectorInstructionAsUnsupported() {
        IntSupplier run = ChicoryRunner.load(simdModule(), false, false); // setup has no vector instruction
        RunnerProtocol.Unsupported e = assertThrows(RunnerProtocol.Unsupported.class, run::getAsInt);
        assertEquals(ChicoryRunner.UNIMPLEMENTED_INSTRUCTION + " V128_CONST", e.getMessage());
    }

    @Test
    void aModuleWithoutVectorInstructionsRunsOnBothMachines() {
        byte[] module = module(0x41, 0x07); // i32.const 7
        assertEquals(7, ChicoryRunner.load(module, true, false).getAsInt());
        assertEquals(7, ChicoryRunner.load(module, false, false).getAsInt());
    }

    /**
     * The committed {@code programs/wasm/binarytrees-gc.wasm} (assembled by {@code gen/wat-gc.mjs}) on
     * Chicory's compiler, an engine with standard Wasm GC: twice the checksum of {@code checksums.txt}.
     */
    @Test
    void theGcProgramReturnsItsChecksum() throws IOException {
        Path programs = Path.of("programs");
        int expected = Checksums.read(programs.resolve("checksums.txt")).expected("binarytrees-gc");
        IntSupplier run = ChicoryRunner.load(Files.readAllBytes(programs.resolve("wasm/binarytrees-gc.wasm")), true, false);
        assertEquals(expected, run.getAsInt());
        assertEquals(expected, run.getAsInt());
    }

    @Test
    void aTrapIsAFailureNotAnUnsupportedRun() {
        byte[] module = module(0x00); // unreachable
        for (boolean compiler : new boolean[] {true, false}) {
            IntSupplier run = ChicoryRunner.load(module, compiler, false);
            RuntimeException e = assertThrows(RuntimeException.class, run::getAsInt);
            assertFalse(e instanceof RunnerProtocol.Unsupported, e.toString());
        }
    }

    @Test
    void anUnsupportedReasonIsOneLine() {
        assertEquals("a / b", RunnerProtocol.oneLine(" a \n  b\n"));
        assertEquals("(no message)", RunnerProtocol.oneLine(null));
        assertEquals(300, RunnerProtocol.oneLine("x".repeat(400)).length());
    }
}
