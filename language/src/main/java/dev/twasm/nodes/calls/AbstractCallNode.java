package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;

/**
 * Common part of the call instructions: evaluating the arguments in order into an argument array
 * laid out by {@link CallingConvention}, and unboxing a single result for the typed execute
 * methods. {@link #executeRaw} gives the callee's raw result ({@code Object[]} for several
 * results), for the builder's multi-result statement.
 */
public abstract class AbstractCallNode extends ExprNode {
    @Children private final ExprNode[] arguments;
    @CompilationFinal(dimensions = 1) private final int[] argumentKinds;

    protected AbstractCallNode(ExprNode[] arguments, int[] argumentKinds) {
        this.arguments = arguments;
        this.argumentKinds = argumentKinds;
    }

    /** Evaluates the arguments left to right; the context slot is left for the subclass to fill. */
    @ExplodeLoop
    protected final Object[] evaluateArguments(VirtualFrame frame) {
        Object[] args = CallingConvention.newArguments(null, arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            args[CallingConvention.FIRST_VALUE + i] = arguments[i].executeBoxed(frame, argumentKinds[i]);
        }
        return args;
    }

    /** Performs the call and returns the callee's result as the calling convention boxes it. */
    public abstract Object executeRaw(VirtualFrame frame);

    @Override
    public final int executeI32(VirtualFrame frame) {
        return (Integer) executeRaw(frame);
    }

    @Override
    public final long executeI64(VirtualFrame frame) {
        return (Long) executeRaw(frame);
    }

    @Override
    public final float executeF32(VirtualFrame frame) {
        return (Float) executeRaw(frame);
    }

    @Override
    public final double executeF64(VirtualFrame frame) {
        return (Double) executeRaw(frame);
    }

    @Override
    public final Object executeRef(VirtualFrame frame) {
        return executeRaw(frame);
    }

    @Override
    public final Object executeV128(VirtualFrame frame) {
        return executeRaw(frame);
    }
}
