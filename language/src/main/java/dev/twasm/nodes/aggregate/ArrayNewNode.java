package dev.twasm.nodes.aggregate;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;

import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.nodes.ExprNode;

/**
 * {@code array.new x}, {@code array.new_default x} and {@code array.new_fixed x n} (spec 3.0
 * §4.4.2): a new array of type {@code x}, of {@code length} copies of a value, of default
 * elements, or of the {@code n} operand values. The defined type, the element kind and the value
 * kind are final fields, so partial evaluation allocates the one Java array type directly and,
 * for {@code array.new_fixed}, unrolls the stores; values travel boxed
 * ({@link ExprNode#executeBoxed}), boxes that escape analysis removes.
 */
@NodeInfo(shortName = "array.new")
public final class ArrayNewNode extends ExprNode {
    /** {@code array.new}: the value (null for the other two forms). */
    @Child private ExprNode value;
    /** {@code array.new} and {@code array.new_default}: the length (null for {@code array.new_fixed}). */
    @Child private ExprNode length;
    /** {@code array.new_fixed}: the element values (null for the other two forms). */
    @Children private final ExprNode[] values;
    private final DefinedType type;
    private final int kind;
    private final int valueKind;

    private ArrayNewNode(DefinedType type, int valueKind, ExprNode value, ExprNode length, ExprNode[] values) {
        this.type = type;
        this.kind = ArrayElements.code(type.element());
        this.valueKind = valueKind;
        this.value = value;
        this.length = length;
        this.values = values;
    }

    /** {@code array.new}: {@code value} (of {@code valueKind}) repeated {@code length} times. */
    public static ArrayNewNode repeated(DefinedType type, int valueKind, ExprNode value, ExprNode length) {
        return new ArrayNewNode(type, valueKind, value, length, null);
    }

    /** {@code array.new_default}. */
    public static ArrayNewNode defaults(DefinedType type, ExprNode length) {
        return new ArrayNewNode(type, 0, null, length, null);
    }

    /** {@code array.new_fixed}: the {@code values}, each of {@code valueKind}. */
    public static ArrayNewNode fixed(DefinedType type, int valueKind, ExprNode[] values) {
        return new ArrayNewNode(type, valueKind, null, null, values);
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        if (values != null) {
            return fixed(frame);
        }
        if (value != null) {
            Object v = value.executeBoxed(frame, valueKind);
            return Allocations.array(WasmLanguage.get(this).allocationReporter(), type, length.executeI32(frame), v);
        }
        return Allocations.array(WasmLanguage.get(this).allocationReporter(), type, length.executeI32(frame));
    }

    @ExplodeLoop
    private WasmArray fixed(VirtualFrame frame) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i].executeBoxed(frame, valueKind);
        }
        WasmArray array = Allocations.array(WasmLanguage.get(this).allocationReporter(), type, values.length);
        Object elements = array.elements();
        for (int i = 0; i < values.length; i++) {
            ArrayElements.setBoxed(elements, kind, i, boxed[i]);
        }
        return array;
    }
}
