package dev.twasm.text.script;

/**
 * The shapes of a {@code v128} value (spec §2.4.3 "Vector Instructions":
 * {@code shape ::= i8x16 | i16x8 | i32x4 | i64x2 | f32x4 | f64x2}): how {@code v128.const} in the
 * text format and the script's {@code (v128.const shape ...)} values and result patterns split the
 * 128 bits into lanes. Lane 0 is the least significant (spec §4.3.1 "Representations",
 * {@code lanes}), so a vector is its two little-endian halves {@code lo} (bytes 0-7) and
 * {@code hi} (bytes 8-15), and lane {@code i} is bits {@code [i * laneBits, (i + 1) * laneBits)}
 * of {@code hi:lo}.
 */
public enum VectorShape {
    I8X16("i8x16", 8, false),
    I16X8("i16x8", 16, false),
    I32X4("i32x4", 32, false),
    I64X2("i64x2", 64, false),
    F32X4("f32x4", 32, true),
    F64X2("f64x2", 64, true);

    private final String text;
    private final int laneBits;
    private final boolean floats;

    VectorShape(String text, int laneBits, boolean floats) {
        this.text = text;
        this.laneBits = laneBits;
        this.floats = floats;
    }

    /** The shape's keyword, e.g. {@code i8x16}. */
    public String text() {
        return text;
    }

    /** The width of one lane in bits: 8, 16, 32 or 64. */
    public int laneBits() {
        return laneBits;
    }

    /** How many lanes a vector of this shape has: {@code 128 / laneBits}. */
    public int laneCount() {
        return 128 / laneBits;
    }

    /** Whether the lanes are floats ({@code f32x4}, {@code f64x2}), else integers. */
    public boolean isFloat() {
        return floats;
    }

    private long laneMask() {
        return laneBits == 64 ? -1L : (1L << laneBits) - 1;
    }

    /** The bits of lane {@code i} of the vector {@code hi:lo}, zero-extended to 64 bits. */
    public long lane(long lo, long hi, int i) {
        int bit = i * laneBits;
        long half = bit < 64 ? lo : hi;
        return (half >>> (bit & 63)) & laneMask();
    }

    /**
     * Packs lane values (their low {@link #laneBits()} bits; {@link #laneCount()} of them) into a
     * vector: returns {@code {lo, hi}}.
     */
    public long[] pack(long[] lanes) {
        if (lanes.length != laneCount()) {
            throw new IllegalArgumentException(text + " has " + laneCount() + " lanes, not " + lanes.length);
        }
        long[] halves = new long[2];
        for (int i = 0; i < lanes.length; i++) {
            int bit = i * laneBits;
            halves[bit >>> 6] |= (lanes[i] & laneMask()) << (bit & 63);
        }
        return halves;
    }

    /**
     * Lane bits as the text format would write them, for messages: integers as signed decimals,
     * floats as decimals, NaNs as {@code nan:0x} and their payload (with a sign when it is set).
     */
    public String laneText(long bits) {
        if (!floats) {
            return Long.toString(bits << (64 - laneBits) >> (64 - laneBits));
        }
        if (laneBits == 32) {
            float f = Float.intBitsToFloat((int) bits);
            return Float.isNaN(f) ? nanText(bits >>> 31 != 0, bits & 0x7F_FFFFL) : Float.toString(f);
        }
        double d = Double.longBitsToDouble(bits);
        return Double.isNaN(d) ? nanText(bits < 0, bits & 0xF_FFFF_FFFF_FFFFL) : Double.toString(d);
    }

    private static String nanText(boolean negative, long payload) {
        return (negative ? "-" : "") + "nan:0x" + Long.toHexString(payload);
    }

    /** The lanes of the vector {@code hi:lo} in this shape, as {@code i32x4 1 2 3 4}. */
    public String vectorText(long lo, long hi) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < laneCount(); i++) {
            sb.append(' ').append(laneText(lane(lo, hi, i)));
        }
        return sb.toString();
    }
}
