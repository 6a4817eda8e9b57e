package dev.twasm.text;

import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The locals of one function while it is parsed (spec §6.6.5 "Functions"): parameters first, then
 * declared locals, with their identifiers. Constant expressions use an empty scope.
 */
final class LocalScope {
    private final IndexSpace space = new IndexSpace("local", "local");
    private final List<ValType> declared = new ArrayList<>();
    private final Map<Integer, String> names = new HashMap<>();

    void addParam(String id, TokenCursor at, int token) {
        bind(id, at, token);
    }

    void addParams(int count) {
        for (int i = 0; i < count; i++) {
            space.add(null, null, 0);
        }
    }

    void addLocal(String id, ValType type, TokenCursor at, int token) {
        bind(id, at, token);
        declared.add(type);
    }

    /** Gives the local bound last the name {@code name} (of a {@code @name} annotation). */
    void nameLast(String name) {
        names.put(space.count() - 1, name);
    }

    private void bind(String id, TokenCursor at, int token) {
        int index = space.add(id, at, token);
        if (id != null) {
            names.put(index, id.substring(1));
        }
    }

    IndexSpace space() {
        return space;
    }

    ValType[] declaredLocals() {
        return declared.toArray(ValType[]::new);
    }

    /** Local index to name (without {@code $}) for the named ones. */
    Map<Integer, String> names() {
        return names;
    }
}
