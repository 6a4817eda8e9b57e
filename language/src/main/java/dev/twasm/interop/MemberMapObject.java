package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.util.Map;

/**
 * An interop object whose readable members are the entries of a fixed map, in its order: an
 * instance's exports, the JS API's {@code WebAssembly} symbol, a JS API descriptor. Lookups run
 * behind boundaries, since the map is not a compilation constant.
 */
@ExportLibrary(InteropLibrary.class)
public abstract class MemberMapObject extends WasmObject {
    /** The members, by name; never changed after construction. */
    protected abstract Map<String, ?> members();

    @ExportMessage
    final boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    final Object getMembers(boolean includeInternal) {
        return new ValueArray(members().keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    final boolean isMemberReadable(String member) {
        return members().containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    final Object readMember(String member) throws UnknownIdentifierException {
        Object value = members().get(member);
        if (value == null) {
            throw UnknownIdentifierException.create(member);
        }
        return value;
    }
}
