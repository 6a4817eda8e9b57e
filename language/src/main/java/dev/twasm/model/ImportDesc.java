package dev.twasm.model;

/** What an import expects (spec §2.5.11 "importdesc"). */
public sealed interface ImportDesc {
    ExternKind kind();

    /** An imported function of type {@code types[typeIndex]}. */
    record Func(int typeIndex) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    record Table(TableType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    record Memory(MemoryType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    record Global(GlobalType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }

    /** An imported exception tag (Wasm 3.0) whose type is {@code types[typeIndex]}, a function type without results. */
    record Tag(int typeIndex) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.TAG;
        }
    }
}
