package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;

/**
 * {@code array.fill x} (spec 3.0 §4.4.2): stores the value at elements {@code [offset, offset +
 * length)}, trapping "null array reference", or "out of bounds array access" before writing
 * anything. {@code Arrays.fill} of the kind's Java array ({@link ArrayElements#fill}, the kind a
 * final field); the value travels boxed, once per instruction.
 */
@NodeInfo(shortName = "array.fill")
public final class ArrayFillNode extends StmtNode {
    @Child private ExprNode array;
    @Child private ExprNode offset;
    @Child private ExprNode value;
    @Child private ExprNode length;
    private final int kind;
    private final int valueKind;
    private final TrapSite nullReference = ArrayNodes.nullSite();
    private final TrapSite outOfBounds = ArrayNodes.boundsSite();

    public ArrayFillNode(int kind, int valueKind, ExprNode array, ExprNode offset, ExprNode value, ExprNode length) {
        this.kind = kind;
        this.valueKind = valueKind;
        this.array = array;
        this.offset = offset;
        this.value = value;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object reference = array.executeRef(frame);
        int d = offset.executeI32(frame);
        Object v = value.executeBoxed(frame, valueKind);
        int n = length.executeI32(frame);
        WasmArray a = ArrayNodes.nonNull(reference, nullReference, this);
        ArrayNodes.checkRange(a, d, n, outOfBounds, this);
        ArrayElements.fill(a.elements(), kind, d, d + n, v);
        return FALLTHROUGH;
    }
}
