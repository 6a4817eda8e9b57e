package dev.twasm.component;

import java.util.List;
import java.util.Optional;

/** An instance type ({@code instancetype}, {@code 0x42}): the declarations of what an instance exports. */
public record InstanceType(List<Declaration> declarations) implements DefType {
    public InstanceType {
        declarations = List.copyOf(declarations);
    }

    /** The export declarations, in order. */
    public List<Declaration.ExportDecl> exports() {
        return declarations.stream().filter(d -> d instanceof Declaration.ExportDecl).map(d -> (Declaration.ExportDecl) d).toList();
    }

    /** The export declaration named {@code name}. */
    public Optional<Declaration.ExportDecl> export(String name) {
        return exports().stream().filter(e -> e.name().equals(name)).findFirst();
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
