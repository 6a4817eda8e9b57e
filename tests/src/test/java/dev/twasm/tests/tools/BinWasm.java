package dev.twasm.tests.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/wasm} as a process, from the project root. The tools tests run the packaged command
 * rather than the launcher in this JVM because GraalVM's tools are Truffle instruments: they must
 * sit on the module path beside Truffle, which {@code bin/wasm}'s {@code launcher/target/lib/modules}
 * provides, while the tests module keeps them out of its own JVM (see {@code launcher/pom.xml}) so
 * that no other test runs with instruments installed. It also tests what users run.
 */
public final class BinWasm {
    /** The project root. */
    public static final Path ROOT = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize();
    /** The committed C program of the tools tests and its two builds. */
    public static final Path PROGRAMS = ROOT.resolve("tests/debug-programs");
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    private BinWasm() {
    }

    /** What a finished run did. */
    public record Exit(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit code " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs {@code bin/wasm args...} to its end (failing after a timeout). */
    public static Exit run(String... args) {
        Running running = start(args);
        return running.waitFor(TIMEOUT);
    }

    /** Starts {@code bin/wasm args...}; stdout and stderr are collected as they come. */
    public static Running start(String... args) {
        assertTrue(Files.exists(ROOT.resolve("launcher/target/lib/twasm-launcher.jar")),
                        "the launcher is not packaged: run the tests with ./mvnw -B verify, as the README says");
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/wasm").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            return new Running(String.join(" ", args), process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on the loopback interface that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running {@code bin/wasm}, with what it has printed so far. */
    public static final class Running implements AutoCloseable {
        private final String commandLine;
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(String commandLine, Process process) {
            this.commandLine = commandLine;
            this.process = process;
            outReader = Thread.ofPlatform().daemon().start(() -> collect(process.getInputStream(), out));
            errReader = Thread.ofPlatform().daemon().start(() -> collect(process.getErrorStream(), err));
        }

        private static void collect(InputStream stream, StringBuffer into) {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("\n[reading failed: ").append(e).append(']');
            }
        }

        /** Stdout so far. */
        public String out() {
            return out.toString();
        }

        /** Stderr so far. */
        public String err() {
            return err.toString();
        }

        /**
         * Waits until stderr has a line starting with {@code prefix} and returns that line; fails
         * when the process ends or {@code timeout} passes first.
         */
        public String awaitErrLine(String prefix, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : err().lines().toList()) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    fail("bin/wasm " + commandLine + " ended before printing '" + prefix + "...'; " + waitFor(timeout));
                }
                sleep();
            }
            return fail("no line '" + prefix + "...' on stderr of bin/wasm " + commandLine + " within " + timeout.toSeconds() + " s; stderr so far:\n" + err());
        }

        /** Waits for the end of the process; fails (after killing it) when it takes longer than {@code timeout}. */
        public Exit waitFor(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    close();
                    fail("bin/wasm " + commandLine + " did not end within " + timeout.toSeconds() + " s; stdout:\n" + out() + "\nstderr:\n" + err());
                }
                outReader.join(timeout.toMillis());
                errReader.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                fail("interrupted");
            }
            return new Exit(process.exitValue(), out(), err());
        }

        private static void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Kills the process (and the JVM bin/wasm started) if it still runs. */
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
