package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.nodes.StmtNode;

/** {@code unreachable} (spec §4.4.8): traps unconditionally. */
@NodeInfo(shortName = "unreachable")
public final class UnreachableNode extends StmtNode {
    @Override
    public int execute(VirtualFrame frame) {
        CompilerDirectives.transferToInterpreter();
        throw WasmTrap.create(TrapKind.UNREACHABLE, this);
    }
}
