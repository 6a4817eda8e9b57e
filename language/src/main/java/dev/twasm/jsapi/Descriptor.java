package dev.twasm.jsapi;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.WasmObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only record of string members: an import or export descriptor of the JS API
 * ({@code {module, name, kind, type}}, spec "JS API" §Module.imports/exports) as the
 * {@code WebAssembly} symbol hands it to GraalJS.
 */
@ExportLibrary(InteropLibrary.class)
final class Descriptor extends WasmObject {
    private final Map<String, String> members;

    Descriptor(LinkedHashMap<String, String> members) {
        this.members = members;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        return new ValueArray(members.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return members.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        String value = members.get(member);
        if (value == null) {
            throw UnknownIdentifierException.create(member);
        }
        return value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return members.toString();
    }
}
