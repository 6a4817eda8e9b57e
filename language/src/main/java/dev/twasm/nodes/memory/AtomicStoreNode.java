package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.runtime.AtomicAccess;
import dev.twasm.runtime.WasmMemory;

import java.lang.invoke.VarHandle;

/**
 * The atomic instructions without a result (threads proposal): {@code t.atomic.store*}, a
 * sequentially consistent store after the checks of {@link AtomicNode}, and {@code atomic.fence}
 * ({@code address} null), a full fence ({@link VarHandle#fullFence}), which orders the plain
 * accesses around it as the proposal's fence does. Width and kind are final fields, so partial
 * evaluation keeps one path.
 */
@NodeInfo(shortName = "atomic.store")
public final class AtomicStoreNode extends StmtNode {
    private final Opcode op;
    private final int width;
    private final long offset;
    private final int memoryIndex;
    private final boolean is64;
    /** Whether the stored value is an {@code i64}. */
    private final boolean wideValue;
    @Child private ExprNode address;
    @Child private ExprNode value;

    /** {@code t.atomic.store*} of {@code value} at {@code address}, or with both null, {@code atomic.fence}. */
    public AtomicStoreNode(Opcode op, long offset, int memoryIndex, boolean is64, ExprNode address, ExprNode value) {
        this.op = op;
        this.width = 1 << op.naturalAlignmentLog2();
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.wideValue = value != null && op.params()[1] == ValType.I64;
        this.address = address;
        this.value = value;
    }

    @Override
    public int execute(VirtualFrame frame) {
        if (address == null) {
            VarHandle.fullFence();
            return FALLTHROUGH;
        }
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        long bits = wideValue ? value.executeI64(frame) : value.executeI32(frame);
        WasmMemory memory = MemoryNodes.memory(this, frame, memoryIndex);
        AtomicAccess.store(memory.atomicArray(ea, width), memory.atomicIndex(ea), width, bits);
        return FALLTHROUGH;
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
