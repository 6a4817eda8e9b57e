package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.StmtNode;

/**
 * A call with several results (spec §2.3.6 multi-value): performs the call and stores the results
 * in the slots of the operand-stack heights they occupy, from where the builder reads them.
 */
@NodeInfo(shortName = "call")
public final class MultiResultNode extends StmtNode {
    @Child private AbstractCallNode call;
    private final int firstSlot;
    @CompilationFinal(dimensions = 1) private final int[] kinds;

    public MultiResultNode(AbstractCallNode call, int firstSlot, int[] kinds) {
        this.call = call;
        this.firstSlot = firstSlot;
        this.kinds = kinds;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        Object[] results = (Object[]) call.executeRaw(frame);
        for (int i = 0; i < kinds.length; i++) {
            Slots.setBoxed(frame, firstSlot + i, kinds[i], results[i]);
        }
        return FALLTHROUGH;
    }

    /** The call inside is in a field a wrapper cannot fill, so this statement carries the {@code CallTag}. */
    @Override
    protected boolean isCall() {
        return true;
    }
}
