package dev.twasm.model;

/**
 * A data segment (spec §2.5.8).
 *
 * @param memoryIndex the target memory of an active segment, else 0
 * @param offset the offset expression of an active segment, else {@code null}
 */
public record DataSegment(SegmentMode mode, int memoryIndex, Expr offset, byte[] bytes) {
}
