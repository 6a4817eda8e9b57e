package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;

/**
 * {@code array.copy x y} (spec 3.0 §4.4.2): copies {@code length} elements from the source array
 * at {@code sourceOffset} to the destination at {@code destinationOffset}, as if through a
 * temporary (overlapping ranges of one array included), trapping "null array reference" for
 * either array, or "out of bounds array access" before writing anything. Validation made the
 * element types match, so both arrays have the same Java array type and the copy is one
 * {@code System.arraycopy}, which has exactly these overlap semantics.
 */
@NodeInfo(shortName = "array.copy")
public final class ArrayCopyNode extends StmtNode {
    @Child private ExprNode destination;
    @Child private ExprNode destinationOffset;
    @Child private ExprNode source;
    @Child private ExprNode sourceOffset;
    @Child private ExprNode length;
    private final TrapSite nullReference = ArrayNodes.nullSite();
    private final TrapSite outOfBounds = ArrayNodes.boundsSite();

    public ArrayCopyNode(ExprNode destination, ExprNode destinationOffset, ExprNode source, ExprNode sourceOffset, ExprNode length) {
        this.destination = destination;
        this.destinationOffset = destinationOffset;
        this.source = source;
        this.sourceOffset = sourceOffset;
        this.length = length;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object to = destination.executeRef(frame);
        int d = destinationOffset.executeI32(frame);
        Object from = source.executeRef(frame);
        int s = sourceOffset.executeI32(frame);
        int n = length.executeI32(frame);
        WasmArray target = ArrayNodes.nonNull(to, nullReference, this);
        WasmArray origin = ArrayNodes.nonNull(from, nullReference, this);
        ArrayNodes.checkRange(target, d, n, outOfBounds, this);
        ArrayNodes.checkRange(origin, s, n, outOfBounds, this);
        System.arraycopy(origin.elements(), s, target.elements(), d, n);
        return FALLTHROUGH;
    }
}
