package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.ExplodeLoop.LoopExplosionKind;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

import java.util.Arrays;

/**
 * A nest of {@code block}s whose innermost one ends with {@code br_table}: the shape compilers
 * lower a {@code switch} statement to (spec §4.4.8 for the instructions).
 *
 * <pre>
 * block $B2            ;; chain position 2 (outermost)
 *   block $B1          ;; position 1
 *     block $B0        ;; position 0 (innermost)
 *       prefix...
 *       br_table $B0 $B1 $B2 ...
 *     end
 *     tail 0           ;; runs after B0 is left
 *   end
 *   tail 1             ;; runs after B1 is left
 * end
 * </pre>
 *
 * <p>Why one node instead of nested block nodes: with nested nodes the {@code br_table} returns a
 * target depth that merges into one value before each enclosing block compares it, so compiled
 * code tests the signal at every level. Here the blocks are states of one loop exploded with
 * {@link LoopExplosionKind#MERGE_EXPLODE}, like a bytecode interpreter: the state ("which block
 * of the chain was just left") is a constant on every path, the dispatch on the case index folds
 * into a jump table, and a case's {@code br} to the end of the switch becomes a direct edge.
 */
@NodeInfo(shortName = "switch")
public final class SwitchNode extends StmtNode {
    /** The state before the {@code br_table} has chosen: running the innermost block's prefix. */
    private static final int PREFIX = -1;
    /**
     * Tables of at most this many entries are dispatched on the index itself, one comparison per case, which
     * the compiler turns into a jump table; partial evaluation unrolls that comparison loop, so
     * wider tables (the spec suite has one of some 16,000 entries) choose their position first.
     */
    private static final int UNROLLED_CASES = 512;

    @Children private final StmtNode[] prefix;
    @Child private ExprNode index;
    /** The target depth of each case, the default last. */
    @CompilationFinal(dimensions = 1) private final int[] caseTargets;
    /** The chain position each case continues after, or -1 when it leaves the chain. */
    @CompilationFinal(dimensions = 1) private final int[] casePositions;
    /** The depth of each block of the chain, innermost first. */
    @CompilationFinal(dimensions = 1) private final int[] chainDepths;
    /** {@code tails[k]} runs after the chain's block {@code k} is left, inside block {@code k + 1}. */
    @Children private final Tail[] tails;

    private SwitchNode(StmtNode[] prefix, ExprNode index, int[] caseTargets, int[] chainDepths, Tail[] tails) {
        this.prefix = prefix;
        this.index = index;
        this.caseTargets = caseTargets;
        this.chainDepths = chainDepths;
        this.tails = tails;
        this.casePositions = new int[caseTargets.length];
        for (int i = 0; i < caseTargets.length; i++) {
            casePositions[i] = positionOf(caseTargets[i]);
        }
    }

    /** The innermost block of a chain: its statements before the {@code br_table}, and the table. */
    public static SwitchNode create(StmtNode[] prefix, ExprNode index, int[] caseTargets, int blockDepth) {
        return new SwitchNode(prefix, index, caseTargets, new int[]{blockDepth}, new Tail[0]);
    }

    /** This chain wrapped in the enclosing block at {@code blockDepth}, whose remaining statements are {@code tail}. */
    public SwitchNode enclosedBy(int blockDepth, StmtNode[] tail) {
        int[] depths = Arrays.copyOf(chainDepths, chainDepths.length + 1);
        depths[chainDepths.length] = blockDepth;
        Tail[] newTails = Arrays.copyOf(tails, tails.length + 1);
        newTails[tails.length] = new Tail(tail);
        return new SwitchNode(prefix, index, caseTargets, depths, newTails);
    }

    /** The depth of the chain's outermost block. */
    public int outermostDepth() {
        return chainDepths[chainDepths.length - 1];
    }

    private int positionOf(int depth) {
        for (int p = 0; p < chainDepths.length; p++) {
            if (chainDepths[p] == depth) {
                return p;
            }
        }
        return -1;
    }

    /**
     * A state machine over {@code state}: {@link #PREFIX}, or the chain position whose block was
     * just left. Every transition assigns a constant and continues the loop directly, as
     * {@link LoopExplosionKind#MERGE_EXPLODE} needs, so each state is compiled once.
     */
    @Override
    @ExplodeLoop(kind = LoopExplosionKind.MERGE_EXPLODE)
    public int execute(VirtualFrame frame) {
        int last = chainDepths.length - 1;
        int state = PREFIX;
        transition: while (true) {
            int signal;
            if (state == PREFIX) {
                signal = Statements.execute(prefix, frame);
                if (signal == FALLTHROUGH) {
                    int i = index.executeI32(frame);
                    int lastCase = casePositions.length - 1;
                    if (CompilerDirectives.inCompiledCode() && lastCase < UNROLLED_CASES) {
                        // An equality chain on the index with the default as its final else,
                        // which the compiler folds into one jump table whose range check is the
                        // default.
                        for (int c = 0; c <= lastCase; c++) {
                            if (c == lastCase || i == c) {
                                if (casePositions[c] >= 0) {
                                    state = casePositions[c];
                                    continue transition;
                                }
                                return caseTargets[c];
                            }
                        }
                    }
                    int c = Integer.compareUnsigned(i, lastCase) < 0 ? i : lastCase;
                    int position = casePositions[c];
                    if (CompilerDirectives.inInterpreter()) {
                        if (position >= 0) {
                            state = position;
                            continue;
                        }
                        return caseTargets[c];
                    }
                    // An equality chain on the position, over the chain's length.
                    for (int p = 0; p <= last; p++) {
                        if (position == p) {
                            state = p;
                            continue transition;
                        }
                    }
                    return caseTargets[c];
                }
            } else if (state == last) {
                return FALLTHROUGH;
            } else {
                signal = tails[state].execute(frame);
                if (signal == FALLTHROUGH) {
                    state = state + 1;
                    continue;
                }
            }
            // A branch out of the current block: to a block of the chain further out, which
            // continues the switch there, or beyond the chain.
            for (int p = state + 1; p <= last; p++) {
                if (signal == chainDepths[p]) {
                    state = p;
                    continue transition;
                }
            }
            return signal;
        }
    }

    /** The statements of one block after its inner block ends. */
    static final class Tail extends com.oracle.truffle.api.nodes.Node {
        @Children private final StmtNode[] statements;

        Tail(StmtNode[] statements) {
            this.statements = statements;
        }

        int execute(VirtualFrame frame) {
            return Statements.execute(statements, frame);
        }
    }

    /** Only groups statements; its own instruction runs no code ({@code StatementTag} is on the statements inside). */
    @Override
    protected boolean isStructural() {
        return true;
    }
}
