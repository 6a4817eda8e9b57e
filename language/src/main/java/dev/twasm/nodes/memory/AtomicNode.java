package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.runtime.AtomicAccess;
import dev.twasm.runtime.AtomicOperation;
import dev.twasm.runtime.AtomicWaiters;
import dev.twasm.runtime.WasmMemory;

/**
 * Every atomic instruction with a result (threads proposal): {@code t.atomic.load*},
 * {@code t.atomic.rmw*} (add, sub, and, or, xor, xchg, cmpxchg) and
 * {@code memory.atomic.wait32/64}, {@code memory.atomic.notify}. One node class keyed by the
 * instruction's {@link AtomicOperation} and width, final fields, so partial evaluation keeps one
 * accessor of {@link AtomicAccess} (a volatile access or a locked read-modify-write of the array)
 * and drops the rest. The operands are evaluated in stack order (address, then the value or
 * expected value, then the replacement or timeout) before the access.
 *
 * <p>The access goes through {@link WasmMemory#atomicArray} on every memory, 32-bit unshared ones
 * included: bounds first, then alignment ("unaligned atomic"), then the array of the address (the
 * low array or a chunk; an aligned access never straddles). Plain loads and stores keep their own
 * nodes, so none of this touches them. Results are zero-extended to the width and then to the
 * instruction's type. Waiting and notifying are behind boundaries ({@link AtomicWaiters}).
 */
@NodeInfo(shortName = "atomic")
public final class AtomicNode extends ExprNode {
    private final Opcode op;
    private final AtomicOperation operation;
    private final int width;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64}. */
    private final boolean is64;
    /** Whether the second operand is an {@code i64} (else an {@code i32}, zero-extended). */
    private final boolean wideFirst;
    /** Whether the third operand (a {@code cmpxchg}'s replacement, a wait's timeout) is an {@code i64}. */
    private final boolean wideSecond;
    @Child private ExprNode address;
    @Child private ExprNode first;
    /** The replacement of a {@code cmpxchg}, the timeout of a wait; null otherwise. */
    @Child private ExprNode second;

    public AtomicNode(Opcode op, long offset, int memoryIndex, boolean is64, ExprNode address, ExprNode first, ExprNode second) {
        this.op = op;
        this.operation = AtomicOperation.of(op);
        this.width = 1 << op.naturalAlignmentLog2();
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.wideFirst = op.params().length > 1 && op.params()[1] == ValType.I64;
        this.wideSecond = op.params().length > 2 && op.params()[2] == ValType.I64;
        this.address = address;
        this.first = first;
        this.second = second;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) execute(frame);
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return execute(frame);
    }

    private long execute(VirtualFrame frame) {
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        long a = first == null ? 0 : wideFirst ? first.executeI64(frame) : Integer.toUnsignedLong(first.executeI32(frame));
        long b = second == null ? 0 : wideSecond ? second.executeI64(frame) : second.executeI32(frame);
        WasmMemory memory = MemoryNodes.memory(this, frame, memoryIndex);
        switch (operation) {
            case WAIT:
                return AtomicWaiters.wait(this, memory, ea, width, a, b);
            case NOTIFY:
                return AtomicWaiters.notify(memory, ea, (int) a);
            default:
                break;
        }
        byte[] array = memory.atomicArray(ea, width);
        long index = memory.atomicIndex(ea);
        return switch (operation) {
            case LOAD -> AtomicAccess.load(array, index, width);
            case CMPXCHG -> AtomicAccess.compareExchange(array, index, width, a, b);
            default -> AtomicAccess.readModifyWrite(array, index, width, operation, a);
        };
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
