package dev.twasm.exception;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;

/**
 * Instantiation failed while resolving imports (spec §4.5.4 step 3-4): an import is missing or does
 * not match the type the module declares. The message starts with the spec's words ("unknown
 * import" or "incompatible import type") and names the module and field.
 */
public final class WasmLinkError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private WasmLinkError(String message) {
        super(message);
    }

    @TruffleBoundary
    public static WasmLinkError unknownImport(String module, String name, String kind) {
        return new WasmLinkError("unknown import: " + kind + " \"" + module + "\" \"" + name + "\" is not provided");
    }

    @TruffleBoundary
    public static WasmLinkError incompatible(String module, String name, String detail) {
        return new WasmLinkError("incompatible import type: \"" + module + "\" \"" + name + "\": " + detail);
    }

    @TruffleBoundary
    public static WasmLinkError create(String message) {
        return new WasmLinkError(message);
    }
}
