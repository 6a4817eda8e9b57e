package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.nodes.CallingConvention;
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
}
