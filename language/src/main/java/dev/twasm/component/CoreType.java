package dev.twasm.component;

import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.SubType;

import java.util.List;

/**
 * A core type in a component (section 3, or a {@code core:type} declaration): a core recursion
 * group of Wasm 3.0 (a function type, mostly), or a core module type.
 */
public sealed interface CoreType extends Definition {
    /** The number of core type indices this definition takes. */
    int size();

    /** A core recursion group ({@code core:rectype}), each sub type one core type index. */
    record Rec(List<SubType> types) implements CoreType {
        public Rec {
            types = List.copyOf(types);
        }

        @Override
        public int size() {
            return types.size();
        }
    }

    /** {@code core:moduletype} ({@code 0x50}): the imports and exports of a core module. */
    record ModuleType(List<ModuleDecl> declarations) implements CoreType {
        public ModuleType {
            declarations = List.copyOf(declarations);
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** {@code core:moduledecl}. */
    sealed interface ModuleDecl {
    }

    /** {@code 0x00 core:import}. */
    record ImportDecl(Import entry) implements ModuleDecl {
    }

    /** {@code 0x01 core:type}. */
    record TypeDecl(CoreType type) implements ModuleDecl {
    }

    /** {@code 0x02 core:alias}: {@code outer count index} of {@code sort}. */
    record AliasDecl(Sort sort, int count, int index) implements ModuleDecl {
    }

    /** {@code 0x03 core:exportdecl}. */
    record ExportDecl(String name, ImportDesc desc) implements ModuleDecl {
    }
}
