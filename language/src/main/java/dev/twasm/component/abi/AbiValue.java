package dev.twasm.component.abi;

import dev.twasm.component.ValType.Primitive;

import java.util.BitSet;
import java.util.List;

/**
 * A component-level value, as the canonical ABI's {@code load} and {@code lift_flat} produce it
 * and {@code store} and {@code lower_flat} consume it. The value does not carry its full type: the
 * ABI's operations are always given the {@link dev.twasm.component.ValType} too.
 *
 * <ul>
 *   <li>{@link Bool}, {@link F32}, {@link F64}, {@link Char} (a Unicode scalar value),
 *       {@link Str} (a Java string of scalar values, no lone surrogates).</li>
 *   <li>{@link Int}: every integer type, the type named by its {@link Primitive} and the value a
 *       Java {@code long}: signed types and {@code u8}/{@code u16}/{@code u32} by their numeric
 *       value, {@code u64} by its two's complement bits (so {@code u64} 2^64-1 is {@code -1}).</li>
 *   <li>{@link ListValue}: a {@code list<T>}'s elements.</li>
 *   <li>{@link RecordValue}: a record's field values in declaration order; also a tuple's.</li>
 *   <li>{@link VariantValue}: a variant's case index and payload (null for a case without one);
 *       also an enum (no payloads), an option ({@code none} is case 0, {@code some} case 1) and a
 *       result ({@code ok} case 0, {@code error} case 1), as the ABI despecializes them.</li>
 *   <li>{@link FlagsValue}: the set flags, bit {@code i} for label {@code i}.</li>
 *   <li>{@link Handle}: an {@code own} or {@code borrow} handle, by its index in the handle table
 *       (the i32 the core code sees; the tables themselves come with resources).</li>
 * </ul>
 */
public sealed interface AbiValue {
    /** A {@code bool}. */
    record Bool(boolean value) implements AbiValue {
    }

    /** An integer of type {@code type} (one of {@code s8} ... {@code u64}); see {@link AbiValue} for the encoding of {@code value}. */
    record Int(Primitive type, long value) implements AbiValue {
        public Int {
            long min;
            long max;
            switch (type) {
                case S8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
                case U8 -> { min = 0; max = 0xFF; }
                case S16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
                case U16 -> { min = 0; max = 0xFFFF; }
                case S32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
                case U32 -> { min = 0; max = 0xFFFF_FFFFL; }
                case S64, U64 -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
                default -> throw new IllegalArgumentException("not an integer type: " + type.witName());
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is out of range for " + type.witName());
            }
        }

        @Override
        public String toString() {
            return (type == Primitive.U64 ? Long.toUnsignedString(value) : Long.toString(value)) + type.witName();
        }
    }

    /** An {@code f32}. */
    record F32(float value) implements AbiValue {
    }

    /** An {@code f64}. */
    record F64(double value) implements AbiValue {
    }

    /** A {@code char}: a Unicode scalar value (0 to 0x10FFFF without the surrogates 0xD800 to 0xDFFF). */
    record Char(int codePoint) implements AbiValue {
        public Char {
            if (!isScalarValue(codePoint)) {
                throw new IllegalArgumentException("not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
            }
        }

        /** Whether {@code i} is a Unicode scalar value, the values a {@code char} may take. */
        public static boolean isScalarValue(long i) {
            return i >= 0 && i < 0x110000 && (i < 0xD800 || i > 0xDFFF);
        }
    }

    /** A {@code string}. */
    record Str(String value) implements AbiValue {
        public Str {
            java.util.Objects.requireNonNull(value);
        }
    }

    /** A {@code list<T>}. */
    record ListValue(List<AbiValue> elements) implements AbiValue {
        public ListValue {
            elements = List.copyOf(elements);
        }
    }

    /** A record's or a tuple's field values, in order. */
    record RecordValue(List<AbiValue> fields) implements AbiValue {
        public RecordValue {
            fields = List.copyOf(fields);
        }
    }

    /** A variant, enum, option or result: the case's index and its payload, null when the case has none. */
    record VariantValue(int caseIndex, AbiValue payload) implements AbiValue {
        public VariantValue {
            if (caseIndex < 0) {
                throw new IllegalArgumentException("negative case index " + caseIndex);
            }
        }

        /** A case without payload (an enum's labels, {@code none}, a bare {@code ok} or {@code error}). */
        public VariantValue(int caseIndex) {
            this(caseIndex, null);
        }
    }

    /** {@code flags}: bit {@code i} set for label {@code i}. The set is copied in and out. */
    record FlagsValue(BitSet bits) implements AbiValue {
        public FlagsValue {
            bits = (BitSet) bits.clone();
        }

        /** The flags of the label indices {@code set}. */
        public static FlagsValue of(int... set) {
            BitSet b = new BitSet();
            for (int i : set) {
                b.set(i);
            }
            return new FlagsValue(b);
        }

        @Override
        public BitSet bits() {
            return (BitSet) bits.clone();
        }
    }

    /** An {@code own} or {@code borrow} handle: its index in the handle table. */
    record Handle(int index) implements AbiValue {
    }
}
