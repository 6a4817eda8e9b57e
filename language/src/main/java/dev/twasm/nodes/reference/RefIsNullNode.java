package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.WasmNull;

/** {@code ref.is_null} (spec §4.4.2): the null reference is a singleton, so this is a pointer compare. */
@NodeInfo(shortName = "ref.is_null")
public final class RefIsNullNode extends ExprNode {
    @Child private ExprNode reference;

    public RefIsNullNode(ExprNode reference) {
        this.reference = reference;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return reference.executeRef(frame) == WasmNull.INSTANCE ? 1 : 0;
    }
}
