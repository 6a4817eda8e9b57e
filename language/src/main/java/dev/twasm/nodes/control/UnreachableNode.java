package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;

/** {@code unreachable} (spec §4.4.8): traps unconditionally. */
@NodeInfo(shortName = "unreachable")
public final class UnreachableNode extends StmtNode {
    private final TrapSite trap = TrapSite.create(TrapKind.UNREACHABLE);

    @Override
    public int execute(VirtualFrame frame) {
        throw trap.trap(this);
    }
}
