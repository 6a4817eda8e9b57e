package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmI31;

/**
 * {@code i31.get_s} and {@code i31.get_u} (Wasm 3.0 GC, spec 3.0 §4.4.2): the 31 bits of an
 * {@code i31ref} sign- or zero-extended, or the trap "null i31 reference". Validation guarantees
 * the operand is null or a {@link WasmI31}, so the cast is exact; the null trap stays out of
 * compiled code until taken ({@link TrapSite}). The signedness is a final field, constant in
 * compiled code.
 */
@NodeInfo(shortName = "i31.get")
public final class I31GetNode extends ExprNode {
    @Child private ExprNode reference;
    private final boolean signed;
    private final TrapSite nullReference = TrapSite.create(TrapKind.NULL_I31_REFERENCE);

    public I31GetNode(ExprNode reference, boolean signed) {
        this.reference = reference;
        this.signed = signed;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        Object value = reference.executeRef(frame);
        if (!(value instanceof WasmI31 i31)) {
            throw nullReference.trap(this);
        }
        return signed ? i31.signed() : i31.unsigned();
    }
}
