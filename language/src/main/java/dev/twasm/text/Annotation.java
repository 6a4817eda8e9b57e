package dev.twasm.text;

/**
 * An annotation {@code (@id ...)} of the text format (spec 3.0 §6.2.4 "Annotations"): an
 * identifier and a body of tokens, placed between two tokens of the text around it.
 *
 * @param id the annotation's identifier, without {@code @} ({@code custom}, {@code name},
 *            {@code metadata.code.branch_hint}, or any other, which is ignored)
 * @param before the index of the token that follows the annotation in the enclosing
 *            {@link Tokens}
 * @param start the source offset of its {@code (@}
 * @param body the tokens inside it after the id, ending with an EOF token at its closing
 *            parenthesis
 */
record Annotation(String id, int before, int start, Tokens body) {
}
