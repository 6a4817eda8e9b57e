package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.WasmI31;

/**
 * {@code ref.i31} (Wasm 3.0 GC, spec 3.0 §4.4.2): the i32 operand's low 31 bits as an
 * {@code (ref i31)}. An allocation of a one-field immutable object, which partial escape analysis
 * removes in compiled code when the reference does not escape.
 */
@NodeInfo(shortName = "ref.i31")
public final class RefI31Node extends ExprNode {
    @Child private ExprNode value;

    public RefI31Node(ExprNode value) {
        this.value = value;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return WasmI31.of(value.executeI32(frame));
    }
}
