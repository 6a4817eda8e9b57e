package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;
import dev.twasm.runtime.WasmException;
import dev.twasm.runtime.WasmTag;

/**
 * A block with exception handlers (Wasm 3.0 §4.4.8): {@code try_table bt catch* instr* end}, and
 * the legacy {@code try bt instr* (catch x instr*)* (catch_all instr*)? end} and
 * {@code try bt instr* delegate l} of the spec's appendix. Its body runs like a
 * {@link BlockNode}'s (a branch to {@link #depth} ends it); a {@link WasmException} thrown inside
 * goes to the first {@link CatchClause} whose tag is the exception's (by identity, the instance's
 * tag object) or that catches all; none matching, it propagates, or for {@code delegate} it goes
 * on as a {@link DelegatedThrow} to the handler the builder chose.
 *
 * <p>Shaped for partial evaluation: the body is a plain Java {@code try} and the handlers its
 * {@code catch}, so where nothing is thrown compiled code is the body alone, and a throw in the
 * same compilation unit becomes a jump to the handler. Only {@link WasmException} is caught: traps,
 * host exceptions, stack overflow and the {@link CompiledExit}s of branches pass through. The
 * clauses are an unrolled chain of identity comparisons. A {@code try_table} clause's body is the
 * branch to its label (a {@link BrNode}, so compiled code may leave by a {@link CompiledExit}), a
 * legacy clause's body its handler's code, run in this block's label.
 */
@NodeInfo(shortName = "try")
public final class TryNode extends StmtNode {
    /** {@link #delegateTo} of a try that does not delegate. */
    public static final int NO_DELEGATION = -2;

    @Children private final StmtNode[] body;
    private final int depth;
    @Children private final CatchClause[] clauses;
    /** Where a {@code delegate} sends an exception no clause caught ({@link DelegatedThrow}), or {@link #NO_DELEGATION}. */
    private final int delegateTo;
    /** Whether a {@code delegate} inside sends exceptions to this try's handlers. */
    @CompilationFinal private boolean delegationTarget;

    public TryNode(StmtNode[] body, int depth, CatchClause[] clauses, int delegateTo) {
        this.body = body;
        this.depth = depth;
        this.clauses = clauses;
        this.delegateTo = delegateTo;
    }

    /** Makes this try handle the exceptions a {@code delegate} inside sends to its depth; set while the function is built. */
    public void handleDelegations() {
        this.delegationTarget = true;
    }

    @Override
    public int execute(VirtualFrame frame) {
        int signal;
        try {
            signal = Statements.execute(body, frame);
        } catch (WasmException e) {
            signal = handle(frame, e);
        } catch (DelegatedThrow d) {
            if (!delegationTarget || d.handlerDepth() != depth) {
                throw d;
            }
            signal = handle(frame, d.exception());
        }
        return signal == depth ? FALLTHROUGH : signal;
    }

    @ExplodeLoop
    private int handle(VirtualFrame frame, WasmException e) {
        WasmTag[] tags = CallingConvention.instance(this, frame).tags;
        for (CatchClause clause : clauses) {
            if (clause.tagIndex < 0 || tags[clause.tagIndex] == e.tag()) {
                return clause.execute(frame, e);
            }
        }
        if (delegateTo != NO_DELEGATION) {
            throw new DelegatedThrow(e, delegateTo);
        }
        throw e;
    }

    int depth() {
        return depth;
    }

    /**
     * One handler: its tag ({@code -1}: all exceptions), where the exception's values go (the
     * slots of consecutive stack heights from {@code firstSlot}), where the exception itself goes
     * ({@code catch_ref}, {@code catch_all_ref}, and the slot a legacy handler's {@code rethrow}
     * reads; -1 for none), and what runs then.
     */
    public static final class CatchClause extends Node {
        private final int tagIndex;
        private final int firstSlot;
        @CompilationFinal(dimensions = 1) private final int[] kinds;
        private final int referenceSlot;
        @Children private final StmtNode[] body;

        public CatchClause(int tagIndex, int firstSlot, int[] kinds, int referenceSlot, StmtNode[] body) {
            this.tagIndex = tagIndex;
            this.firstSlot = firstSlot;
            this.kinds = kinds;
            this.referenceSlot = referenceSlot;
            this.body = body;
        }

        @ExplodeLoop
        int execute(VirtualFrame frame, WasmException e) {
            Object[] payload = e.payload();
            for (int i = 0; i < kinds.length; i++) {
                Slots.setBoxed(frame, firstSlot + i, kinds[i], payload[i]);
            }
            if (referenceSlot >= 0) {
                Slots.setRef(frame, referenceSlot, e);
            }
            return Statements.execute(body, frame);
        }
    }

    /** Only groups statements; its own instruction runs no code ({@code StatementTag} is on the statements inside). */
    @Override
    protected boolean isStructural() {
        return true;
    }
}
