package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over a byte array that reads the primitive encodings of the binary format (spec §5.2
 * "Values"): bytes, LEB128 integers with the spec's length and unused-bit limits, IEEE floats and
 * UTF-8 names. Every failure is a {@link MalformedModuleException} naming the offset, never an
 * array or number-format exception.
 *
 * <p>Reads are bounded by a limit (the end of the current section, function or expression) so a
 * size field that lies is caught where it lies.
 */
public final class BinaryInput {
    private final byte[] bytes;
    private final int baseOffset;
    private int pos;
    private int limit;

    /**
     * @param bytes the data
     * @param start the first index to read
     * @param end the index after the last one to read
     * @param baseOffset the module offset of {@code bytes[0]}, for error messages
     */
    public BinaryInput(byte[] bytes, int start, int end, int baseOffset) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = end;
        this.baseOffset = baseOffset;
    }

    public BinaryInput(byte[] bytes) {
        this(bytes, 0, bytes.length, 0);
    }

    /** The index of the next byte to read in the underlying array. */
    public int index() {
        return pos;
    }

    /** The module offset of the next byte to read. */
    public int offset() {
        return baseOffset + pos;
    }

    public int limit() {
        return limit;
    }

    /** Moves the read limit (to bound reads to a section); returns the previous limit. */
    public int setLimit(int newLimit) {
        int old = limit;
        limit = newLimit;
        return old;
    }

    public void seek(int index) {
        pos = index;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public byte[] array() {
        return bytes;
    }

    public MalformedModuleException malformed(String reason) {
        return new MalformedModuleException(reason, offset());
    }

    public MalformedModuleException malformedAt(String reason, int atIndex) {
        return new MalformedModuleException(reason, baseOffset + atIndex);
    }

    private MalformedModuleException unexpectedEnd() {
        // The reference interpreter distinguishes the end of all input from the end of a section.
        return malformed(limit < bytes.length ? "unexpected end of section or function" : "unexpected end");
    }

    /** Reads one byte, unsigned. */
    public int readByte() {
        if (pos >= limit) {
            throw unexpectedEnd();
        }
        return bytes[pos++] & 0xFF;
    }

    /** The next byte, unsigned, without consuming it. */
    public int peekByte() {
        if (pos >= limit) {
            throw unexpectedEnd();
        }
        return bytes[pos] & 0xFF;
    }

    public byte[] readBytes(int n) {
        if (n < 0 || n > limit - pos) {
            throw unexpectedEnd();
        }
        byte[] result = new byte[n];
        System.arraycopy(bytes, pos, result, 0, n);
        pos += n;
        return result;
    }

    public void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw unexpectedEnd();
        }
        pos += n;
    }

    /** An unsigned LEB128 integer of at most 32 bits (spec §5.2.2), as a non-negative long. */
    public long readU32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw malformedAt("integer representation too long", pos - 1);
                }
                if ((b & 0x70) != 0) {
                    throw malformedAt("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    /**
     * A u32 used as a count or index that must fit a Java int; larger values cannot describe
     * anything that fits in memory, so they are reported as {@code tooLarge}.
     */
    public int readU32AsInt(String tooLarge) {
        long v = readU32();
        if (v > Integer.MAX_VALUE) {
            throw malformed(tooLarge);
        }
        return (int) v;
    }

    /** A signed LEB128 integer of at most {@code bits} bits (spec §5.2.2), sign-extended. */
    public long readSigned(int bits) {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0;; i++) {
            int b = readByte();
            if (i == maxBytes - 1) {
                if ((b & 0x80) != 0) {
                    throw malformedAt("integer representation too long", pos - 1);
                }
                // The unused high bits of the last byte must all equal the sign bit.
                int usedBits = bits - shift; // bits of payload carried by this byte (1..7)
                int signAndUnused = b >> (usedBits - 1) & (0x7F >> (usedBits - 1));
                int allOnes = 0x7F >> (usedBits - 1);
                if (signAndUnused != 0 && signAndUnused != allOnes) {
                    throw malformedAt("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    public int readS32() {
        return (int) readSigned(32);
    }

    public long readS64() {
        return readSigned(64);
    }

    /** Little-endian 32-bit IEEE 754 bits (spec §5.2.3). */
    public int readF32Bits() {
        if (limit - pos < 4) {
            pos = limit;
            throw unexpectedEnd();
        }
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Little-endian 64-bit IEEE 754 bits (spec §5.2.3). */
    public long readF64Bits() {
        long lo = readF32Bits() & 0xFFFF_FFFFL;
        long hi = readF32Bits() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /** A name: a length-prefixed UTF-8 string (spec §5.2.4). */
    public String readName() {
        int length = readU32AsInt("length out of bounds");
        if (length > limit - pos) {
            throw malformed("length out of bounds");
        }
        int start = pos;
        pos += length;
        return decodeUtf8(bytes, start, length, baseOffset + start);
    }

    /** Strict UTF-8 decoding as the spec requires: no overlongs, surrogates or truncation. */
    public static String decodeUtf8(byte[] data, int start, int length, int offsetForErrors) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, start, length))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedModuleException("malformed UTF-8 encoding", offsetForErrors);
        }
    }
}
