package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.WasmI31;

/**
 * {@code ref.eq} (Wasm 3.0 GC, spec 3.0 §4.4.2): 1 when two {@code eqref}s are the same reference,
 * both null, the same object, or i31s of the same value ({@link WasmI31#same}: i31s are not
 * interned, so they compare by value after the identity check, which is all that objects need).
 */
@NodeInfo(shortName = "ref.eq")
public final class RefEqNode extends ExprNode {
    @Child private ExprNode first;
    @Child private ExprNode second;

    public RefEqNode(ExprNode first, ExprNode second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        Object a = first.executeRef(frame);
        Object b = second.executeRef(frame);
        return WasmI31.same(a, b) ? 1 : 0;
    }
}
