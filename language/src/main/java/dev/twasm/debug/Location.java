package dev.twasm.debug;

/** Where a variable's value is, decoded from its DWARF location expression ({@code DW_AT_location}). */
public sealed interface Location {

    /** The value is the Wasm local {@code index} ({@code DW_OP_WASM_location 0x00 index, DW_OP_stack_value}). */
    record WasmLocal(int index) implements Location {
    }

    /** The value is the Wasm global {@code index} ({@code DW_OP_WASM_location 0x01} or {@code 0x03}). */
    record WasmGlobal(int index) implements Location {
    }

    /** The value is in linear memory at the frame base plus {@code offset} ({@code DW_OP_fbreg}). */
    record FrameOffset(long offset) implements Location {
    }

    /** The value is in linear memory at {@code address} ({@code DW_OP_addr}). */
    record MemoryAddress(long address) implements Location {
    }

    /** A location this decoder does not follow (a location list, the operand stack, a computation); {@code why} says which. */
    record Unknown(String why) implements Location {
    }
}
