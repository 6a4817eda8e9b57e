package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;

/**
 * {@code array.get x}, {@code array.get_s x} and {@code array.get_u x} (spec 3.0 §4.4.2): element
 * {@code index} of the array, a packed one sign- or zero-extended, or the traps "null array
 * reference" and "out of bounds array access". The element kind and the signedness are final
 * fields: compiled, it is a class check, a bounds check and one load of the one Java array type.
 */
@NodeInfo(shortName = "array.get")
public final class ArrayGetNode extends ExprNode {
    @Child private ExprNode array;
    @Child private ExprNode index;
    private final int kind;
    private final boolean signed;
    private final TrapSite nullReference = ArrayNodes.nullSite();
    private final TrapSite outOfBounds = ArrayNodes.boundsSite();

    public ArrayGetNode(int kind, boolean signed, ExprNode array, ExprNode index) {
        this.kind = kind;
        this.signed = signed;
        this.array = array;
        this.index = index;
    }

    /** The array after the checks for index {@code i}. */
    private WasmArray checked(Object reference, int i) {
        WasmArray a = ArrayNodes.nonNull(reference, nullReference, this);
        ArrayNodes.checkIndex(a, i, outOfBounds, this);
        return a;
    }

    /** {@code i8}, {@code i16} and {@code i32} elements, unboxed all the way. */
    @Override
    public int executeI32(VirtualFrame frame) {
        Object reference = array.executeRef(frame);
        int i = index.executeI32(frame);
        return ArrayElements.getI32(checked(reference, i).elements(), kind, i, signed);
    }

    /** The other kinds: boxed by {@link ArrayElements#getBoxed}, whose switch folds and whose box escape analysis removes. */
    private Object element(VirtualFrame frame) {
        Object reference = array.executeRef(frame);
        int i = index.executeI32(frame);
        return ArrayElements.getBoxed(checked(reference, i).elements(), kind, i);
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return (Long) element(frame);
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return (Float) element(frame);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return (Double) element(frame);
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return element(frame);
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        return element(frame);
    }
}
