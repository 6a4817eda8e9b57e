package dev.twasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.runtime.WasmInstance;

/**
 * The one place that defines how calls pass values ({@code frame.getArguments()}):
 * argument 0 is the callee's context (its {@link WasmInstance}, or the host executable of a host
 * function), arguments 1..n are the Wasm parameter values boxed as Integer, Long, Float, Double or a
 * reference. A function returns its single result boxed, an {@code Object[]} for several, and
 * {@code WasmNull.INSTANCE} for none.
 *
 * <p>Passing the instance as an argument (rather than baking it into nodes) is what lets one
 * module's call targets be shared by all its instances and by all contexts of an engine.
 */
public final class CallingConvention {
    public static final int CONTEXT = 0;
    public static final int FIRST_VALUE = 1;

    private CallingConvention() {
    }

    public static Object[] newArguments(Object context, int valueCount) {
        Object[] args = new Object[FIRST_VALUE + valueCount];
        args[CONTEXT] = context;
        return args;
    }

    /**
     * The instance {@code node}'s code runs against. In compiled code, while the module has a
     * single instance ({@link dev.twasm.runtime.WasmModule#soleInstance}), that instance is a
     * constant: partial evaluation folds the lookup from the constant node through its root to the
     * module, so memory, globals and tables are reached from a constant object rather than through
     * the arguments array. The interpreter, where walking to the root would cost, reads argument 0.
     */
    public static WasmInstance instance(Node node, VirtualFrame frame) {
        if (CompilerDirectives.inCompiledCode() && CompilerDirectives.isPartialEvaluationConstant(node)) {
            WasmInstance sole = ((WasmRootNode) node.getRootNode()).module().soleInstance();
            if (sole != null) {
                return sole;
            }
        }
        return CompilerDirectives.castExact(frame.getArguments()[CONTEXT], WasmInstance.class);
    }

    public static Object value(VirtualFrame frame, int index) {
        return frame.getArguments()[FIRST_VALUE + index];
    }
}
