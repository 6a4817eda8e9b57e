package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmInstance;

/**
 * {@code array.init_data x d} and {@code array.init_elem x e} (spec 3.0 §4.4.2): overwrites
 * elements {@code [offset, offset + length)} of the array with elements of a data or element
 * segment from {@code segmentOffset} ({@link ArraySegments}), trapping, in the spec's order,
 * "null array reference", "out of bounds array access" for the array's range, then "out of
 * bounds memory access" (data) or "out of bounds table access" (elements) for the segment's,
 * before writing anything. Whether it reads data, the segment and the element kind are final fields.
 */
@NodeInfo(shortName = "array.init_data")
public final class ArrayInitNode extends StmtNode {
    @Child private ExprNode array;
    @Child private ExprNode offset;
    @Child private ExprNode segmentOffset;
    @Child private ExprNode length;
    private final int kind;
    private final boolean data;
    private final int segmentIndex;
    private final TrapSite nullReference = ArrayNodes.nullSite();
    private final TrapSite outOfBounds = ArrayNodes.boundsSite();
    private final TrapSite outOfSegment;

    public ArrayInitNode(int kind, boolean data, int segmentIndex, ExprNode array, ExprNode offset, ExprNode segmentOffset, ExprNode length) {
        this.kind = kind;
        this.data = data;
        this.segmentIndex = segmentIndex;
        this.array = array;
        this.offset = offset;
        this.segmentOffset = segmentOffset;
        this.length = length;
        this.outOfSegment = TrapSite.create(ArraySegments.outOfBounds(data));
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object reference = array.executeRef(frame);
        int d = offset.executeI32(frame);
        int s = segmentOffset.executeI32(frame);
        int n = length.executeI32(frame);
        WasmArray a = ArrayNodes.nonNull(reference, nullReference, this);
        ArrayNodes.checkRange(a, d, n, outOfBounds, this);
        WasmInstance instance = CallingConvention.instance(this, frame);
        if (!ArraySegments.fits(instance, data, segmentIndex, kind, s, n)) {
            throw outOfSegment.trap(this);
        }
        ArraySegments.copy(instance, data, segmentIndex, kind, s, a.elements(), d, n);
        return FALLTHROUGH;
    }
}
