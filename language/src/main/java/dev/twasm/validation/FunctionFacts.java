package dev.twasm.validation;

/**
 * What validating one function body found out that later stages can use without reading the
 * body again. This is the place to add further facts (block arities, locals written, memory use)
 * when the node builder needs them.
 *
 * @param maxOperandHeight the largest number of operands on the stack at any point of the body
 * @param maxControlDepth the deepest nesting of structured instructions, counting the body itself
 * @param usesVectors whether a local or an operand of the function is a {@code v128}
 * @param tailCalls whether the body contains a tail call ({@code return_call},
 *            {@code return_call_indirect}): only such a function's root can return a pending tail
 *            call instead of its results, so only it needs the slot and the baseline method that
 *            carry one
 * @param exceptionHandling whether the body contains an exception handling instruction
 *            ({@link dev.twasm.model.Opcode#isExceptionHandling()}): only such a function has the frame slots for caught exceptions
 * @param loops whether the body contains a {@code loop}: a call of such a function can run long,
 *            so a call from another language gains nothing by inlining it (see
 *            {@code WasmFunction}'s execute message)
 */
public record FunctionFacts(int maxOperandHeight, int maxControlDepth, boolean usesVectors, boolean tailCalls, boolean exceptionHandling,
                boolean loops) {
}
