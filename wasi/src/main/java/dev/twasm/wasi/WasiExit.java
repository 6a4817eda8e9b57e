package dev.twasm.wasi;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * {@code proc_exit}: the guest asked to terminate with an exit status. A guest exception of the
 * interop type {@link ExceptionType#EXIT}, so it unwinds every Wasm frame and an embedder sees a
 * {@code PolyglotException} whose {@code isExit()} is true and whose {@code getExitStatus()} is the
 * status. It is a "soft" exit: the context is not closed and stays usable.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasiExit extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final int status;

    WasiExit(int status, Node location) {
        super("WASI proc_exit(" + Integer.toUnsignedString(status) + ")", location);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @ExportMessage
    @SuppressWarnings("static-method")
    ExceptionType getExceptionType() {
        return ExceptionType.EXIT;
    }

    @ExportMessage
    int getExceptionExitStatus() {
        return status;
    }
}
