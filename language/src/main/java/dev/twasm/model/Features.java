package dev.twasm.model;

/**
 * The parts of the language where Wasm 3.0 changed what is valid compared with Wasm 2.0, so that
 * decoding, parsing and validation follow one or the other: the engine follows 3.0 by default, and
 * Wasm 2.0's rules for a part whose option is false (options {@code wasm.MultiMemory}, {@code wasm.Memory64}, {@code wasm.ExtendedConstants},
 * {@code wasm.ExceptionHandling}, {@code wasm.FunctionReferences}), and likewise where the threads proposal contradicts 2.0
 * ({@code wasm.Threads}).
 *
 * @param multiMemory several memories per module (spec 3.0 §2.5.5), a memory index in the memarg
 *            of loads and stores (binary: bit 6 of the alignment field; text: an index before
 *            {@code offset=}), instead of 2.0's "multiple memories" error and malformed flags
 * @param memory64 64-bit memories and tables (memory64, table64, spec 3.0 §2.3.10): the
 *            {@code i64} address type before limits (binary: bit 2 of the limits' flags byte,
 *            which 3.0 reads as a byte, "malformed limits flags"; text: {@code i64}), u64 sizes,
 *            and offsets of loads and stores read as 64-bit numbers, so that too large an offset
 *            for a 32-bit memory is the 3.0 validation error "offset out of range" rather than
 *            2.0's malformed "i32 constant"; likewise alignments in the text
 * @param extendedConstants constant expressions may read every immutable global defined before
 *            them (spec 3.0 §3.4.10 "Modules": a global initializer the earlier globals, a segment
 *            all globals), not only imported ones as in 2.0, where the others are "unknown global";
 *            the integer arithmetic of extended constant expressions needs no switch (2.0 only
 *            calls it non-constant, which no 2.0 module relies on)
 * @param exceptionHandling the binary encodings of exception handling (Wasm 3.0): the tag section
 *            (id 13), tag imports and exports (kind 4) and the opcodes of its instructions, which
 *            2.0 calls "malformed section id", "malformed import kind" and "illegal opcode"; the
 *            text format accepts exception handling always (no 2.0 script relies on its
 *            rejection)
 * @param functionReferences the binary opcodes of typed function references (Wasm 3.0):
 *            {@code call_ref}, {@code return_call_ref}, {@code ref.as_non_null},
 *            {@code br_on_null} and {@code br_on_non_null}, which 2.0 calls "illegal opcode"; the
 *            rest of typed function references (reference types {@code (ref null? ht)} in binary
 *            and text, subtyping, {@code ref.func} typed {@code (ref $t)}, non-nullable locals and
 *            tables) needs no switch, as no 2.0 module relies on its absence
 * @param threads the {@code shared} flag of memory types in the binary format (the threads
 *            proposal: bit 1 of the limits' flags byte, flags {@code 0x02} and {@code 0x03}) where
 *            Wasm 2.0 reads the flags as a 1-bit number and calls 2 "integer too large"; with
 *            memory64 the flags byte always has the bit, as no 3.0 script relies on its rejection;
 *            the text format's {@code shared} and the atomic instructions need no switch
 */
public record Features(boolean multiMemory, boolean memory64, boolean extendedConstants, boolean exceptionHandling, boolean functionReferences,
                boolean threads) {
    /** Wasm 2.0's rules: what the engine accepts with every feature option false. */
    public static final Features WASM_2_0 = new Features(false, false, false, false, false, false);
    /** Every Wasm 3.0 rule that this record can switch on, and the threads proposal: the engine's default. */
    public static final Features WASM_3_0 = new Features(true, true, true, true, true, true);
    /** Wasm 2.0's rules with the threads proposal, which was written against them (its spec test scripts). */
    public static final Features WASM_2_0_THREADS = new Features(false, false, false, false, false, true);
}
