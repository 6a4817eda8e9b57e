package dev.twasm.jsapi;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.MemberMapObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only record of string members: an import or export descriptor of the JS API
 * ({@code {module, name, kind, type}}, spec "JS API" §Module.imports/exports) as the
 * {@code WebAssembly} symbol hands it to GraalJS.
 */
final class Descriptor extends MemberMapObject {
    private final Map<String, String> members;

    Descriptor(LinkedHashMap<String, String> members) {
        this.members = members;
    }

    @Override
    protected Map<String, ?> members() {
        return members;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return members.toString();
    }
}
