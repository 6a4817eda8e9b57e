package dev.twasm.nodes.table;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.runtime.WasmTable;

/** Shared helpers of the table instruction nodes. */
final class TableNodes {
    private TableNodes() {
    }

    static WasmTable table(VirtualFrame frame, int tableIndex) {
        return CallingConvention.instance(frame).tables[tableIndex];
    }

    static WasmTrap outOfBounds(Node location) {
        CompilerDirectives.transferToInterpreter();
        return WasmTrap.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS, location);
    }

    static boolean inBounds(int start, int length, int size) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(length) <= size;
    }
}
