package dev.twasm.baseline;

import dev.twasm.nodes.AddressOperand;
import dev.twasm.runtime.AtomicAccess;
import dev.twasm.runtime.AtomicOperation;
import dev.twasm.runtime.AtomicWaiters;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;

import java.lang.invoke.VarHandle;

/**
 * What the baseline tier's translation of the atomic instructions calls (threads proposal): the
 * same checks and accesses as the tree tier's {@code AtomicNode} and {@code AtomicStoreNode}
 * ({@link WasmMemory#atomicArray}, {@link AtomicAccess}, {@link AtomicWaiters}), in small static
 * methods that C2 inlines with the width and the operation (its ordinal) as constant arguments.
 * Every operand arrives as a {@code long}: the translation zero-extends the {@code i32} ones
 * (address of a 32-bit memory, values of {@code i32} instructions), and the accesses wrap values
 * to the width, so the extension never shows; {@code i32} results are narrowed after the call.
 */
public final class AtomicSupport {
    private static final AtomicOperation[] OPERATIONS = AtomicOperation.values();

    private AtomicSupport() {
    }

    private static WasmMemory memory(WasmInstance instance, int index) {
        return index == 0 ? instance.memory0 : instance.memories[index];
    }

    public static long load(long address, long offset, WasmInstance instance, int memoryIndex, int width) {
        WasmMemory memory = memory(instance, memoryIndex);
        long ea = AddressOperand.effectiveAddress64(address, offset);
        return AtomicAccess.load(memory.atomicArray(ea, width), memory.atomicIndex(ea), width);
    }

    public static void store(long address, long bits, long offset, WasmInstance instance, int memoryIndex, int width) {
        WasmMemory memory = memory(instance, memoryIndex);
        long ea = AddressOperand.effectiveAddress64(address, offset);
        AtomicAccess.store(memory.atomicArray(ea, width), memory.atomicIndex(ea), width, bits);
    }

    /** A read-modify-write; {@code operation} is the {@link AtomicOperation}'s ordinal. */
    public static long readModifyWrite(long address, long operand, long offset, WasmInstance instance, int memoryIndex, int width, int operation) {
        WasmMemory memory = memory(instance, memoryIndex);
        long ea = AddressOperand.effectiveAddress64(address, offset);
        return AtomicAccess.readModifyWrite(memory.atomicArray(ea, width), memory.atomicIndex(ea), width, OPERATIONS[operation], operand);
    }

    public static long compareExchange(long address, long expected, long replacement, long offset, WasmInstance instance, int memoryIndex, int width) {
        WasmMemory memory = memory(instance, memoryIndex);
        long ea = AddressOperand.effectiveAddress64(address, offset);
        return AtomicAccess.compareExchange(memory.atomicArray(ea, width), memory.atomicIndex(ea), width, expected, replacement);
    }

    /** {@code memory.atomic.wait32/64}; no node: Truffle's safepoint takes a null location. */
    public static int await(long address, long expected, long timeout, long offset, WasmInstance instance, int memoryIndex, int width) {
        return AtomicWaiters.wait(null, memory(instance, memoryIndex), AddressOperand.effectiveAddress64(address, offset), width, expected, timeout);
    }

    public static int notify(long address, long count, long offset, WasmInstance instance, int memoryIndex) {
        return AtomicWaiters.notify(memory(instance, memoryIndex), AddressOperand.effectiveAddress64(address, offset), (int) count);
    }

    public static void fence() {
        VarHandle.fullFence();
    }
}
