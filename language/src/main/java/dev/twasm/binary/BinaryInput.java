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
 * <p>Reads are bounded by a limit. The module decoder sets it to the end of the module and checks
 * each section's and function's declared size after reading its contents, as the spec's reference
 * interpreter does, so a lying size is reported with the same message the official tests expect.
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

    /**
     * Running out of input. The reference interpreter words every such case (even an empty or
     * truncated header) as "unexpected end of section or function".
     */
    private MalformedModuleException unexpectedEnd() {
        return malformed("unexpected end of section or function");
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
        return readUnsigned(32);
    }

    /**
     * An unsigned LEB128 integer of at most {@code bits} bits (spec §5.2.2). Checks the bytes in
     * the reference interpreter's order: a last byte whose payload exceeds the remaining bits is
     * "integer too large"; a continuation beyond the last allowed byte is "integer representation
     * too long". {@code readUnsigned(1)} reads the limits flag of Wasm 2.0.
     */
    public long readUnsigned(int bits) {
        long result = 0;
        int shift = 0;
        for (int bitsLeft = bits;; bitsLeft -= 7) {
            if (bitsLeft <= 0) {
                throw malformed("integer representation too long");
            }
            int b = readByte();
            if (bitsLeft < 7 && (b & 0x7F) >= 1 << bitsLeft) {
                throw malformedAt("integer too large", pos - 1);
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

    /**
     * An index (spec §5.5.1): a u32, clamped to {@link Integer#MAX_VALUE}. No index space can be
     * that large, so validation still reports a clamped index as unknown.
     */
    public int readIndex() {
        return (int) Math.min(readU32(), Integer.MAX_VALUE);
    }

    /**
     * The length of a vector, name or byte string (spec §5.1.3 "Vectors"): a u32 that cannot
     * exceed the bytes left in the input, as each element takes at least one byte. This bounds
     * every allocation by the input size; a longer length is "length out of bounds".
     */
    public int readLength() {
        int at = pos;
        long n = readU32();
        if (n > limit - at) {
            throw malformedAt("length out of bounds", at);
        }
        return (int) n;
    }

    /**
     * A signed LEB128 integer of at most {@code bits} bits (spec §5.2.2), sign-extended. The
     * unused bits of the last allowed byte must all equal its sign bit ("integer too large"), and
     * no byte may follow it ("integer representation too long").
     */
    public long readSigned(int bits) {
        long result = 0;
        int shift = 0;
        for (int bitsLeft = bits;; bitsLeft -= 7) {
            if (bitsLeft <= 0) {
                throw malformed("integer representation too long");
            }
            int b = readByte();
            if (bitsLeft < 7) {
                int signAndUnused = -1 << (bitsLeft - 1) & 0x7F;
                int actual = b & signAndUnused;
                if (actual != 0 && actual != signAndUnused) {
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
        int at = pos;
        int length = readLength();
        skip(length);
        return decodeUtf8(bytes, pos - length, length, baseOffset + at);
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
