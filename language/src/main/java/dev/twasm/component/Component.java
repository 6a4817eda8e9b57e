package dev.twasm.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded component: its definitions in binary order and the index spaces they build, one list
 * per {@link Sort} whose entry {@code i} is the definition that took index {@code i} (an import, an
 * alias, an export, a canonical definition, ...). A definition that takes several indices (a core
 * recursion group of several types, a start with several results) appears once per index. Nothing
 * is resolved or validated: indices are as the binary has them.
 */
public final class Component implements Definition {
    private final List<Definition> definitions;
    private final Map<Sort, List<Definition>> spaces;

    Component(List<Definition> definitions, Map<Sort, List<Definition>> spaces) {
        this.definitions = List.copyOf(definitions);
        Map<Sort, List<Definition>> copy = new EnumMap<>(Sort.class);
        for (Sort s : Sort.values()) {
            copy.put(s, List.copyOf(spaces.getOrDefault(s, List.of())));
        }
        this.spaces = Collections.unmodifiableMap(copy);
    }

    /** Every definition of every section, custom sections included, in binary order. */
    public List<Definition> definitions() {
        return definitions;
    }

    /** The index space of {@code sort}. */
    public List<Definition> space(Sort sort) {
        return spaces.get(sort);
    }

    /** The definitions of one class, in order. */
    public <T extends Definition> List<T> definitions(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Definition d : definitions) {
            if (type.isInstance(d)) {
                result.add(type.cast(d));
            }
        }
        return result;
    }

    public List<ComponentImport> imports() {
        return definitions(ComponentImport.class);
    }

    public List<ComponentExport> exports() {
        return definitions(ComponentExport.class);
    }

    /** The core modules, in the order of the core module index space. */
    public List<CoreModule> coreModules() {
        return definitions(CoreModule.class);
    }

    /** The nested components defined in component sections (not the imported ones). */
    public List<Component> components() {
        return definitions(Component.class);
    }

    public List<Canon> canons() {
        return definitions(Canon.class);
    }

    /** The entry of type index {@code index}, resolved to the defined type when it is a type definition, else null. */
    public DefType definedType(int index) {
        List<Definition> types = space(Sort.TYPE);
        if (index >= 0 && index < types.size() && types.get(index) instanceof TypeDefinition(DefType t)) {
            return t;
        }
        return null;
    }

    /**
     * Names of this component's type indices for {@link ValType#witName(TypeNames)}: imported and
     * exported types and aliases of instance exports by their names, a value type that a later
     * export or import declares equal to by that name, other anonymous value types expanded.
     */
    public TypeNames typeNames() {
        List<Definition> types = space(Sort.TYPE);
        Map<Integer, String> exportedAs = new HashMap<>();
        for (Definition d : definitions) {
            if (d instanceof ComponentExport e && e.target().sort() == Sort.TYPE) {
                exportedAs.putIfAbsent(e.target().index(), e.name());
            } else if (d instanceof ComponentImport(String name, ExternDesc.Type(ExternDesc.Eq(int i)))) {
                exportedAs.putIfAbsent(i, name);
            }
        }
        return new TypeNames() {
            @Override
            public String witName(int index, int depth) {
                if (index < 0 || index >= types.size()) {
                    return null;
                }
                return switch (types.get(index)) {
                    case ComponentImport i -> i.name();
                    case ComponentExport e -> e.name();
                    case Alias.InstanceExport a -> a.name();
                    case TypeDefinition(ValType v) -> exportedAs.containsKey(index) ? exportedAs.get(index) : v.witName(this, depth);
                    default -> null;
                };
            }
        };
    }

    @Override
    public String toString() {
        return "Component" + definitions;
    }
}
