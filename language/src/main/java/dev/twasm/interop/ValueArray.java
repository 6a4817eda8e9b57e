package dev.twasm.interop;

/**
 * A read-only interop array: the results of a multi-value call (spec §2.3.6) as embedders see
 * them, and the member names that {@code getMembers} returns.
 */
public final class ValueArray extends ArrayObject {
    private final Object[] values;

    public ValueArray(Object[] values) {
        this.values = values;
    }

    @Override
    protected long length() {
        return values.length;
    }

    @Override
    protected Object element(long index) {
        return values[(int) index];
    }
}
