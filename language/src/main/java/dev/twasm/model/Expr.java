package dev.twasm.model;

/**
 * An expression (spec §2.4.9): a sequence of instructions in their binary encoding, terminated by
 * {@code end}. Function bodies, global initializers, segment offsets and element items are all
 * expressions.
 *
 * <p>Both the binary decoder and the text parser produce this encoding, so validation and node
 * building read one representation through {@code dev.twasm.binary.CodeReader}. See
 * docs/rationale.md, "Why keep instructions in binary encoding?".
 *
 * @param code the instruction bytes, ending with the {@code end} opcode; never modified
 * @param moduleOffset the byte offset of {@code code[0]} in the binary module it was decoded from
 *            (0 for modules parsed from text), used to report positions
 */
public record Expr(byte[] code, int moduleOffset) {
}
