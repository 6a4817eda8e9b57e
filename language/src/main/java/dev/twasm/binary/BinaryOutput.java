package dev.twasm.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the primitive encodings of the binary format (spec §5.2):
 * LEB128 integers, little-endian floats and names. Used by the text parser to encode instructions
 * and by the module encoder.
 */
public final class BinaryOutput {
    private byte[] bytes;
    private int size;

    public BinaryOutput() {
        this(64);
    }

    public BinaryOutput(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    public int size() {
        return size;
    }

    public BinaryOutput writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    public BinaryOutput writeBytes(byte[] data) {
        return writeBytes(data, 0, data.length);
    }

    public BinaryOutput writeBytes(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** Unsigned LEB128 of a value in [0, 2^32) (or up to 2^64 for memory64 offsets). */
    public BinaryOutput writeU32(long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            writeByte(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128, minimal length. */
    public BinaryOutput writeSigned(long value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            writeByte(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    public BinaryOutput writeF32Bits(int bits) {
        writeByte(bits).writeByte(bits >>> 8).writeByte(bits >>> 16).writeByte(bits >>> 24);
        return this;
    }

    public BinaryOutput writeF64Bits(long bits) {
        writeF32Bits((int) bits);
        writeF32Bits((int) (bits >>> 32));
        return this;
    }

    public BinaryOutput writeName(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        writeU32(utf8.length);
        return writeBytes(utf8);
    }

    /** Writes {@code data} prefixed by its length, as sections and function bodies are. */
    public BinaryOutput writeSized(BinaryOutput data) {
        writeU32(data.size);
        return writeBytes(data.bytes, 0, data.size);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
