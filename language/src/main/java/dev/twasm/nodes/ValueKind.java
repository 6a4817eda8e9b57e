package dev.twasm.nodes;

import dev.twasm.model.ValType;

/**
 * Value kinds as int constants, for the {@code switch}es of nodes that handle several value types
 * in one class. Ints (not the {@link ValType} enum) because an enum switch reads a synthetic
 * array that partial evaluation does not treat as constant, while a switch over a final int field
 * folds to the one case.
 */
public final class ValueKind {
    public static final int I32 = 0;
    public static final int I64 = 1;
    public static final int F32 = 2;
    public static final int F64 = 3;
    public static final int REF = 4;
    public static final int V128 = 5;

    private ValueKind() {
    }

    public static int of(ValType type) {
        return switch (type.kind()) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case REF -> REF;
            case V128 -> V128;
        };
    }

    public static int[] of(ValType[] types) {
        int[] kinds = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            kinds[i] = of(types[i]);
        }
        return kinds;
    }
}
