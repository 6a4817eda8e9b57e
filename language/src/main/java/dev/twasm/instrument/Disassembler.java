package dev.twasm.instrument;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.BlockType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * The text of one decoded instruction for the disassembly listing ({@link Listing}): its mnemonic
 * from the {@link Opcode} table, then its immediates as the reader decoded them, formatted by the
 * kind of immediates the table names ({@link Opcode.Immediates}), so every instruction, present
 * and future, is covered by one case per immediate kind, never one per opcode. The form is close
 * to the text format's but not meant to be parsed back: indices are plain numbers, a block type
 * is shown as its result or {@code (type n)}.
 */
final class Disassembler {
    private Disassembler() {
    }

    /** The current instruction of {@code reader}: {@code mnemonic immediates...}. */
    static String instruction(CodeReader reader) {
        Opcode op = reader.opcode();
        StringBuilder text = new StringBuilder(op.mnemonic());
        String immediates = immediates(op, reader);
        if (!immediates.isEmpty()) {
            text.append(' ').append(immediates);
        }
        return text.toString();
    }

    private static String immediates(Opcode op, CodeReader r) {
        return switch (op.immediates()) {
            case NONE, ZERO_BYTE -> "";
            case BLOCK_TYPE -> blockType(r.blockType());
            case LABEL, TAG, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, DATA, ELEM -> Integer.toUnsignedString(r.index());
            case CALL_INDIRECT, TYPE_FIELD, TYPE_TYPE, TYPE_COUNT, TYPE_DATA, TYPE_ELEM, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY ->
                Integer.toUnsignedString(r.index()) + " " + Integer.toUnsignedString(r.index2());
            case TRY_TABLE -> tryTable(r);
            case BR_TABLE -> labels(r.labels()) + r.defaultLabel();
            case BR_ON_CAST -> r.index() + " " + r.refType() + " " + r.refType2();
            case SELECT_TYPES -> types(r.selectTypes());
            case MEMARG -> memarg(r);
            case MEMARG_LANE -> memarg(r) + " " + r.lane();
            case I32 -> Integer.toString(r.i32());
            case I64 -> Long.toString(r.i64());
            case F32 -> Float.toString(Float.intBitsToFloat(r.f32Bits()));
            case F64 -> Double.toString(Double.longBitsToDouble(r.f64Bits()));
            case REF_TYPE -> String.valueOf(r.refType());
            case V128 -> String.format("i64x2 0x%016x 0x%016x", r.v128Lo(), r.v128Hi());
            case SHUFFLE -> lanes(r.shuffleLanes());
            case LANE -> Integer.toString(r.lane());
        };
    }

    private static String blockType(BlockType type) {
        return switch (type) {
            case BlockType.Empty e -> "";
            case BlockType.Value v -> "(result " + v.result() + ")";
            case BlockType.TypeIndex t -> "(type " + t.index() + ")";
        };
    }

    private static String tryTable(CodeReader r) {
        StringBuilder text = new StringBuilder(blockType(r.blockType()));
        Opcode.CatchKind[] kinds = r.catchKinds();
        for (int i = 0; i < kinds.length; i++) {
            text.append(text.isEmpty() ? "" : " ").append('(').append(kinds[i].keyword());
            if (kinds[i].hasTag()) {
                text.append(' ').append(r.catchTags()[i]);
            }
            text.append(' ').append(r.labels()[i]).append(')');
        }
        return text.toString();
    }

    private static String memarg(CodeReader r) {
        String memory = r.index() != 0 ? r.index() + " " : "";
        String offset = r.memoryOffset() != 0 ? "offset=" + Long.toUnsignedString(r.memoryOffset()) + " " : "";
        return (memory + offset + "align=" + (1L << r.alignLog2()));
    }

    private static String labels(int[] labels) {
        StringBuilder text = new StringBuilder();
        for (int label : labels) {
            text.append(label).append(' ');
        }
        return text.toString();
    }

    private static String types(ValType[] types) {
        StringBuilder text = new StringBuilder("(result");
        for (ValType t : types) {
            text.append(' ').append(t);
        }
        return text.append(')').toString();
    }

    private static String lanes(byte[] lanes) {
        StringBuilder text = new StringBuilder();
        for (byte lane : lanes) {
            text.append(text.isEmpty() ? "" : " ").append(lane);
        }
        return text.toString();
    }
}
