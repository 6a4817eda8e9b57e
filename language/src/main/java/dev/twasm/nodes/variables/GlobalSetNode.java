package dev.twasm.nodes.variables;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.ValueKind;
import dev.twasm.runtime.WasmGlobal;

/** {@code global.set} (spec §4.4.5) on a mutable global cell of the current instance. */
@NodeInfo(shortName = "global.set")
public final class GlobalSetNode extends StmtNode {
    private final int index;
    private final int kind;
    @Child private ExprNode value;

    public GlobalSetNode(int index, int kind, ExprNode value) {
        this.index = index;
        this.kind = kind;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        switch (kind) {
            case ValueKind.I32 -> {
                int v = value.executeI32(frame);
                global(frame).setI32(v);
            }
            case ValueKind.I64 -> {
                long v = value.executeI64(frame);
                global(frame).setI64(v);
            }
            case ValueKind.F32 -> {
                float v = value.executeF32(frame);
                global(frame).setF32(v);
            }
            case ValueKind.F64 -> {
                double v = value.executeF64(frame);
                global(frame).setF64(v);
            }
            case ValueKind.V128 -> {
                Object v = value.executeV128(frame);
                global(frame).setRef(v);
            }
            default -> {
                Object v = value.executeRef(frame);
                global(frame).setRef(v);
            }
        }
        return FALLTHROUGH;
    }

    private WasmGlobal global(VirtualFrame frame) {
        return CallingConvention.instance(this, frame).globals[index];
    }
}
