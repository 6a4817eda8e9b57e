package dev.twasm.component;

/**
 * How {@link ValType#witName(TypeNames)} renders a type index: by the name of the type where the
 * index space has one (an exported, imported or aliased type), by the type itself where it is an
 * anonymous value type, and as {@code type N} where neither is known.
 */
@FunctionalInterface
public interface TypeNames {
    /** Types nested deeper than this are printed as {@code type N}, which bounds the recursion on malformed input. */
    int MAX_DEPTH = 32;

    /** Knows no names: every type index prints as {@code type N}. */
    TypeNames NONE = (index, depth) -> null;

    /**
     * The WIT rendering of type {@code index}, or null if it is unknown. {@code depth} is the
     * nesting of the reference; implementations that expand types pass it on.
     */
    String witName(int index, int depth);
}
