package dev.twasm.text;

import dev.twasm.model.FuncType;
import dev.twasm.model.Module;
import dev.twasm.model.SubType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type section being built from text: the explicit {@code (type ...)} and {@code (rec ...)}
 * definitions, in order, followed by the implicit definitions that type uses without {@code (type
 * x)} insert (spec 3.0 §6.6.3 "Type Uses"): a type use reuses the smallest index of an equal
 * function type that is a recursion group of its own and a plain (final, supertype-less) sub type,
 * else appends one, so consecutive expansions share the definitions earlier ones inserted.
 */
final class TypeTable {
    private final List<SubType> types = new ArrayList<>();
    /** The size of each recursion group, in order. */
    private final List<Integer> groupSizes = new ArrayList<>();
    private final Map<FuncType, Integer> firstIndex = new HashMap<>();

    /** Appends a recursion group; returns the index of its first type. */
    int addGroup(List<SubType> group) {
        int index = types.size();
        types.addAll(group);
        groupSizes.add(group.size());
        if (group.size() == 1 && group.get(0).isPlain() && group.get(0).composite() instanceof FuncType f) {
            firstIndex.putIfAbsent(f, index);
        }
        return index;
    }

    /** The smallest index of a type equal to {@code type}, appending it when there is none. */
    int findOrAppend(FuncType type) {
        Integer index = firstIndex.get(type);
        if (index != null) {
            return index;
        }
        return addGroup(List.of(SubType.plain(type)));
    }

    int size() {
        return types.size();
    }

    /** The function type of type {@code index}, or null for a structure or array type. */
    FuncType funcType(int index) {
        return types.get(index).composite() instanceof FuncType f ? f : null;
    }

    /** Adds the type section to {@code builder}. */
    void addTo(Module.Builder builder) {
        int start = 0;
        for (int size : groupSizes) {
            builder.addRecGroup(types.subList(start, start + size));
            start += size;
        }
    }
}
