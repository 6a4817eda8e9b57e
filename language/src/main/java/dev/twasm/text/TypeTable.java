package dev.twasm.text;

import dev.twasm.model.FuncType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type section being built from text: the explicit {@code (type ...)} definitions, in order,
 * followed by the implicit definitions that type uses without {@code (type x)} insert (spec §6.6.3
 * "Type Uses"): a type use reuses the smallest index of an equal type, else appends one, so
 * consecutive expansions share the definitions earlier ones inserted.
 */
final class TypeTable {
    private final List<FuncType> types = new ArrayList<>();
    private final Map<FuncType, Integer> firstIndex = new HashMap<>();

    int addExplicit(FuncType type) {
        int index = types.size();
        types.add(type);
        firstIndex.putIfAbsent(type, index);
        return index;
    }

    /** The smallest index of a type equal to {@code type}, appending it when there is none. */
    int findOrAppend(FuncType type) {
        Integer index = firstIndex.get(type);
        if (index != null) {
            return index;
        }
        return addExplicit(type);
    }

    int size() {
        return types.size();
    }

    FuncType get(int index) {
        return types.get(index);
    }

    List<FuncType> all() {
        return types;
    }
}
