package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmNull;

/**
 * {@code ref.as_non_null} (Wasm 3.0 typed function references, spec 3.0 §4.4.2): the reference
 * itself, or the trap "null reference". The null reference is a singleton, so the check is a
 * pointer compare whose trap path stays out of compiled code until it is taken ({@link TrapSite}).
 */
@NodeInfo(shortName = "ref.as_non_null")
public final class RefAsNonNullNode extends ExprNode {
    @Child private ExprNode reference;
    private final TrapSite nullReference = TrapSite.create(TrapKind.NULL_REFERENCE);

    public RefAsNonNullNode(ExprNode reference) {
        this.reference = reference;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        Object value = reference.executeRef(frame);
        if (value == WasmNull.INSTANCE) {
            throw nullReference.trap(this);
        }
        return value;
    }
}
