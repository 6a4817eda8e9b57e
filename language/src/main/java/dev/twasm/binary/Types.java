package dev.twasm.binary;

import dev.twasm.model.BlockType;
import dev.twasm.model.HeapType;
import dev.twasm.model.ValType;

/**
 * Binary encodings of value, reference and heap types (spec 3.0 §5.3.1–§5.3.4). The only place
 * that knows the type bytes. A reference type is {@code 0x64 ht} ({@code (ref ht)}) or
 * {@code 0x63 ht} ({@code (ref null ht)}), or one byte, the shorthand of {@code (ref null ht)}
 * for an abstract {@code ht} ({@code funcref} is {@code 0x70}, the byte of {@code func}); a heap
 * type is a type index or an abstract type's byte, read together as a signed 33-bit number.
 */
public final class Types {
    public static final int I32 = 0x7F;
    public static final int I64 = 0x7E;
    public static final int F32 = 0x7D;
    public static final int F64 = 0x7C;
    public static final int V128 = 0x7B;
    public static final int FUNCREF = 0x70;
    public static final int EXTERNREF = 0x6F;
    /** {@code exnref} (exception handling), also the heap type {@code exn} of {@code ref.null exn}. */
    public static final int EXNREF = 0x69;
    /** {@code (ref ht)}. */
    public static final int REF = 0x64;
    /** {@code (ref null ht)}. */
    public static final int REF_NULL = 0x63;
    /** The byte that introduces a function type. */
    public static final int FUNC_TYPE = 0x60;
    /** The empty block type. */
    public static final int EMPTY_BLOCK = 0x40;

    /** The byte of each abstract heap type, in {@link HeapType} order. */
    private static final int[] HEAP_TYPE_BYTES = {0x70, 0x73, 0x6F, 0x72, 0x69, 0x74, 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71};

    private Types() {
    }

    /** The abstract heap type encoded by byte {@code b}, or null. */
    private static HeapType heapTypeOrNull(int b) {
        for (HeapType h : HeapType.values()) {
            if (HEAP_TYPE_BYTES[h.ordinal()] == b) {
                return h;
            }
        }
        return null;
    }

    /** The value type encoded by the single byte {@code b} (a number, vector or shorthand reference type), or null. */
    public static ValType valTypeOrNull(int b) {
        return switch (b) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            default -> {
                HeapType h = heapTypeOrNull(b);
                yield h == null ? null : ValType.ref(true, h);
            }
        };
    }

    /**
     * Reads a value type (spec §5.3.3). Type bytes are single-byte signed LEB128 numbers in the
     * spec, so a byte with the continuation bit is "integer representation too long".
     */
    public static ValType readValType(BinaryInput in) {
        return readType(in, false, "malformed value type");
    }

    /** Reads a reference type (spec 3.0 §5.3.2). */
    public static ValType readRefType(BinaryInput in) {
        return readType(in, true, "malformed reference type");
    }

    private static ValType readType(BinaryInput in, boolean referenceOnly, String malformed) {
        int at = in.index();
        int b = (int) in.readSigned(7) & 0x7F;
        if (b == REF || b == REF_NULL) {
            return readHeapType(in, b == REF_NULL);
        }
        ValType t = valTypeOrNull(b);
        if (t == null || referenceOnly && !t.isReference()) {
            throw in.malformedAt(malformed, at);
        }
        return t;
    }

    /**
     * Reads a heap type (spec 3.0 §5.3.2), a signed 33-bit number: a type index, or negative, an
     * abstract type's byte. Returns the reference type with that heap type and nullability.
     */
    public static ValType readHeapType(BinaryInput in, boolean nullable) {
        int at = in.index();
        long v = in.readSigned(33);
        if (v >= 0) {
            return ValType.ref(nullable, (int) Math.min(v, Integer.MAX_VALUE));
        }
        HeapType h = v >= -64 ? heapTypeOrNull((int) v & 0x7F) : null;
        if (h == null) {
            throw in.malformedAt("malformed reference type", at);
        }
        return ValType.ref(nullable, h);
    }

    /** Writes a value type, the one-byte shorthand where there is one. */
    public static void write(BinaryOutput out, ValType t) {
        switch (t.kind()) {
            case I32 -> out.writeByte(I32);
            case I64 -> out.writeByte(I64);
            case F32 -> out.writeByte(F32);
            case F64 -> out.writeByte(F64);
            case V128 -> out.writeByte(V128);
            case REF -> {
                if (t.isNullable() && !t.isConcrete()) {
                    out.writeByte(HEAP_TYPE_BYTES[t.heapType().ordinal()]);
                } else {
                    out.writeByte(t.isNullable() ? REF_NULL : REF);
                    writeHeapType(out, t);
                }
            }
        }
    }

    /** Writes the heap type of reference type {@code t} (the immediate of {@code ref.null}). */
    public static void writeHeapType(BinaryOutput out, ValType t) {
        if (t.isConcrete()) {
            out.writeSigned(t.typeIndex());
        } else {
            out.writeByte(HEAP_TYPE_BYTES[t.heapType().ordinal()]);
        }
    }

    /** Writes a block type: {@code 0x40}, a value type, or a type index as a signed 33-bit number. */
    public static void writeBlockType(BinaryOutput out, BlockType type) {
        switch (type) {
            case BlockType.Empty e -> out.writeByte(EMPTY_BLOCK);
            case BlockType.Value v -> write(out, v.result());
            case BlockType.TypeIndex i -> out.writeSigned(i.index());
        }
    }
}
