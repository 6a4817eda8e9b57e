package dev.twasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exports of an instance (spec §4.2.5 "exportinst") as an interop object: one readable member
 * per export name, whose value is the exported function, table, memory or global. Also what an
 * imports object may hold for another instance's module name, which is how instances link.
 */
public final class ExportsObject extends MemberMapObject {
    private final Map<String, Object> exports;

    public ExportsObject(LinkedHashMap<String, Object> exports) {
        this.exports = exports;
    }

    /** The exported value named {@code name}, or null. */
    @TruffleBoundary
    public Object get(String name) {
        return exports.get(name);
    }

    @Override
    protected Map<String, ?> members() {
        return exports;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "exports " + exports.keySet();
    }
}
