package dev.twasm.nodes.control;

import com.oracle.truffle.api.nodes.ControlFlowException;
import dev.twasm.runtime.WasmException;

/**
 * A Wasm exception on its way from a legacy {@code try ... delegate l} (Wasm 3.0 appendix,
 * legacy exception handling) to the handler it is delegated to: the innermost {@code try} or
 * {@code try_table} of the same function whose protected body encloses label {@code l}
 * ({@link #handlerDepth}, chosen by the node builder), or the function's caller
 * ({@link #TO_CALLER}, unwrapped by the root). Handlers nested between let it pass, which they
 * would not do with the exception itself; it is a {@link ControlFlowException}, so no handler
 * catches it by accident and it costs no stack trace.
 */
public final class DelegatedThrow extends ControlFlowException {
    private static final long serialVersionUID = 1L;

    /** {@link #handlerDepth} of a delegation out of the function: the exception goes to the caller. */
    public static final int TO_CALLER = -1;

    private final transient WasmException exception;
    private final int handlerDepth;

    DelegatedThrow(WasmException exception, int handlerDepth) {
        this.exception = exception;
        this.handlerDepth = handlerDepth;
    }

    public WasmException exception() {
        return exception;
    }

    /** The label depth of the try node that handles the exception, or {@link #TO_CALLER}. */
    int handlerDepth() {
        return handlerDepth;
    }
}
