package dev.twasm.exception;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * An error at the boundary with the host that is not a Wasm trap: a host function returned a
 * value that does not fit the declared result type, instantiation was given an imports object
 * that is not an object, a module needs more memory than this engine can allocate, and the like.
 */
public final class WasmRuntimeError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private WasmRuntimeError(String message, Node location) {
        super(message, location);
    }

    @TruffleBoundary
    public static WasmRuntimeError create(String message, Node location) {
        return new WasmRuntimeError(message, location);
    }

    @TruffleBoundary
    public static WasmRuntimeError create(String message) {
        return new WasmRuntimeError(message, null);
    }
}
