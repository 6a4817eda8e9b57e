package dev.twasm.exception;

/**
 * The kinds of trap (spec §4.4 "Instructions", "trap"), each with the message the spec's reference
 * interpreter prints, which is what {@code assert_trap} in the official test suite expects.
 */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY_ACCESS("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE_ACCESS("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /** {@code call_ref} and {@code return_call_ref} of null (typed function references). */
    NULL_FUNCTION_REFERENCE("null function reference"),
    /** {@code ref.as_non_null} of null (typed function references). */
    NULL_REFERENCE("null reference"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /**
     * The JVM heap cannot hold a new struct or array (Wasm 3.0 GC): a resource limit like the
     * call stack's, not a trap of the spec, and reported the same way once the stack has unwound.
     */
    OUT_OF_MEMORY("out of memory: the GC heap is exhausted"),
    /** {@code throw_ref} of a null {@code exnref} (Wasm 3.0 exception handling). */
    NULL_EXCEPTION_REFERENCE("null exception reference"),
    /** {@code i31.get_s} and {@code i31.get_u} of null (Wasm 3.0 GC). */
    NULL_I31_REFERENCE("null i31 reference"),
    /** An array instruction on a null reference (Wasm 3.0 GC). */
    NULL_ARRAY_REFERENCE("null array reference"),
    /** An array element index or range beyond the array's length (Wasm 3.0 GC). */
    OUT_OF_BOUNDS_ARRAY_ACCESS("out of bounds array access"),
    /** {@code ref.cast} of a reference not of the target type (Wasm 3.0 GC). */
    CAST_FAILURE("cast failure"),
    /** {@code struct.get} and {@code struct.set} of null (Wasm 3.0 GC). */
    NULL_STRUCTURE_REFERENCE("null structure reference"),
    /** An atomic access whose effective address is not a multiple of its width (threads). */
    UNALIGNED_ATOMIC("unaligned atomic"),
    /** {@code memory.atomic.wait32} or {@code wait64} on a memory that is not shared (threads). */
    EXPECTED_SHARED_MEMORY("expected shared memory"),
    /** The context's fuel (option {@code wasm.Fuel}) ran out: a limit for untrusted code, not a trap of the spec. */
    FUEL_EXHAUSTED("all fuel consumed"),
    /** A call from the host ran past the option {@code wasm.Timeout}: a limit for untrusted code, not a trap of the spec. */
    DEADLINE_EXCEEDED("deadline exceeded");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The spec's text for this trap. */
    public String message() {
        return message;
    }
}
