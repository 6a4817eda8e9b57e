package dev.twasm.baseline;

/**
 * A function the baseline tier does not translate by design (a JVM limit such as the number of
 * parameter slots or the size of a method HotSpot still compiles); the function then runs on the
 * AST only. Any other exception from translation is a bug.
 */
final class UnsupportedFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedFunctionException(String reason) {
        super(reason, null, false, false);
    }
}
