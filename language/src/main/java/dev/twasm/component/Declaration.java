package dev.twasm.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A declaration of an instance type ({@code instancedecl}) or component type
 * ({@code componentdecl}, which adds imports). Each type builds its own type index space from its
 * declarations, starting empty; outer aliases reach the enclosing scopes.
 */
public sealed interface Declaration {
    /** A core type ({@code 0x00 core:type}). */
    record CoreTypeDecl(CoreType type) implements Declaration {
    }

    /** A type ({@code 0x01 type}): the next type index. */
    record TypeDecl(DefType type) implements Declaration {
    }

    /** An alias ({@code 0x02 alias}); of sort {@code type}, the next type index. */
    record AliasDecl(Alias alias) implements Declaration {
    }

    /** An export ({@code exportdecl}); of sort {@code type}, the next type index. */
    record ExportDecl(String name, ExternDesc desc) implements Declaration {
    }

    /** An import ({@code importdecl}, component types only); of sort {@code type}, the next type index. */
    record ImportDecl(String name, ExternDesc desc) implements Declaration {
    }

    /** The declarations that define the type indices of a scope, in index order. */
    static List<Declaration> typeSpace(List<Declaration> declarations) {
        List<Declaration> types = new ArrayList<>();
        for (Declaration d : declarations) {
            boolean isType = switch (d) {
                case TypeDecl t -> true;
                case AliasDecl a -> a.alias().sort() == Sort.TYPE;
                case ExportDecl e -> e.desc().sort() == Sort.TYPE;
                case ImportDecl i -> i.desc().sort() == Sort.TYPE;
                case CoreTypeDecl c -> false;
            };
            if (isType) {
                types.add(d);
            }
        }
        return List.copyOf(types);
    }

    /**
     * Names for the type indices of a scope: exported, imported and export-aliased types by name, a
     * value type that a later export or import declares equal to by that name, other anonymous
     * value types expanded.
     */
    static TypeNames typeNames(List<Declaration> typeSpace) {
        Map<Integer, String> exportedAs = new HashMap<>();
        for (Declaration d : typeSpace) {
            switch (d) {
                case ExportDecl(String name, ExternDesc.Type(ExternDesc.Eq(int i))) -> exportedAs.putIfAbsent(i, name);
                case ImportDecl(String name, ExternDesc.Type(ExternDesc.Eq(int i))) -> exportedAs.putIfAbsent(i, name);
                default -> {
                }
            }
        }
        return new TypeNames() {
            @Override
            public String witName(int index, int depth) {
                if (index < 0 || index >= typeSpace.size()) {
                    return null;
                }
                return switch (typeSpace.get(index)) {
                    case ExportDecl e -> e.name();
                    case ImportDecl i -> i.name();
                    case AliasDecl(Alias.InstanceExport a) -> a.name();
                    case TypeDecl(ValType v) -> exportedAs.containsKey(index) ? exportedAs.get(index) : v.witName(this, depth);
                    default -> null;
                };
            }
        };
    }
}
