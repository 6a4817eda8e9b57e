package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;

/**
 * {@code array.set x} (spec 3.0 §4.4.2): stores the value at element {@code index} (a packed
 * element keeps the low bits), after evaluating all three operands, or traps "null array
 * reference" or "out of bounds array access". The element kind and the value's kind are final
 * fields; {@code i8}/{@code i16}/{@code i32} values stay unboxed, others travel boxed through
 * {@link ArrayElements#setBoxed}, whose switch folds and whose box escape analysis removes.
 */
@NodeInfo(shortName = "array.set")
public final class ArraySetNode extends StmtNode {
    @Child private ExprNode array;
    @Child private ExprNode index;
    @Child private ExprNode value;
    private final int kind;
    private final int valueKind;
    private final TrapSite nullReference = ArrayNodes.nullSite();
    private final TrapSite outOfBounds = ArrayNodes.boundsSite();

    public ArraySetNode(int kind, int valueKind, ExprNode array, ExprNode index, ExprNode value) {
        this.kind = kind;
        this.valueKind = valueKind;
        this.array = array;
        this.index = index;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object reference = array.executeRef(frame);
        int i = index.executeI32(frame);
        if (kind <= ArrayElements.I32) {
            int v = value.executeI32(frame);
            ArrayElements.setI32(checked(reference, i).elements(), kind, i, v);
        } else {
            Object v = value.executeBoxed(frame, valueKind);
            ArrayElements.setBoxed(checked(reference, i).elements(), kind, i, v);
        }
        return FALLTHROUGH;
    }

    private WasmArray checked(Object reference, int i) {
        WasmArray a = ArrayNodes.nonNull(reference, nullReference, this);
        ArrayNodes.checkIndex(a, i, outOfBounds, this);
        return a;
    }
}
