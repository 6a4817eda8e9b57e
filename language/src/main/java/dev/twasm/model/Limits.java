package dev.twasm.model;

/**
 * Size limits of a memory (in pages) or a table (in elements), spec §2.3.7 "Limits".
 *
 * @param min the initial size
 * @param max the maximum size, or {@link #NO_MAX} when absent
 */
public record Limits(long min, long max) {
    public static final long NO_MAX = -1;

    public boolean hasMax() {
        return max != NO_MAX;
    }

    /** Whether these limits match (are a subtype of) {@code required}, spec §4.5.2 "Import Subtyping". */
    public boolean matches(Limits required) {
        if (min < required.min) {
            return false;
        }
        if (!required.hasMax()) {
            return true;
        }
        return hasMax() && max <= required.max;
    }

    @Override
    public String toString() {
        return hasMax() ? min + " " + max : Long.toString(min);
    }
}
