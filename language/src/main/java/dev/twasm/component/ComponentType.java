package dev.twasm.component;

import java.util.List;

/** A component type ({@code componenttype}, {@code 0x41}): the declarations of what a component imports and exports. */
public record ComponentType(List<Declaration> declarations) implements DefType {
    public ComponentType {
        declarations = List.copyOf(declarations);
    }

    /** The import declarations, in order. */
    public List<Declaration.ImportDecl> imports() {
        return declarations.stream().filter(d -> d instanceof Declaration.ImportDecl).map(d -> (Declaration.ImportDecl) d).toList();
    }

    /** The export declarations, in order. */
    public List<Declaration.ExportDecl> exports() {
        return declarations.stream().filter(d -> d instanceof Declaration.ExportDecl).map(d -> (Declaration.ExportDecl) d).toList();
    }

    /** The declarations that define this type's type index space, in index order. */
    public List<Declaration> typeSpace() {
        return Declaration.typeSpace(declarations);
    }

    /** Names of this type's type indices, for {@link ValType#witName(TypeNames)}. */
    public TypeNames typeNames() {
        return Declaration.typeNames(typeSpace());
    }
}
