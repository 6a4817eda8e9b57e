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
}
