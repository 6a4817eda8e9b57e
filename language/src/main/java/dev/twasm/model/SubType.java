package dev.twasm.model;

import java.util.Arrays;

/**
 * A sub type {@code sub final? typeidx* comptype} (spec 3.0 §2.3.8 "Recursive Types"): one type
 * definition of the type section, a composite type with its declared supertypes (at most one in
 * Wasm 3.0) and whether further subtypes may declare it as their supertype. {@code (type (func
 * ...))} without {@code sub} is the final sub type without supertypes ({@link #plain}).
 *
 * <p>The definitions of one recursion group {@code rec subtype*} are consecutive in the type
 * section; {@link Module#recGroupStart(int)} and {@link Module#recGroupSize(int)} say which.
 */
public record SubType(boolean isFinal, int[] supertypes, CompositeType composite) {
    private static final int[] NONE = new int[0];

    public SubType {
        supertypes = supertypes.length == 0 ? NONE : supertypes.clone();
    }

    /** {@code (type comptype)}: final, no supertypes. */
    public static SubType plain(CompositeType composite) {
        return new SubType(true, NONE, composite);
    }

    /** Whether this is the plain form {@code (sub final comptype)}, the only form a text type use matches implicitly. */
    public boolean isPlain() {
        return isFinal && supertypes.length == 0;
    }

    /** The supertype indices; callers must not modify the returned array. */
    @Override
    public int[] supertypes() {
        return supertypes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubType s && isFinal == s.isFinal && Arrays.equals(supertypes, s.supertypes) && composite.equals(s.composite);
    }

    @Override
    public int hashCode() {
        return (Boolean.hashCode(isFinal) * 31 + Arrays.hashCode(supertypes)) * 31 + composite.hashCode();
    }

    @Override
    public String toString() {
        if (isPlain()) {
            return composite.toString();
        }
        StringBuilder s = new StringBuilder("(sub");
        if (isFinal) {
            s.append(" final");
        }
        for (int t : supertypes) {
            s.append(' ').append(t);
        }
        return s.append(' ').append(composite).append(')').toString();
    }
}
