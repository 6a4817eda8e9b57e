package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;

/** Shared helpers of the memory instruction nodes. */
final class MemoryNodes {
    private MemoryNodes() {
    }

    /**
     * The memory an instruction addresses. Memory 0 comes from a dedicated instance field; the
     * index is a constant of the node, so the choice folds in compiled code.
     */
    static WasmMemory memory(Node node, VirtualFrame frame, int memoryIndex) {
        WasmInstance instance = CallingConvention.instance(node, frame);
        return memoryIndex == 0 ? instance.memory0 : instance.memories[memoryIndex];
    }

    /**
     * The bytes of the memory an instruction addresses, after checking that
     * {@code [ea, ea + width)} lies within them (the same test the little-endian accessors repeat,
     * so compiled code keeps one compare); traps through {@code outOfBounds} otherwise.
     */
    static byte[] checkedBytes(Node node, VirtualFrame frame, int memoryIndex, long ea, int width, TrapSite outOfBounds) {
        byte[] bytes = memory(node, frame, memoryIndex).buffer;
        if (!ByteArraySupport.littleEndian().inBounds(bytes, ea, width)) {
            throw outOfBounds.trap(node);
        }
        return bytes;
    }
}
