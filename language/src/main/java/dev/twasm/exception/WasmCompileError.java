package dev.twasm.exception;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A module was rejected while being loaded: it is malformed or invalid (a {@link ModuleException}
 * from the decoder, text parser or validator). Reported to embedders as a syntax error
 * ({@code PolyglotException.isSyntaxError()}), with the module exception's message, which starts
 * with "malformed module" or "invalid module".
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmCompileError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final boolean malformed;

    private WasmCompileError(String message, boolean malformed) {
        super(message);
        this.malformed = malformed;
    }

    @TruffleBoundary
    public static WasmCompileError of(ModuleException e, String sourceName) {
        String where = sourceName == null ? "" : sourceName + ": ";
        return new WasmCompileError(where + e.getMessage(), e instanceof MalformedModuleException);
    }

    /** True for malformed modules, false for invalid ones. */
    public boolean isMalformed() {
        return malformed;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }
}
