package dev.twasm.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.runtime.WasmTable;

/** Shared helpers of the table instruction nodes. */
final class TableNodes {
    private TableNodes() {
    }

    static WasmTable table(VirtualFrame frame, int tableIndex) {
        return CallingConvention.instance(frame).tables[tableIndex];
    }

    static boolean inBounds(int start, int length, int size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(length) <= size;
    }
}
