package dev.twasm.debug;

/**
 * Where a subprogram's frame base is ({@code DW_AT_frame_base}): clang for Wasm keeps the frame
 * pointer, an address in linear memory, in a Wasm local or global, and writes it as
 * {@code DW_OP_WASM_location kind index, DW_OP_stack_value}.
 */
public sealed interface FrameBase {

    /** The frame base is the value of Wasm local {@code index} (kind {@code 0x00}). */
    record WasmLocal(int index) implements FrameBase {
    }

    /** The frame base is the value of Wasm global {@code index} (kind {@code 0x01}, or {@code 0x03} with a fixed-size index). */
    record WasmGlobal(int index) implements FrameBase {
    }

    /** The subprogram has no frame base this decoder understands. */
    record None() implements FrameBase {
    }
}
