package dev.twasm.instrument;

import java.util.function.Supplier;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import dev.twasm.gc.ArrayElements;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.StructLayout;
import dev.twasm.gc.WasmArray;
import dev.twasm.gc.WasmStruct;

/**
 * Tells Truffle's {@link AllocationReporter} (the memory tracer {@code --memtracer}, the heap
 * monitor {@code --heapmonitor}) about the objects Wasm code creates: GC structs and arrays
 * ({@code struct.new}, {@code array.new*}, in every tier and in constant expressions), and the
 * memories and tables of an instance, reported again, as reallocations, when they grow.
 *
 * <p>Every report is a pair around the allocation, {@code onEnter} before it and
 * {@code onReturnValue} after it, as the reporter's contract asks (with assertions on it checks
 * the pairing). The reporter is one per engine and language ({@code WasmLanguage.allocationReporter}),
 * so AST nodes read it from the language, a constant in compiled code, where both calls then fold
 * to nothing while no tool listens (the reporter's listener array is a compilation-final field
 * guarded by an assumption). A null reporter (modules outside a language: unit tests of the
 * runtime) reports nothing.
 *
 * <p>Sizes are in bytes, estimated from the payload (the fields or elements, the memory's
 * bytes); the reporter has no empty objects, so an empty array or a memory of zero pages is of
 * unknown size.
 */
public final class Allocations {
    /** The bytes counted for a struct's or array's own object besides its payload (a JVM object header and the type). */
    private static final long OBJECT_BYTES = 16;

    private Allocations() {
    }

    /**
     * A new struct of {@code type}, reported: {@code struct.new}'s allocation (fields
     * uninitialised, the caller sets them all) or, with {@code defaults}, {@code struct.new_default}'s.
     */
    public static WasmStruct struct(AllocationReporter reporter, DefinedType type, boolean defaults) {
        StructLayout layout = type.layout();
        long bytes = OBJECT_BYTES + layout.payloadBytes();
        allocating(reporter, bytes);
        WasmStruct struct = defaults ? layout.allocateDefault(type) : layout.allocate(type);
        return allocated(reporter, struct, bytes);
    }

    /** A new array of {@code type} with {@code length} (unsigned) default elements, reported ({@link ArrayElements#allocate(DefinedType, int)}). */
    public static WasmArray array(AllocationReporter reporter, DefinedType type, int length) {
        long bytes = arrayBytes(type, length);
        allocating(reporter, bytes);
        return allocated(reporter, ArrayElements.allocate(type, length), bytes);
    }

    /** {@code array.new}: a new array of {@code length} copies of {@code value} (boxed), reported. */
    public static WasmArray array(AllocationReporter reporter, DefinedType type, int length, Object value) {
        long bytes = arrayBytes(type, length);
        allocating(reporter, bytes);
        return allocated(reporter, ArrayElements.allocate(type, length, value), bytes);
    }

    /**
     * A memory or table (outside compiled code: instantiation, the JS API), reported: {@code create}
     * makes it, of {@code bytes}; it then reports its own grows ({@code reportTo}).
     */
    public static <T> T created(AllocationReporter reporter, long bytes, Supplier<T> create) {
        allocating(reporter, bytes);
        return allocated(reporter, create.get(), bytes);
    }

    private static long arrayBytes(DefinedType type, int length) {
        return OBJECT_BYTES + Integer.toUnsignedLong(length) * type.element().bytes();
    }

    /** Before a new object of about {@code bytes} is allocated. */
    public static void allocating(AllocationReporter reporter, long bytes) {
        if (reporter != null) {
            reporter.onEnter(null, 0, size(bytes));
        }
    }

    /** After {@code value}, of {@code bytes}, was allocated (following {@link #allocating}); returns it. */
    public static <T> T allocated(AllocationReporter reporter, T value, long bytes) {
        if (reporter != null) {
            reporter.onReturnValue(value, 0, size(bytes));
        }
        return value;
    }

    /** Before {@code value} of {@code oldBytes} grows to {@code newBytes}. */
    public static void growing(AllocationReporter reporter, Object value, long oldBytes, long newBytes) {
        if (reporter != null) {
            reporter.onEnter(value, size(oldBytes), size(newBytes));
        }
    }

    /**
     * After a grow announced by {@link #growing}: {@code value} is now of {@code newBytes}
     * ({@code oldBytes} again when the allocation failed and nothing changed).
     */
    public static void grown(AllocationReporter reporter, Object value, long oldBytes, long newBytes) {
        if (reporter != null) {
            reporter.onReturnValue(value, size(oldBytes), size(newBytes));
        }
    }

    private static long size(long bytes) {
        return bytes > 0 ? bytes : AllocationReporter.SIZE_UNKNOWN;
    }
}
