package dev.twasm.binary;

import dev.twasm.model.ValType;

/** Binary encodings of value types (spec §5.3.1–§5.3.3). The only place that knows the type bytes. */
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
    /** The byte that introduces a function type. */
    public static final int FUNC_TYPE = 0x60;
    /** The empty block type. */
    public static final int EMPTY_BLOCK = 0x40;

    private Types() {
    }

    /** The value type encoded by {@code b}, or null. */
    public static ValType valTypeOrNull(int b) {
        return switch (b) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case FUNCREF -> ValType.FUNCREF;
            case EXTERNREF -> ValType.EXTERNREF;
            case EXNREF -> ValType.EXNREF;
            default -> null;
        };
    }

    /**
     * Reads a value type (spec §5.3.3). Type bytes are single-byte signed LEB128 numbers in the
     * spec, so a byte with the continuation bit is "integer representation too long".
     */
    public static ValType readValType(BinaryInput in) {
        return readType(in, false, "malformed value type");
    }

    /** Reads a reference type (spec §5.3.2): {@code funcref}, {@code externref} or {@code exnref}. */
    public static ValType readRefType(BinaryInput in) {
        return readType(in, true, "malformed reference type");
    }

    private static ValType readType(BinaryInput in, boolean referenceOnly, String malformed) {
        int at = in.index();
        int b = (int) in.readSigned(7) & 0x7F;
        ValType t = valTypeOrNull(b);
        if (t == null || referenceOnly && !t.isReference()) {
            throw in.malformedAt(malformed, at);
        }
        return t;
    }

    public static int encode(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case FUNCREF -> FUNCREF;
            case EXTERNREF -> EXTERNREF;
            case EXNREF -> EXNREF;
        };
    }
}
