package dev.twasm.tests.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * WASI programs checked on twasm alone, against committed expected output:
 * <ul>
 * <li>{@code escape.c} tries every way out of the granted directory ({@code ..}, absolute paths,
 * links made beforehand or by the guest, pointing outside absolutely or relatively, as the last
 * component or in the middle, renaming and linking out and in, directory descriptors opened below);
 * each attempt must fail with EPERM, as in Wasmtime (or ELOOP where a link is not to be followed), and nothing
 * outside may be read or changed;</li>
 * <li>{@code posix.c} checks the behaviour that node's WASI gets wrong (O_NOFOLLOW, short readlink,
 * links relative to their directory, {@code .} and {@code ..} in readdir, F_GETFL, nanosecond
 * timestamps, absolute clocks and descriptors in poll_oneoff) and the rest of the API surface:
 * standard streams, preopens, rights, sockets and signals;</li>
 * <li>{@code wasmtime_paths.c} the path rules where twasm answers as Wasmtime (docs/wasi.md), and
 * {@code rust_paths.rs} the same rules from Rust.</li>
 * </ul>
 */
class WasiSandboxTest {
    @TempDir Path temp;

    @Test
    void noWayOutOfTheGrantedDirectory() throws IOException {
        Path sandbox = Files.createDirectories(temp.resolve("sandbox"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.writeString(sandbox.resolve("inside.txt"), "inside");
        Files.writeString(Files.createDirectories(sandbox.resolve("sub")).resolve("file.txt"), "file");
        Files.createSymbolicLink(sandbox.resolve("premade-abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("premade-dir"), outside.toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("premade-rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(sandbox.resolve("sub/premade-up"), Path.of("../../outside"));
        String outsideBefore = DirectoryTree.of(outside);
        String siblingsBefore = List.of(temp.toFile().list()).stream().sorted().toList().toString();
        long secretModified = Files.getLastModifiedTime(outside.resolve("secret.txt")).toMillis();

        WasiRun run = run("escape", sandbox);

        assertEquals(expected("escape"), run.stdout(), "stderr: " + run.stderr());
        assertEquals(0, run.exitCode());
        assertFalse(run.stdout().contains("SECRET"), "the guest read the secret");
        assertEquals(outsideBefore, DirectoryTree.of(outside), "the directory outside changed");
        assertEquals(secretModified, Files.getLastModifiedTime(outside.resolve("secret.txt")).toMillis(), "the secret's time changed");
        assertEquals(siblingsBefore, List.of(temp.toFile().list()).stream().sorted().toList().toString(), "something appeared beside the sandbox");
        assertEquals("""
                        dir \s
                        file inside.txt 696e73696465
                        link link-copy -> ../outside/secret.txt
                        link loop1 -> loop2
                        link loop2 -> loop1
                        link mine-chain -> mine-dir
                        link mine-dir -> sub/../../outside
                        link mine-rel -> ../outside/secret.txt
                        file moved-up.txt 66696c65
                        link premade-abs -> %s
                        link premade-dir -> %s
                        link premade-rel -> ../outside/secret.txt
                        dir  sub
                        file sub/mine-abs 6f7665727772697474656e
                        link sub/premade-up -> ../../outside
                        link sub/up-link -> ../inside.txt""".formatted(outside.resolve("secret.txt").toAbsolutePath(), outside.toAbsolutePath()).replace(" \\s", " "),
                        DirectoryTree.of(sandbox), "what the guest made inside");
    }

    @Test
    void posixBehaviourWhereNodeDeparts() throws IOException {
        WasiRun run = run("posix", Files.createDirectories(temp.resolve("sandbox")));
        assertEquals(expected("posix"), run.stdout(), "stderr: " + run.stderr());
        assertEquals(0, run.exitCode());
    }

    /**
     * {@code wasmtime_paths.c}: the path rules of Wasmtime's preview1, one raw call and its errno
     * per rule (docs/wasi.md, "Paths and links as Wasmtime has them"), and the tree they leave.
     */
    @Test
    void pathRulesAsWasmtimeHasThem() throws IOException {
        Path sandbox = Files.createDirectories(temp.resolve("sandbox"));
        Files.createSymbolicLink(sandbox.resolve("host-abs"), Path.of("/etc/passwd"));
        WasiRun run = run("wasmtime_paths", sandbox);
        assertEquals(expected("wasmtime_paths"), run.stdout(), "stderr: " + run.stderr());
        assertEquals(0, run.exitCode());
        assertEquals("""
                        dir \s
                        dir  d
                        file d/g\s
                        link d/up -> ../f
                        link esc -> ../outside
                        file f 64617461
                        file h 64617461
                        link hl -> f
                        link host-abs -> /etc/passwd
                        link ld -> d""", DirectoryTree.of(sandbox));
    }

    /**
     * {@code rust_paths.rs}: the same rules as a Rust program meets them (std::fs, and the raw
     * preview1 imports where std has no call), each checked in the program, which exits with 1
     * and says FAIL when one differs.
     */
    @Test
    void pathRulesFromRust() throws IOException {
        Path sandbox = Files.createDirectories(temp.resolve("sandbox"));
        Files.createSymbolicLink(sandbox.resolve("host-abs"), Path.of("/etc/passwd"));
        WasiRun run = run("rust_paths", sandbox);
        assertEquals(expected("rust_paths"), run.stdout(), "stderr: " + run.stderr());
        assertEquals(0, run.exitCode());
        assertFalse(run.stdout().contains("FAIL"));
    }

    private static WasiRun run(String program, Path sandbox) throws IOException {
        return WasiRun.twasm(null, new WasiRun.Setup(WasiProgramsTest.PROGRAMS.resolve(program + ".wasm"), List.of(program), Map.of(), new byte[0],
                        sandbox, "/sandbox"));
    }

    private static String expected(String program) throws IOException {
        return Files.readString(WasiProgramsTest.PROGRAMS.resolve("expected/" + program + ".out"));
    }
}
