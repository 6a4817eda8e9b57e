package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exports of an instance (spec §4.2.5 "exportinst") as an interop object: one readable member
 * per export name, whose value is the exported function, table, memory or global. Also what an
 * imports object may hold for another instance's module name, which is how instances link.
 */
@ExportLibrary(InteropLibrary.class)
public final class ExportsObject extends WasmObject {
    private final Map<String, Object> exports;

    public ExportsObject(LinkedHashMap<String, Object> exports) {
        this.exports = exports;
    }

    /** The exported value named {@code name}, or null. */
    @TruffleBoundary
    public Object get(String name) {
        return exports.get(name);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        return new ValueArray(exports.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return exports.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Object value = exports.get(member);
        if (value == null) {
            throw UnknownIdentifierException.create(member);
        }
        return value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "exports " + exports.keySet();
    }
}
