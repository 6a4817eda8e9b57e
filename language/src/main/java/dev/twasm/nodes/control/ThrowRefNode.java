package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmException;

/**
 * {@code throw_ref} (Wasm 3.0 §4.4.8): throws the exception an {@code exnref} refers to, the same
 * object, so handlers see the tag and values it was first thrown with; a null reference traps
 * ("null exception reference"). The legacy {@code rethrow l} is this node over a read of the slot
 * where the handler of label {@code l} keeps its caught exception, which is never null.
 */
@NodeInfo(shortName = "throw_ref")
public final class ThrowRefNode extends StmtNode {
    @Child private ExprNode reference;
    private final TrapSite nullReference = TrapSite.create(TrapKind.NULL_EXCEPTION_REFERENCE);

    public ThrowRefNode(ExprNode reference) {
        this.reference = reference;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (reference.executeRef(frame) instanceof WasmException exception) {
            throw exception;
        }
        throw nullReference.trap(this);
    }
}
