package dev.twasm.debug;

/**
 * Decodes the DWARF expressions (DWARF 5 §2.5 and §2.6) that clang emits for Wasm variables and
 * frame bases into {@link Location} and {@link FrameBase}: a single operation, optionally followed
 * by {@code DW_OP_stack_value}. Anything longer or unknown is {@link Location.Unknown} with a reason.
 */
final class Expressions {
    static final int OP_ADDR = 0x03;
    static final int OP_CONST1U = 0x08;
    static final int OP_CONST8S = 0x0f;
    static final int OP_CONSTU = 0x10;
    static final int OP_CONSTS = 0x11;
    static final int OP_LIT0 = 0x30;
    static final int OP_LIT31 = 0x4f;
    static final int OP_FBREG = 0x91;
    static final int OP_PIECE = 0x93;
    static final int OP_IMPLICIT_VALUE = 0x9e;
    static final int OP_STACK_VALUE = 0x9f;
    static final int OP_ADDRX = 0xa1;
    /** {@code DW_OP_WASM_location kind index} ("DWARF for WebAssembly"). */
    static final int OP_WASM_LOCATION = 0xed;

    static final int WASM_LOCAL = 0x00;
    static final int WASM_GLOBAL = 0x01;
    static final int WASM_OPERAND_STACK = 0x02;
    /** A global whose index is a fixed 4-byte number (so a linker can relocate it in place). */
    static final int WASM_GLOBAL_FIXED = 0x03;

    private Expressions() {
    }

    /** The location an expression of {@code unit} describes (the unit gives the address size and {@code .debug_addr}). */
    static Location location(DwarfInput expression, Unit unit) {
        return decode(expression, unit, false);
    }

    /**
     * Decodes a location expression. {@code DW_OP_WASM_location} pushes the value of a local or
     * global: followed by {@code DW_OP_stack_value} that is the variable's value; alone it is the
     * address of the variable in linear memory (clang's indirect parameters, like a struct passed
     * by value), which a frame base takes as its value all the same.
     */
    private static Location decode(DwarfInput expression, Unit unit, boolean frameBase) {
        try {
            if (expression.atEnd()) {
                return new Location.Unknown("optimized out");
            }
            int op = expression.u8();
            Location location;
            if (op == OP_ADDR) {
                location = new Location.MemoryAddress(expression.unsigned(unit == null ? 4 : unit.addressSize));
            } else if (op == OP_ADDRX) {
                long address = unit == null ? Unit.NONE : unit.indexedAddress(expression.uleb());
                if (address == Unit.NONE) {
                    return new Location.Unknown("address index without .debug_addr");
                }
                location = new Location.MemoryAddress(address);
            } else if (op == OP_FBREG) {
                location = new Location.FrameOffset(expression.sleb());
            } else if (op == OP_WASM_LOCATION) {
                int kind = expression.u8();
                long index = kind == WASM_GLOBAL_FIXED ? expression.u32() : expression.uleb();
                location = switch (kind) {
                    case WASM_LOCAL -> new Location.WasmLocal((int) index);
                    case WASM_GLOBAL, WASM_GLOBAL_FIXED -> new Location.WasmGlobal((int) index);
                    case WASM_OPERAND_STACK -> new Location.Unknown("on the Wasm operand stack");
                    default -> new Location.Unknown("Wasm location kind " + kind);
                };
                if (expression.atEnd()) {
                    return frameBase || location instanceof Location.Unknown ? location : new Location.Unknown("in memory at the address in " + describe(location));
                }
                if (expression.u8() != OP_STACK_VALUE || !expression.atEnd()) {
                    return new Location.Unknown("computed from " + describe(location));
                }
                return location;
            } else if (op >= OP_LIT0 && op <= OP_LIT31 || op == OP_CONSTU || op == OP_CONSTS || op >= OP_CONST1U && op <= OP_CONST8S) {
                return new Location.Unknown("constant " + constant(op, expression));
            } else if (op == OP_IMPLICIT_VALUE) {
                return new Location.Unknown("constant");
            } else {
                return new Location.Unknown(String.format("DWARF expression 0x%02x", op));
            }
            return expression.atEnd() ? location : new Location.Unknown("computed location");
        } catch (DwarfFormatException e) {
            return new Location.Unknown("malformed expression");
        }
    }

    private static String describe(Location location) {
        return switch (location) {
            case Location.WasmLocal l -> "Wasm local " + l.index();
            case Location.WasmGlobal g -> "Wasm global " + g.index();
            default -> "a Wasm location";
        };
    }

    /** The value a constant operation pushes; the input is past the operation. */
    private static String constant(int op, DwarfInput expression) {
        if (op <= OP_LIT31 && op >= OP_LIT0) {
            return String.valueOf(op - OP_LIT0);
        }
        return switch (op) {
            case OP_CONSTU -> Long.toUnsignedString(expression.uleb());
            case OP_CONSTS -> String.valueOf(expression.sleb());
            default -> {
                // const1u 0x08, const1s 0x09, const2u 0x0a, ... const8s 0x0f
                int size = 1 << (op - OP_CONST1U) / 2;
                long raw = expression.unsigned(size);
                boolean signed = (op - OP_CONST1U) % 2 == 1;
                yield signed && size < 8 ? String.valueOf(raw << 64 - 8 * size >> 64 - 8 * size) : Long.toUnsignedString(raw);
            }
        };
    }

    /** The frame base an expression describes. */
    static FrameBase frameBase(DwarfInput expression) {
        Location location = decode(expression, null, true);
        return switch (location) {
            case Location.WasmLocal l -> new FrameBase.WasmLocal(l.index());
            case Location.WasmGlobal g -> new FrameBase.WasmGlobal(g.index());
            default -> new FrameBase.None();
        };
    }
}
