package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Expr;
import dev.twasm.model.Features;
import dev.twasm.model.Opcode;

import java.util.Arrays;

/**
 * Reads one expression out of a binary module (spec §5.4.9 "Expressions": {@code instr* 0x0B}):
 * decodes every instruction with {@link CodeReader}, follows the nesting of the structured
 * instructions {@code block}, {@code loop} and {@code if ... else} (spec §5.4.1) to find the
 * {@code end} that closes the expression, and slices the expression's bytes into an {@link Expr}.
 *
 * <p>Decoding eagerly here means malformed code (illegal opcodes, bad immediates, a misplaced
 * {@code else}, a missing {@code end}) is reported by the decoder, so later stages can read
 * expressions without re-checking their encoding. Nesting is tracked on an explicit stack, so
 * deeply nested input cannot overflow the Java stack. Function bodies, global initializers,
 * segment offsets and element items are all read this way; whether an expression is
 * <em>constant</em> is for validation to decide.
 */
final class ExprDecoder {
    /** For each open structured instruction: whether it is an {@code if} that may still take an {@code else}. */
    private boolean[] awaitsElse = new boolean[16];
    private boolean referencesDataSegment;
    private final Features features;

    /** A decoder of code that may use every encoding of Wasm 3.0 (code that was decoded before). */
    ExprDecoder() {
        this(Features.WASM_3_0);
    }

    /** A decoder that accepts only the encodings {@code features} allow. */
    ExprDecoder(Features features) {
        this.features = features;
    }

    /**
     * Reads the expression starting at the input's position and leaves the input after its final
     * {@code end}. Reads may run up to the input's limit; the caller checks declared sizes.
     */
    /**
     * The input index that expressions end before (the end of the section being read, where an
     * expression without its {@code end} is "unexpected end of section or function"), or -1 for
     * the input's limit.
     */
    void limitTo(int sectionEnd) {
        this.sectionEnd = sectionEnd;
    }

    private int sectionEnd = -1;

    Expr read(BinaryInput in) {
        int start = in.index();
        int base = in.offset() - start;
        int limit = sectionEnd >= 0 ? Math.min(in.limit(), sectionEnd) : in.limit();
        CodeReader reader = new CodeReader(in.array(), start, limit, base, features);
        int depth = 0;
        referencesDataSegment = false;
        while (true) {
            Opcode op = reader.next();
            switch (op) {
                case BLOCK, LOOP, IF, TRY, TRY_TABLE -> {
                    if (depth == awaitsElse.length) {
                        awaitsElse = Arrays.copyOf(awaitsElse, depth * 2);
                    }
                    awaitsElse[depth++] = op == Opcode.IF;
                }
                case ELSE -> {
                    if (depth == 0 || !awaitsElse[depth - 1]) {
                        // What follows a block's instructions must be its end.
                        throw new MalformedModuleException("END opcode expected", reader.instructionOffset());
                    }
                    awaitsElse[depth - 1] = false;
                }
                case END -> {
                    if (depth == 0) {
                        int end = reader.offset() - base;
                        in.seek(end);
                        return new Expr(Arrays.copyOfRange(in.array(), start, end), base + start);
                    }
                    depth--;
                }
                case DELEGATE -> {
                    // ends a legacy try in place of its end
                    if (depth == 0) {
                        throw new MalformedModuleException("END opcode expected", reader.instructionOffset());
                    }
                    depth--;
                }
                case MEMORY_INIT, DATA_DROP, ARRAY_NEW_DATA, ARRAY_INIT_DATA -> referencesDataSegment = true;
                default -> {
                }
            }
        }
    }

    /**
     * Whether the expression read last uses a data index ({@code memory.init}, {@code data.drop},
     * {@code array.new_data}, {@code array.init_data}),
     * which requires a data count section (spec §5.5.15).
     */
    boolean referencesDataSegment() {
        return referencesDataSegment;
    }
}
