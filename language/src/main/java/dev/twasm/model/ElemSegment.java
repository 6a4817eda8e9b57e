package dev.twasm.model;

/**
 * An element segment (spec §2.5.7). Every item is a constant expression, even when the binary
 * encoding used plain function indices: the decoder turns those into {@code ref.func} expressions
 * so later stages see one form.
 *
 * @param tableIndex the target table of an active segment, else 0
 * @param offset the offset expression of an active segment, else {@code null}
 */
public record ElemSegment(SegmentMode mode, ValType elemType, int tableIndex, Expr offset, Expr[] items) {
    /**
     * The element type of a segment written as function indices (binary flags 0 to 3, text
     * {@code func x*}): {@code (ref func)} in Wasm 3.0 (spec 3.0 §5.5.12), as every item is a
     * {@code ref.func}; a subtype of 2.0's {@code funcref}, so 2.0 modules validate as before.
     */
    public static final ValType FUNCTION_INDICES = ValType.ref(false, HeapType.FUNC);
}
