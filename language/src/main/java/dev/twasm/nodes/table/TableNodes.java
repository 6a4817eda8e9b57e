package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.runtime.WasmTable;

/** Shared helpers of the table instruction nodes. */
final class TableNodes {
    private TableNodes() {
    }

    static WasmTable table(Node node, VirtualFrame frame, int tableIndex) {
        return CallingConvention.instance(node, frame).tables[tableIndex];
    }
}
