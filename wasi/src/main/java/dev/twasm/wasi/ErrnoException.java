package dev.twasm.wasi;

/**
 * Ends a WASI function early with an {@link Errno}: implementations throw it from any depth and
 * the function's root node returns the code to the guest. Never reaches the guest as an exception,
 * so it carries no stack trace.
 */
public final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    ErrnoException(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
