package dev.twasm.debug;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one DWARF section (DWARF 5 §7), reading its fixed-size integers,
 * LEB128 numbers and NUL-terminated strings; reading past the end or past a set limit throws
 * {@link DwarfFormatException}.
 */
final class DwarfInput {
    private final byte[] bytes;
    private int position;
    private int limit;

    DwarfInput(byte[] bytes, int position) {
        this.bytes = bytes;
        this.limit = bytes.length;
        seek(position);
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    byte[] bytes() {
        return bytes;
    }

    boolean atEnd() {
        return position >= limit;
    }

    void seek(long newPosition) {
        if (newPosition < 0 || newPosition > limit) {
            throw new DwarfFormatException("offset out of section: " + newPosition);
        }
        position = (int) newPosition;
    }

    /** Restricts reads to before {@code end} (clamped to the section); returns the previous limit. */
    int limitTo(long end) {
        int previous = limit;
        if (end < position || end > bytes.length) {
            throw new DwarfFormatException("length out of section: " + end);
        }
        limit = (int) end;
        return previous;
    }

    void restoreLimit(int previous) {
        limit = previous;
    }

    void skip(long count) {
        seek(position + count);
    }

    int u8() {
        if (position >= limit) {
            throw new DwarfFormatException("unexpected end of section");
        }
        return bytes[position++] & 0xFF;
    }

    /** An unsigned little-endian integer of {@code size} bytes (1 to 8). */
    long unsigned(int size) {
        if (size < 0 || size > 8 || limit - position < size) {
            throw new DwarfFormatException("unexpected end of section");
        }
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | bytes[position + i] & 0xFF;
        }
        position += size;
        return value;
    }

    int u16() {
        return (int) unsigned(2);
    }

    long u32() {
        return unsigned(4);
    }

    long uleb() {
        return leb128(false);
    }

    long sleb() {
        return leb128(true);
    }

    /** A LEB128 number (DWARF 5 §7.6); bits past 64 are dropped. */
    private long leb128(boolean signed) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                value |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (signed && shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    /** A ULEB128 number that must fit a non-negative int (a count or an index). */
    int ulebInt() {
        long value = uleb();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new DwarfFormatException("number too large: " + Long.toUnsignedString(value));
        }
        return (int) value;
    }

    /** A NUL-terminated UTF-8 string. */
    String cString() {
        int start = position;
        int end = start;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        if (end >= limit) {
            throw new DwarfFormatException("unterminated string");
        }
        position = end + 1;
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated string at {@code offset} of a string section, or null when there is none. */
    static String cStringAt(byte[] section, long offset) {
        if (section == null || offset < 0 || offset >= section.length) {
            return null;
        }
        int end = (int) offset;
        while (end < section.length && section[end] != 0) {
            end++;
        }
        return end < section.length ? new String(section, (int) offset, end - (int) offset, StandardCharsets.UTF_8) : null;
    }

    /**
     * An initial length (DWARF 5 §7.4): returns the unit's length and sets {@link #offsetSize} to 4
     * (32-bit DWARF) or 8 (64-bit DWARF).
     */
    long initialLength() {
        long length = u32();
        if (length == 0xFFFF_FFFFL) {
            offsetSize = 8;
            return unsigned(8);
        }
        if (length >= 0xFFFF_FFF0L) {
            throw new DwarfFormatException("reserved unit length");
        }
        offsetSize = 4;
        return length;
    }

    /** The size of section offsets in the unit last read by {@link #initialLength()}. */
    int offsetSize = 4;
}
