package dev.twasm.text;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.BlockType;
import dev.twasm.model.Expr;
import dev.twasm.model.Opcode;

import java.util.ArrayList;
import java.util.List;

/** Renders an {@link Expr} read back with {@link CodeReader} as text, for assertions in tests. */
final class Disassembler {
    private Disassembler() {
    }

    static String of(Expr expr) {
        CodeReader reader = new CodeReader(expr);
        List<String> parts = new ArrayList<>();
        while (reader.hasNext()) {
            Opcode op = reader.next();
            StringBuilder sb = new StringBuilder(op.mnemonic());
            switch (op.immediates()) {
                case NONE -> {
                }
                case BLOCK_TYPE -> blockType(sb, reader.blockType());
                case BR_TABLE -> {
                    for (int label : reader.labels()) {
                        sb.append(' ').append(label);
                    }
                    sb.append(' ').append(reader.defaultLabel());
                }
                case CALL_INDIRECT, MEMORY_INIT, TABLE_INIT, TABLE_COPY, MEMORY_COPY -> sb.append(' ').append(reader.index()).append(' ').append(reader.index2());
                case SELECT_TYPES -> {
                    for (var t : reader.selectTypes()) {
                        sb.append(' ').append(t);
                    }
                }
                case MEMARG -> sb.append(" align=").append(1 << reader.alignLog2()).append(" offset=").append(reader.memoryOffset());
                case I32 -> sb.append(' ').append(reader.i32());
                case I64 -> sb.append(' ').append(reader.i64());
                case F32 -> sb.append(" 0x").append(Integer.toHexString(reader.f32Bits()));
                case F64 -> sb.append(" 0x").append(Long.toHexString(reader.f64Bits()));
                case REF_TYPE -> sb.append(' ').append(reader.refType());
                case TRY_TABLE -> {
                    blockType(sb, reader.blockType());
                    for (int i = 0; i < reader.labels().length; i++) {
                        Opcode.CatchKind kind = reader.catchKinds()[i];
                        sb.append(" (").append(kind.keyword()).append(kind.hasTag() ? " " + reader.catchTags()[i] : "").append(' ')
                                        .append(reader.labels()[i]).append(')');
                    }
                }
                default -> sb.append(' ').append(reader.index());
            }
            parts.add(sb.toString());
        }
        return String.join(", ", parts);
    }

    private static void blockType(StringBuilder sb, BlockType type) {
        switch (type) {
            case BlockType.Empty e -> {
            }
            case BlockType.Value v -> sb.append(" (result ").append(v.result()).append(')');
            case BlockType.TypeIndex t -> sb.append(" (type ").append(t.index()).append(')');
        }
    }
}
