package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.runtime.WasmException;

/**
 * {@code throw x} (Wasm 3.0 §4.4.8 exception handling): evaluates the tag's values left to right,
 * boxes them, and throws a new {@link WasmException} of this instance's tag {@code x}. The tag is
 * read from the instance (the node is shared by all instances of the module); the payload loop is
 * unrolled, so in compiled code the exception is allocated with its values in place, and a
 * handler of the same compilation unit gets them without a detour through the heap once escape
 * analysis has seen both ends.
 */
@NodeInfo(shortName = "throw")
public final class ThrowNode extends StmtNode {
    private final int tagIndex;
    @Children private final ExprNode[] values;
    @CompilationFinal(dimensions = 1) private final int[] kinds;

    public ThrowNode(int tagIndex, ExprNode[] values, int[] kinds) {
        this.tagIndex = tagIndex;
        this.values = values;
        this.kinds = kinds;
    }

    @Override
    @ExplodeLoop
    public int execute(VirtualFrame frame) {
        Object[] payload = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            payload[i] = values[i].executeBoxed(frame, kinds[i]);
        }
        throw new WasmException(CallingConvention.instance(this, frame).tags[tagIndex], payload, this);
    }
}
