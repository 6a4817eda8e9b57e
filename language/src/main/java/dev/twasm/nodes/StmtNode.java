package dev.twasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.InstrumentableNode;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.interop.NodeLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.instrument.Instrumentation;

/**
 * An instruction executed for its effect, as a statement of a block (architecture guide §2).
 *
 * <p>Statements return a branch <em>signal</em> instead of throwing for control flow:
 * {@link #FALLTHROUGH}, or the absolute depth of the block a {@code br}, {@code br_if},
 * {@code br_table} or {@code return} targets (the function body is depth 0). A block stops a signal
 * equal to its own depth and passes others up; a loop treats its own depth as "next iteration".
 * Signals are small constants in partially evaluated code, so the comparisons fold away, and the
 * interpreter pays no exception cost for branches.
 *
 * <p><b>Instrumentation.</b> A statement is an {@link InstrumentableNode} with a generated
 * wrapper: Truffle inserts a wrapper only around the statements an attached instrument asks for,
 * so without one the tree is exactly as built and nothing runs per execution. Each statement the
 * builder emits carries the module offset of its first instruction ({@link #moduleOffset}, -1 for
 * the synthetic statements inside others, such as the branches of a {@code br_if}, which are then
 * not instrumentable); it is the key of its source section, which is created only when Truffle asks
 * ({@link Instrumentation#section}). Tags: {@code StatementTag} for a statement that
 * runs code of its own (not a {@code block} or {@code loop}, which only group statements) and that
 * has a source line; the function body block is {@code RootTag} and {@code RootBodyTag}
 * ({@link WasmRootNode}); calls that are statements ({@code return_call}, a call with several
 * results) {@code CallTag} ({@link #isCall}). Control flow passes wrappers unchanged: a signal is
 * the wrapper's return value, and a compiled exit ({@code CompiledExit}) is a
 * {@code ControlFlowException}, which the probe reports and rethrows. The scope of a suspended
 * statement, the function's locals, comes from {@link NodeLibrary} ({@link Instrumentation#scope}).
 */
@GenerateWrapper
@ExportLibrary(value = NodeLibrary.class)
public abstract class StmtNode extends com.oracle.truffle.api.nodes.Node implements InstrumentableNode {
    /** Signal: continue with the next statement. */
    public static final int FALLTHROUGH = -1;

    /**
     * The module offset of the statement's first instruction, or -1. Set once by the builder
     * before the tree is adopted (a field rather than a constructor argument of every statement
     * class), never written afterwards.
     */
    private int moduleOffset = -1;

    /** Executes the statement; returns {@link #FALLTHROUGH} or the depth of the branch target. */
    public abstract int execute(VirtualFrame frame);

    /** Gives this statement the module offset of its first instruction; for the builder, before adoption. */
    public final StmtNode at(int offset) {
        this.moduleOffset = offset;
        return this;
    }

    /** The module offset of this statement's first instruction, or -1 for a statement inside another. */
    public final int moduleOffset() {
        return moduleOffset;
    }

    /** Whether this statement only groups others ({@code block}, {@code loop}, {@code try}, switch nests): then not a {@code StatementTag}. */
    protected boolean isStructural() {
        return false;
    }

    /** Whether this is the function body, the block at depth 0 ({@code RootTag}, {@code RootBodyTag}). */
    protected boolean isFunctionBody() {
        return false;
    }

    /** Whether this statement performs a call ({@code CallTag}): a call whose node a wrapper cannot replace. */
    protected boolean isCall() {
        return false;
    }

    @Override
    public boolean isInstrumentable() {
        return moduleOffset >= 0;
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        if (tag == StandardTags.RootTag.class || tag == StandardTags.RootBodyTag.class) {
            return isFunctionBody();
        }
        if (tag == StandardTags.StatementTag.class) {
            return !isStructural() && Instrumentation.hasLine(this);
        }
        if (tag == StandardTags.CallTag.class) {
            return isCall();
        }
        return false;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new StmtNodeWrapper(this, probe);
    }

    @Override
    public SourceSection getSourceSection() {
        if (moduleOffset < 0) {
            return null;
        }
        // the function body is the root's statement: its section is the whole function's
        return isFunctionBody() ? Instrumentation.functionSection(this) : Instrumentation.section(this, moduleOffset);
    }

    @ExportMessage
    final boolean hasScope(@SuppressWarnings("unused") Frame frame) {
        return moduleOffset >= 0;
    }

    @ExportMessage
    final Object getScope(Frame frame, @SuppressWarnings("unused") boolean nodeEnter) {
        return Instrumentation.scope(this, moduleOffset, frame);
    }
}
