package dev.twasm.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.TypeRegistry;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmInstance;

/**
 * {@code call_indirect} (spec §4.4.8): evaluates the arguments, then the table index; traps on an
 * index outside the table ("undefined element"), a null entry ("uninitialized element") or a
 * signature that does not match the expected one ("indirect call type mismatch"). The signature check
 * compares canonical type ids, one int compare for the common exact match; only when they differ
 * does the registry walk the callee type's declared supertypes (spec 3.0: the callee's type must be
 * a subtype), behind a boundary, off the compiled fast path. The call then goes through the polymorphic inline
 * cache of {@link FunctionDispatchNode}. The callee of {@code return_call_indirect} is found, and
 * traps, the same way ({@link #tailCall}).
 */
@NodeInfo(shortName = "call_indirect")
public final class CallIndirectNode extends DynamicCallNode {
    private final int tableIndex;
    private final int expectedTypeId;
    @Child private ExprNode elementIndex;
    private final TrapSite undefined = TrapSite.create(TrapKind.UNDEFINED_ELEMENT);
    private final TrapSite uninitialized = TrapSite.create(TrapKind.UNINITIALIZED_ELEMENT);
    private final TrapSite typeMismatch = TrapSite.create(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);

    public CallIndirectNode(int tableIndex, int expectedTypeId, ExprNode[] arguments, int[] argumentKinds, ExprNode elementIndex) {
        super(arguments, argumentKinds);
        this.tableIndex = tableIndex;
        this.expectedTypeId = expectedTypeId;
        this.elementIndex = elementIndex;
    }

    /** Evaluates the element index and finds the callee in the table, trapping as the spec says. */
    @Override
    protected WasmFunction callee(VirtualFrame frame) {
        int i = elementIndex.executeI32(frame);
        WasmInstance instance = CallingConvention.instance(this, frame);
        Object[] elements = instance.tables[tableIndex].elements;
        if (Integer.compareUnsigned(i, elements.length) >= 0) {
            throw undefined.trapForElement(Integer.toUnsignedLong(i), this);
        }
        if (!(elements[i] instanceof WasmFunction function)) {
            throw uninitialized.trapForElement(i, this);
        }
        if (!TypeRegistry.matches(function.typeId(), expectedTypeId, instance.module())) {
            throw typeMismatch.trap(this);
        }
        return function;
    }
}
