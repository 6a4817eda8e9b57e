package dev.twasm.model;

/**
 * A field type {@code mut? storagetype} of a structure or array type (spec 3.0 §2.3.7), where the
 * storage type {@code storagetype ::= valtype | packtype} is either a value type ({@link #valType},
 * with {@link #packed} null) or a packed type {@code i8}/{@code i16} ({@link #packed}, with
 * {@link #valType} null; such fields read and write as {@code i32}).
 */
public record FieldType(ValType valType, PackedType packed, boolean mutable) {
    /** The packed storage types {@code packtype ::= i8 | i16} (spec 3.0 §2.3.7). */
    public enum PackedType {
        I8("i8", 8),
        I16("i16", 16);

        private final String textName;
        private final int bits;

        PackedType(String textName, int bits) {
            this.textName = textName;
            this.bits = bits;
        }

        public String textName() {
            return textName;
        }

        public int bits() {
            return bits;
        }
    }

    public FieldType {
        if ((valType == null) == (packed == null)) {
            throw new IllegalArgumentException("a storage type is a value type or a packed type");
        }
    }

    public static FieldType of(ValType valType, boolean mutable) {
        return new FieldType(valType, null, mutable);
    }

    public static FieldType packed(PackedType packed, boolean mutable) {
        return new FieldType(null, packed, mutable);
    }

    /** The value type a field of this type is read as: its value type, or {@code i32} for a packed one. */
    public ValType unpacked() {
        return valType != null ? valType : ValType.I32;
    }

    /** Text-format rendering, e.g. {@code (mut i8)}. */
    @Override
    public String toString() {
        String storage = valType != null ? valType.textName() : packed.textName();
        return mutable ? "(mut " + storage + ")" : storage;
    }
}
