package dev.twasm.validation;

import dev.twasm.binary.BinaryOutput;
import dev.twasm.binary.Types;
import dev.twasm.model.Expr;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * A small test DSL that encodes instructions in the binary format (spec §5.4), so function bodies
 * and constant expressions can be written without a decoder or text parser:
 * {@code code(I32_CONST, 1, I32_CONST, 2, I32_ADD, END)}.
 *
 * <p>Each {@link Opcode} is followed by its immediates: an {@link Integer} or {@link Long} is a
 * signed LEB128 after {@code i32.const}, {@code i64.const} and as a block type index, else an
 * unsigned LEB128 (indices, memarg fields, the reserved memory byte 0); a {@link Float} or
 * {@link Double} is an IEEE constant; a {@link ValType} is a type byte (block type, {@code ref.null});
 * {@link #VOID} is the empty block type; an {@code int[]} is a vector of indices ({@code br_table}
 * labels, followed by the default label); a {@code ValType[]} is a vector of types (typed
 * {@code select}); a {@code byte[]} is copied as is.
 */
final class Code {
    /** The empty block type {@code 0x40}. */
    static final Object VOID = new Object() {
        @Override
        public String toString() {
            return "void";
        }
    };

    private Code() {
    }

    static Expr code(Object... parts) {
        return new Expr(bytes(parts), 0);
    }

    static byte[] bytes(Object... parts) {
        BinaryOutput out = new BinaryOutput();
        Opcode.Immediates current = Opcode.Immediates.NONE;
        for (Object part : parts) {
            switch (part) {
                case Opcode op -> {
                    if (op.prefix() < 0) {
                        out.writeByte(op.code());
                    } else {
                        out.writeByte(op.prefix());
                        out.writeU32(op.subopcode());
                    }
                    current = op.immediates();
                }
                case Integer i -> writeInteger(out, current, i);
                case Long l -> writeInteger(out, current, l);
                case Float f -> out.writeF32Bits(Float.floatToRawIntBits(f));
                case Double d -> out.writeF64Bits(Double.doubleToRawLongBits(d));
                case ValType t -> {
                    if (current == Opcode.Immediates.REF_TYPE) {
                        Types.writeHeapType(out, t);
                    } else {
                        Types.write(out, t);
                    }
                }
                case int[] indices -> {
                    out.writeU32(indices.length);
                    for (int index : indices) {
                        out.writeU32(index);
                    }
                }
                case ValType[] types -> {
                    out.writeU32(types.length);
                    for (ValType t : types) {
                        Types.write(out, t);
                    }
                }
                case byte[] raw -> out.writeBytes(raw);
                default -> {
                    if (part != VOID) {
                        throw new IllegalArgumentException("cannot encode " + part);
                    }
                    out.writeByte(Types.EMPTY_BLOCK);
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeInteger(BinaryOutput out, Opcode.Immediates current, long value) {
        switch (current) {
            case I32, I64, BLOCK_TYPE -> out.writeSigned(value);
            default -> out.writeU32(value);
        }
    }

    /** Repeats {@code parts} {@code times} times, for building large bodies. */
    static Object[] repeat(int times, Object... parts) {
        Object[] result = new Object[times * parts.length];
        for (int i = 0; i < times; i++) {
            System.arraycopy(parts, 0, result, i * parts.length, parts.length);
        }
        return result;
    }

    /** Concatenates groups of parts. */
    static Object[] concat(Object[]... groups) {
        int n = 0;
        for (Object[] g : groups) {
            n += g.length;
        }
        Object[] result = new Object[n];
        int at = 0;
        for (Object[] g : groups) {
            System.arraycopy(g, 0, result, at, g.length);
            at += g.length;
        }
        return result;
    }
}
