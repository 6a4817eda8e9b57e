package dev.twasm.jsapi;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;

/**
 * A misuse of the JS API that the spec answers with a JavaScript {@code RangeError} or
 * {@code TypeError} (growing past the maximum, an index out of bounds, an unknown type name).
 * GraalJS passes it through to the script as a foreign exception carrying this message.
 */
public final class JsApiException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private JsApiException(String message) {
        super(message);
    }

    @TruffleBoundary
    static JsApiException create(String message) {
        return new JsApiException(message);
    }
}
