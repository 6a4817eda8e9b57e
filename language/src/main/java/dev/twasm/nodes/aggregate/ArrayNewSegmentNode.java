package dev.twasm.nodes.aggregate;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmInstance;

/**
 * {@code array.new_data x d} and {@code array.new_elem x e} (spec 3.0 §4.4.2): a new array of
 * type {@code x} with {@code length} elements taken from the instance's data segment (decoded
 * little-endian, the offset in bytes) or element segment (the offset in elements), trapping
 * before allocating when the range is past the segment's end ({@link ArraySegments}). Whether
 * it reads data, the segment index and the element kind are final fields.
 */
@NodeInfo(shortName = "array.new_data")
public final class ArrayNewSegmentNode extends ExprNode {
    @Child private ExprNode offset;
    @Child private ExprNode length;
    private final DefinedType type;
    private final int kind;
    private final boolean data;
    private final int segmentIndex;
    private final TrapSite outOfBounds;

    public ArrayNewSegmentNode(DefinedType type, boolean data, int segmentIndex, ExprNode offset, ExprNode length) {
        this.type = type;
        this.kind = ArrayElements.code(type.element());
        this.data = data;
        this.segmentIndex = segmentIndex;
        this.offset = offset;
        this.length = length;
        this.outOfBounds = TrapSite.create(ArraySegments.outOfBounds(data));
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        int s = offset.executeI32(frame);
        int n = length.executeI32(frame);
        WasmInstance instance = CallingConvention.instance(this, frame);
        if (!ArraySegments.fits(instance, data, segmentIndex, kind, s, n)) {
            throw outOfBounds.trap(this);
        }
        WasmArray array = Allocations.array(WasmLanguage.get(this).allocationReporter(), type, n);
        ArraySegments.copy(instance, data, segmentIndex, kind, s, array.elements(), 0, n);
        return array;
    }
}
