package dev.twasm.model;

/**
 * Size limits of a memory (in pages) or a table (in elements), spec 3.0 §2.3.9 "Limits". Sizes
 * are unsigned: a 64-bit table may declare a maximum of 2^64 - 1, which is the {@code long} -1, so
 * whether there is a maximum is a component of its own.
 *
 * @param min the initial size (unsigned)
 * @param max the maximum size (unsigned), meaningless when {@code hasMax} is false
 * @param hasMax whether a maximum is declared
 */
public record Limits(long min, long max, boolean hasMax) {
    /** The {@code max} of limits without a maximum, for the two-argument constructor. */
    public static final long NO_MAX = -1;

    /** Limits of a 32-bit memory or table, where {@link #NO_MAX} means "no maximum". */
    public Limits(long min, long max) {
        this(min, max, max != NO_MAX);
    }

    /** The same maximum with another minimum (a memory's or table's current size). */
    public Limits withMin(long newMin) {
        return new Limits(newMin, max, hasMax);
    }

    /** Whether these limits match (are a subtype of) {@code required}, spec 3.0 §3.2.x "Limits" matching. */
    public boolean matches(Limits required) {
        if (Long.compareUnsigned(min, required.min) < 0) {
            return false;
        }
        if (!required.hasMax) {
            return true;
        }
        return hasMax && Long.compareUnsigned(max, required.max) <= 0;
    }

    @Override
    public String toString() {
        return hasMax ? Long.toUnsignedString(min) + " " + Long.toUnsignedString(max) : Long.toUnsignedString(min);
    }
}
