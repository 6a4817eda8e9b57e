package dev.twasm.debug;

/**
 * The type of a variable as far as showing its value needs it: the C-like name of its declared
 * type (typedef names kept, {@code const} and pointers spelled out) and the size and encoding of
 * the base or pointer type under typedefs and qualifiers.
 *
 * @param byteSize the size of a value in bytes, or 0 when unknown
 */
public record VariableType(String name, int byteSize, Encoding encoding) {

    /** The type of a variable whose DWARF names none. */
    public static final VariableType UNKNOWN = new VariableType("?", 0, Encoding.OTHER);

    /** How a value's bytes are read: the DWARF base type encodings ({@code DW_ATE_*}) plus pointers. */
    public enum Encoding {
        SIGNED,
        UNSIGNED,
        SIGNED_CHAR,
        UNSIGNED_CHAR,
        BOOLEAN,
        FLOAT,
        POINTER,
        OTHER
    }

    /**
     * The value of a variable of this type from its little-endian bytes ({@code byteSize} of them,
     * more are ignored): Integer for integers of up to 32 bits except unsigned 32-bit ones, Long for
     * those and wider integers, Float or Double for floats, Boolean, a quoted String like
     * {@code 'a'} for chars, a hex String {@code 0x...} for pointers; null for other types and when
     * there are too few bytes.
     */
    public Object decode(byte[] bytes) {
        if (bytes == null || byteSize <= 0 || bytes.length < byteSize || encoding == Encoding.OTHER) {
            return null;
        }
        long raw = 0;
        int width = Math.min(byteSize, 8);
        for (int i = width - 1; i >= 0; i--) {
            raw = raw << 8 | bytes[i] & 0xFF;
        }
        int bits = width * 8;
        long signed = bits == 64 ? raw : raw << 64 - bits >> 64 - bits;
        return switch (encoding) {
            case SIGNED -> bits <= 32 ? (Object) (int) signed : (Object) signed;
            case UNSIGNED -> bits < 32 ? (Object) (int) raw : (Object) raw;
            case SIGNED_CHAR -> character(byteSize == 1 ? raw : signed);
            case UNSIGNED_CHAR -> character(raw);
            case BOOLEAN -> raw != 0;
            case FLOAT -> byteSize == 4 ? (Object) Float.intBitsToFloat((int) raw) : byteSize == 8 ? (Object) Double.longBitsToDouble(raw) : null;
            case POINTER -> "0x" + Long.toHexString(raw);
            case OTHER -> null;
        };
    }

    /** A char value as C would write it: {@code 'a'}, {@code '\n'}, or its code for the others, like {@code '\x7f'} or {@code '\u00e9'}. */
    private static String character(long code) {
        String text = switch ((int) code) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case 0 -> "\\0";
            case '\'' -> "\\'";
            case '\\' -> "\\\\";
            default -> code >= 0x20 && code < 0x7F ? String.valueOf((char) code)
                            : code >= 0 && code < 0x100 ? String.format("\\x%02x", code) : String.format("\\u%04x", code & 0xFFFFFFFFL);
        };
        return "'" + text + "'";
    }
}
