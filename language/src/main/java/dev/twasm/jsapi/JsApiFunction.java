package dev.twasm.jsapi;

import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.WasmObject;

/**
 * One member of the {@code WebAssembly} polyglot symbol: an executable that runs one
 * {@link JsApiOperation} of {@link JsApi}.
 */
@ExportLibrary(InteropLibrary.class)
final class JsApiFunction extends WasmObject {
    private final JsApi api;
    private final JsApiOperation operation;

    JsApiFunction(JsApi api, JsApiOperation operation) {
        this.api = api;
        this.operation = operation;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments) throws ArityException, UnsupportedTypeException {
        if (arguments.length != operation.arity) {
            throw ArityException.create(operation.arity, operation.arity, arguments.length);
        }
        return api.run(operation, arguments);
    }

    @Override
    public String toString() {
        return "WebAssembly." + operation.member;
    }
}
