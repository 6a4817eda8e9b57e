package dev.twasm.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Ends a command with one line on stderr ({@code wasm: MESSAGE}) and an exit code: {@link #usage}
 * for a command line that cannot be understood (exit code {@value Main#USAGE}), {@link #of} for
 * input that cannot be used, such as a missing file or a malformed module (exit code
 * {@value Main#FAILURE}).
 */
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private Failure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** A command line that cannot be understood. */
    static Failure usage(String message) {
        return new Failure(message, Main.USAGE);
    }

    /** Input that cannot be used. */
    static Failure of(String message) {
        return new Failure(message, Main.FAILURE);
    }

    /** A short reason for a file system error, without the path the message repeats. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException _ -> "no such file or directory";
            case AccessDeniedException _ -> "permission denied";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }

    int exitCode() {
        return exitCode;
    }
}
