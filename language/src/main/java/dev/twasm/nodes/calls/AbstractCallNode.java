package dev.twasm.nodes.calls;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.interop.NodeLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.instrument.Instrumentation;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.TailCall;

/**
 * Common part of the call instructions: evaluating the arguments in order into an argument array
 * laid out by {@link CallingConvention}, and unboxing a single result for the typed execute
 * methods. {@link #executeRaw} gives the callee's raw result ({@code Object[]} for several
 * results), for the builder's multi-result statement.
 *
 * <p><b>Tail calls.</b> A callee that executed {@code return_call} returns a {@link TailCall} in
 * place of its results; {@link #executeRaw} then makes that call (and the ones it leads to) from
 * this call site, through a {@link TailCallNode} created on the first tail call the site sees, so
 * the results every subclass's {@link #call} returns reach the caller resolved. In compiled code,
 * a callee inlined into the caller returns its boxed results, whose type is exact, and the
 * {@code instanceof} folds away; a call that is not inlined pays one type check. The same
 * subclass, with its callee resolved the same way, is the callee of {@code return_call} and
 * {@code return_call_indirect} ({@link #tailCall}, used by {@link ReturnCallNode}).
 *
 * <p><b>Instrumentation.</b> A call that is an operand or a dropped statement carries the
 * {@code CallTag} itself ({@link ExprNode} explains why expressions have a wrapper), with the
 * module offset of its {@code call} instruction ({@link #at}). A call held by a
 * {@link MultiResultNode} or {@link ReturnCallNode} sits in a field of this class's type, which
 * a wrapper (an {@code ExprNode}) cannot fill: it keeps offset -1, is not instrumentable, and its
 * statement has the tag instead.
 */
@ExportLibrary(value = NodeLibrary.class)
public abstract class AbstractCallNode extends ExprNode {
    /** The module offset of the call instruction, or -1 (see the class comment); set once by the builder before adoption. */
    private int moduleOffset = -1;
    @Children private final ExprNode[] arguments;
    @CompilationFinal(dimensions = 1) private final int[] argumentKinds;
    /** Makes the tail calls callees return; null until this site has seen one. */
    @Child private TailCallNode tailCalls;

    protected AbstractCallNode(ExprNode[] arguments, int[] argumentKinds) {
        this.arguments = arguments;
        this.argumentKinds = argumentKinds;
    }

    /** Makes this call instrumentable with the offset of its instruction; for the builder, before adoption. */
    public final AbstractCallNode at(int offset) {
        this.moduleOffset = offset;
        return this;
    }

    @Override
    public final boolean isInstrumentable() {
        return moduleOffset >= 0;
    }

    @Override
    public final boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.CallTag.class;
    }

    @Override
    public final SourceSection getSourceSection() {
        return moduleOffset < 0 ? null : Instrumentation.section(this, moduleOffset);
    }

    /** The scope of a frame suspended at this call (a caller's frame in the debugger): the function's locals. */
    @ExportMessage
    final Object getScope(Frame frame, @SuppressWarnings("unused") boolean nodeEnter) {
        return Instrumentation.scope(this, moduleOffset, frame);
    }

    @ExportMessage
    final boolean hasScope(@SuppressWarnings("unused") Frame frame) {
        return isInstrumentable();
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

    /** Performs the call; the callee's result as the calling convention boxes it, or a pending {@link TailCall}. */
    protected abstract Object call(VirtualFrame frame);

    /**
     * For {@code return_call} and {@code return_call_indirect}: evaluates the arguments and finds
     * the callee as {@link #call} does (trapping as it does), but returns the call to be made by
     * the caller's call site instead of making it.
     */
    public abstract TailCall tailCall(VirtualFrame frame);

    /** Performs the call and returns the callee's result as the calling convention boxes it, tail calls made. */
    public final Object executeRaw(VirtualFrame frame) {
        Object result = call(frame);
        if (result instanceof TailCall t) {
            return makeTailCalls(t);
        }
        return result;
    }

    private Object makeTailCalls(TailCall t) {
        TailCallNode node = tailCalls;
        if (node == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            node = insert(new TailCallNode());
            tailCalls = node;
        }
        return node.execute(t);
    }

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
