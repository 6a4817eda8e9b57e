package dev.twasm.runtime;

import dev.twasm.instrument.Allocations;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.twasm.interop.ArrayObject;
import dev.twasm.model.Limits;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

import java.util.Arrays;

/**
 * A table instance (spec §4.2.7): a growable vector of references ({@link WasmFunction},
 * {@link WasmNull#INSTANCE}, or any host object for externref).
 *
 * <p>Like memories, tables are shared by reference between instances that import them; nodes
 * re-read {@link #elements} on every access because {@code table.grow} replaces the array.
 * This implementation caps tables at {@link #MAX_ELEMENTS} elements, as V8 does; growing past
 * that returns -1, which the spec allows.
 *
 * <p>To embedders a table is an interop array of its references.
 */
public final class WasmTable extends ArrayObject {
    public static final int MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    public Object[] elements;
    private final long max;
    /** The context's cap its elements count against ({@code wasm.MaxContextTableElements}); null when there is none. */
    private ResourceLimits.Account account;
    /** Where this table reports its grows, as reallocations, for the memory tools; null: nowhere. */
    private AllocationReporter reporter;

    public WasmTable(TableType type, Object init) {
        this.type = type;
        this.elements = new Object[(int) type.limits().min()];
        Arrays.fill(elements, init);
        Limits limits = type.limits();
        this.max = limits.hasMax() && Long.compareUnsigned(limits.max(), MAX_ELEMENTS) < 0 ? limits.max() : MAX_ELEMENTS;
    }

    public static boolean canAllocate(Limits limits) {
        return Long.compareUnsigned(limits.min(), MAX_ELEMENTS) <= 0;
    }

    /** Counts this table's grows against {@code limits} (its creation was counted by the creator); null: no cap. */
    public void countAgainst(ResourceLimits.Account limits) {
        this.account = limits;
    }

    public TableType type() {
        return type;
    }

    public ValType elemType() {
        return type.elemType();
    }

    public int size() {
        return elements.length;
    }

    /** The limits that describe this table now, for import matching (spec §4.5.2). */
    public Limits currentLimits() {
        return type.limits().withMin(size());
    }

    /** {@code table.grow} (spec §4.4.6): returns the old size, or -1 when the maximum would be exceeded. */
    @TruffleBoundary
    public int grow(long delta, Object init) {
        int old = elements.length;
        long newSize = old + delta;
        if (delta < 0 || newSize > max) {
            return -1;
        }
        ResourceLimits.Account limits = account;
        if (limits != null && !limits.reserve(delta)) {
            return -1; // the context's cap (wasm.MaxContextTableElements)
        }
        Allocations.growing(reporter, this, bytes(old), bytes(newSize));
        try {
            Object[] grown = Arrays.copyOf(elements, (int) newSize);
            Arrays.fill(grown, old, (int) newSize, init);
            elements = grown;
        } catch (OutOfMemoryError e) {
            Allocations.grown(reporter, this, bytes(old), bytes(old));
            if (limits != null) {
                limits.release(delta);
            }
            return -1;
        }
        Allocations.grown(reporter, this, bytes(old), bytes(newSize));
        return old;
    }

    /** Reports this table's grows to {@code reporter} (its creation was reported by the creator; see {@code instrument.Allocations}). */
    public void reportTo(AllocationReporter reporter) {
        this.reporter = reporter;
    }

    /** The bytes reported for a table of {@code elements} (a reference each). */
    public static long bytes(long elements) {
        return elements * 8;
    }

    // ---- interop: the table as an array ------------------------------------------------------

    @Override
    protected long length() {
        return elements.length;
    }

    @Override
    protected Object element(long index) {
        return elements[(int) index];
    }

    @Override
    protected ValType elementType() {
        return type.elemType();
    }

    @Override
    protected boolean appendable() {
        return true;
    }

    @Override
    protected boolean append(Object value) {
        return grow(1, value) >= 0;
    }

    @Override
    protected void setElement(long index, Object value) {
        elements[(int) index] = value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "table " + type.elemType() + " (" + elements.length + " elements)";
    }
}
