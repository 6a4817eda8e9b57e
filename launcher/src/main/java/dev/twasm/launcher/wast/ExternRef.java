package dev.twasm.launcher.wast;

/**
 * The host object a script's {@code (ref.extern N)} denotes: passed to Wasm as an
 * {@code externref} and compared by its number when it comes back.
 */
public record ExternRef(long id) {
}
