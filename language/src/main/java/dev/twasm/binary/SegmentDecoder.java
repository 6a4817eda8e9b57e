package dev.twasm.binary;

import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Expr;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.ValType;

/**
 * Reads element segments (spec §5.5.12) and data segments (spec §5.5.14). Both start with a u32
 * whose bits select the encoding: for element segments bit 0 means passive or declarative, bit 1
 * an explicit table index (active) or declarative (otherwise), bit 2 items as expressions instead
 * of function indices; for data segments 0 is active in memory 0, 1 passive, 2 active with an
 * explicit memory index. Function-index items become {@code ref.func} expressions
 * ({@link RefFuncItem}).
 */
final class SegmentDecoder {
    private static final int PASSIVE_OR_DECLARATIVE = 1;
    private static final int EXPLICIT_INDEX_OR_DECLARATIVE = 2;
    private static final int EXPRESSIONS = 4;
    /** The only element kind of Wasm 2.0: {@code funcref}. */
    private static final int ELEM_KIND_FUNCREF = 0x00;

    private final ExprDecoder exprs;

    SegmentDecoder(ExprDecoder exprs) {
        this.exprs = exprs;
    }

    ElemSegment elem(BinaryInput in) {
        long flags = in.readU32();
        if (flags > 7) {
            throw in.malformedAt("malformed elements segment kind", in.index() - 1);
        }
        boolean active = (flags & PASSIVE_OR_DECLARATIVE) == 0;
        boolean explicit = (flags & EXPLICIT_INDEX_OR_DECLARATIVE) != 0;
        boolean expressions = (flags & EXPRESSIONS) != 0;
        SegmentMode mode = active ? SegmentMode.ACTIVE : explicit ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int tableIndex = active && explicit ? in.readIndex() : 0;
        Expr offset = active ? exprs.read(in) : null;
        // Encoding 0 implies (ref func), 4 funcref; the others state the element kind or reference type.
        ValType elemType = expressions ? ValType.FUNCREF : ElemSegment.FUNCTION_INDICES;
        if (!active || explicit) {
            elemType = expressions ? Types.readRefType(in) : elemKind(in);
        }
        Expr[] items = new Expr[in.readLength()];
        for (int i = 0; i < items.length; i++) {
            if (expressions) {
                items[i] = exprs.read(in);
            } else {
                int at = in.offset();
                items[i] = RefFuncItem.of(in.readIndex(), at);
            }
        }
        return new ElemSegment(mode, elemType, tableIndex, offset, items);
    }

    private static ValType elemKind(BinaryInput in) {
        if (in.readByte() != ELEM_KIND_FUNCREF) {
            throw in.malformedAt("malformed element kind", in.index() - 1);
        }
        return ElemSegment.FUNCTION_INDICES;
    }

    DataSegment data(BinaryInput in) {
        long flags = in.readU32();
        if (flags > 2) {
            throw in.malformedAt("malformed data segment kind", in.index() - 1);
        }
        boolean active = flags != 1;
        int memoryIndex = flags == 2 ? in.readIndex() : 0;
        Expr offset = active ? exprs.read(in) : null;
        byte[] bytes = in.readBytes(in.readLength());
        return new DataSegment(active ? SegmentMode.ACTIVE : SegmentMode.PASSIVE, memoryIndex, offset, bytes);
    }
}
