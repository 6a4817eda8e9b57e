package dev.twasm.model;

/**
 * The optional parts of the language that decoding, parsing and validation accept, where Wasm 3.0
 * changed what is valid compared with Wasm 2.0 and the engine does not enable the 3.0 rule by
 * default yet (options {@code wasm.MultiMemory}, {@code wasm.Memory64}).
 *
 * @param multiMemory several memories per module (spec 3.0 §2.5.5), a memory index in the memarg
 *            of loads and stores (binary: bit 6 of the alignment field; text: an index before
 *            {@code offset=}), instead of 2.0's "multiple memories" error and malformed flags
 * @param memory64 offsets of loads and stores read as 64-bit numbers (binary u64, text up to
 *            2^64 - 1), so that too large an offset for a 32-bit memory is the 3.0 validation
 *            error "offset out of range" rather than 2.0's malformed "i32 constant"; 64-bit
 *            memories themselves are not implemented yet
 */
public record Features(boolean multiMemory, boolean memory64) {
    /** Wasm 2.0's rules: what the engine accepts by default. */
    public static final Features WASM_2_0 = new Features(false, false);
}
