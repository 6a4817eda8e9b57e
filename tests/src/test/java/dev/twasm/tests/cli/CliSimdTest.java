package dev.twasm.tests.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.twasm.tests.cli.Cli.run;

/** {@code wasm run --invoke} with {@code v128} arguments and results, and its errors. */
class CliSimdTest {
    static final String VECTORS = """
                    (module
                      (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                      (func (export "splat") (param f64) (result v128) (f64x2.splat (local.get 0)))
                      (func (export "both") (param v128) (result i32 v128) (i8x16.extract_lane_u 15 (local.get 0)) (local.get 0)))
                    """;

    @TempDir
    static Path dir;
    static String vectors;

    @BeforeAll
    static void writeModules() throws IOException {
        vectors = Cli.writeText(dir, "vectors.wat", VECTORS).toString();
    }

    @Test
    void vectorsPrintAsOne128BitHexNumber() {
        run("run", "--invoke", "add", vectors, "0x00000004000000030000000200000001", "0x000000100000000f0000000e0000000d")
                        .prints("0x000000140000001200000010000000" + "0e\n");
        run("run", "--invoke", "splat", vectors, "1.5").prints("0x3ff80000000000003ff8000000000000\n");
        run("run", "--invoke", "both", vectors, "0xff000000000000000000000000000001").prints("255\n0xff000000000000000000000000000001\n");
    }

    @Test
    void aNumberIsNoVector() {
        run("run", "--invoke", "both", vectors, "7").failsWith(1, "wasm: bad arguments for 'both': expected a v128: 16 bytes "
                        + "(a buffer of 16 bytes, or an array of 16 integers in [-128, 255]); pass it as 0x and 32 hex digits");
        run("run", "--invoke", "both", vectors, "0x0000000000000000000000000000000g").failsWith(2, "wasm: argument '0x0000000000000000000000000000000g' is not a number");
    }
}
