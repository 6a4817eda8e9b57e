package dev.twasm.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * The null reference ({@code ref.null func} and {@code ref.null extern}, spec §4.2.1), and the
 * value a function without results returns to the host. One singleton, so a null check in compiled
 * code is a pointer compare. Interop sees it as {@code isNull}.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmNull extends WasmObject {
    public static final WasmNull INSTANCE = new WasmNull();

    private WasmNull() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @Override
    public String toString() {
        return "null";
    }
}
