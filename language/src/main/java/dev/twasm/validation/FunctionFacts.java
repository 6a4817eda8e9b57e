package dev.twasm.validation;

/**
 * What validating one function body found out that later stages can use without reading the
 * body again. This is the place to add further facts (block arities, locals written, memory use)
 * when the node builder needs them.
 *
 * @param maxOperandHeight the largest number of operands on the stack at any point of the body
 * @param maxControlDepth the deepest nesting of structured instructions, counting the body itself
 * @param usesVectors whether a local or an operand of the function is a {@code v128}
 */
public record FunctionFacts(int maxOperandHeight, int maxControlDepth, boolean usesVectors) {
}
