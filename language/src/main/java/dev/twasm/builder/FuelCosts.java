package dev.twasm.builder;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.Expr;
import dev.twasm.model.Opcode;

import java.util.Arrays;

/**
 * The static fuel costs of one function body (option {@code wasm.Fuel}), shared by the AST and
 * the baseline tier so that both charge exactly alike.
 *
 * <p><b>The cost rule.</b> The function body and each {@code loop} instruction's body are
 * <i>regions</i>. Every instruction of the body belongs to its innermost region: the
 * {@code loop} instruction and its matching {@code end} to the region around the loop, the
 * instructions between them to the loop's. Each instruction counts 1, whatever it does:
 * {@code block}, {@code if}, {@code else}, {@code end} (also the function's final one), a
 * {@code br} and a {@code memory.copy} alike, and so do the instructions of unreachable code. A
 * region's cost is the number of its instructions. A call charges the function region's cost
 * on entry (before any of its instructions runs, a tail call too); a loop charges its region's
 * cost each time its body starts: when control reaches the loop and at every branch back to it.
 * Nothing else charges. A run is thus charged at least one unit for each instruction it executes
 * (more where a region's branches skip instructions), and a loop that runs forever, even
 * {@code (loop (br 0))}, keeps charging. For example {@code (func (loop $l (br $l)))} costs 3
 * on entry ({@code loop}, its {@code end}, the function's {@code end}) and 1 per iteration.
 */
public final class FuelCosts {
    private final long entry;
    /** Module offsets of the {@code loop} instructions, ascending, and the cost of each one's body. */
    private final int[] loopOffsets;
    private final long[] loopCosts;

    private FuelCosts(long entry, int[] loopOffsets, long[] loopCosts) {
        this.entry = entry;
        this.loopOffsets = loopOffsets;
        this.loopCosts = loopCosts;
    }

    /** The costs of {@code body}, a function's code (spec §5.5.13 "expr", up to its final {@code end}). */
    public static FuelCosts of(Expr body) {
        CodeReader reader = new CodeReader(body);
        // The regions open at the current instruction: entry 0 is the function, the others loops;
        // blocks, ifs and trys open no region but must be matched to their ends.
        long[] open = new long[8];
        int[] openLoop = new int[8];
        int regions = 1;
        int nesting = 0;
        int[] offsets = new int[4];
        long[] costs = new long[4];
        int loops = 0;
        // A stack of the kinds of the open blocks (true: loop), to know which end closes a region.
        boolean[] blocks = new boolean[16];
        while (reader.hasNext()) {
            Opcode op = reader.next();
            switch (op) {
                case BLOCK, IF, TRY, TRY_TABLE -> {
                    open[regions - 1]++;
                    blocks = push(blocks, nesting++, false);
                }
                case LOOP -> {
                    open[regions - 1]++;
                    blocks = push(blocks, nesting++, true);
                    if (loops == offsets.length) {
                        offsets = Arrays.copyOf(offsets, loops * 2);
                        costs = Arrays.copyOf(costs, loops * 2);
                    }
                    offsets[loops] = reader.instructionOffset();
                    if (regions == open.length) {
                        open = Arrays.copyOf(open, regions * 2);
                        openLoop = Arrays.copyOf(openLoop, regions * 2);
                    }
                    open[regions] = 0;
                    openLoop[regions] = loops++;
                    regions++;
                }
                case END, DELEGATE -> {
                    if (nesting > 0 && blocks[--nesting]) {
                        // The loop's region closes; its end belongs to the region around it.
                        regions--;
                        costs[openLoop[regions]] = open[regions];
                    }
                    open[regions - 1]++;
                }
                default -> open[regions - 1]++;
            }
        }
        return new FuelCosts(open[0], Arrays.copyOf(offsets, loops), Arrays.copyOf(costs, loops));
    }

    private static boolean[] push(boolean[] stack, int at, boolean value) {
        boolean[] s = at < stack.length ? stack : Arrays.copyOf(stack, stack.length * 2);
        s[at] = value;
        return s;
    }

    /** The cost charged on entry to the function. */
    public long entry() {
        return entry;
    }

    /** The cost charged at each start of the body of the {@code loop} at module offset {@code loopOffset}. */
    public long loop(int loopOffset) {
        int i = Arrays.binarySearch(loopOffsets, loopOffset);
        if (i < 0) {
            throw new IllegalArgumentException("no loop at offset " + loopOffset);
        }
        return loopCosts[i];
    }
}
