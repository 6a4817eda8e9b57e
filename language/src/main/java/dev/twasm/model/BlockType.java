package dev.twasm.model;

/**
 * The type of a structured instruction (spec §2.4.8 "blocktype"): empty, a single result value
 * type, or a type index for multi-value blocks. Resolved against the module's types with
 * {@link #funcType(Module)}.
 */
public sealed interface BlockType {
    /** The block's type as a function type from its parameters to its results. */
    FuncType funcType(Module module);

    BlockType EMPTY = new Empty();

    static BlockType of(ValType result) {
        return result.isReference() ? new Value(result, new FuncType(new ValType[0], new ValType[]{result})) : Value.CACHE[result.kind().ordinal()];
    }

    static BlockType ofTypeIndex(int typeIndex) {
        return new TypeIndex(typeIndex);
    }

    record Empty() implements BlockType {
        @Override
        public FuncType funcType(Module module) {
            return FuncType.EMPTY;
        }
    }

    record Value(ValType result, FuncType type) implements BlockType {
        private static final Value[] CACHE = new Value[ValType.Kind.REF.ordinal()];
        static {
            for (ValType t : new ValType[]{ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128}) {
                CACHE[t.kind().ordinal()] = new Value(t, new FuncType(new ValType[0], new ValType[]{t}));
            }
        }

        @Override
        public FuncType funcType(Module module) {
            return type;
        }
    }

    /** A multi-value block type; the index is checked by validation, not here. */
    record TypeIndex(int index) implements BlockType {
        @Override
        public FuncType funcType(Module module) {
            return module.funcType(index);
        }
    }
}
