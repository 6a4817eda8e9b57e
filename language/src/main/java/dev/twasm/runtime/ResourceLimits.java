package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.exception.WasmTrap;

/**
 * The limits of one context for untrusted code: its remaining fuel (option {@code wasm.Fuel}) and
 * the linear-memory bytes and table elements its memories and tables hold, against the caps
 * {@code wasm.MaxContextMemory} and {@code wasm.MaxContextTableElements}. Every instance of the
 * context reaches the one object ({@link WasmInstance#limits}); the deadline
 * ({@code wasm.Timeout}) lives in {@link Deadlines} instead, since it needs no state on the hot
 * path.
 *
 * <p><b>Fuel.</b> Code charges a static cost, computed when the function is built
 * ({@code builder.FuelCosts}), at the places the cost rule names: function entry and the start of
 * every loop iteration. {@link #chargeFuel} subtracts and traps with "all fuel consumed" once the
 * remainder is negative, so fuel exactly equal to the total cost runs and one less traps; the
 * remainder then stays negative, and every later charge of the context traps as well. Whether
 * code charges at all is decided when it is built, from the language instance's options
 * ({@code WasmLanguage.fuelMetered}): code built without fuel has no charge. The field is plain,
 * as {@link CallStack}'s depth: threads of one context that run at once share it approximately.
 *
 * <p><b>Memory and tables.</b> Each memory and table a context creates is counted from its
 * creation on (an {@link Account}, one for memories, one for tables), as is each grow; nothing is
 * given back (a memory the program drops stays counted until the context closes), so the totals
 * are exactly the sizes of everything the context ever created. Memories and tables created
 * while no cap is set carry no reference to this object and pay nothing when they grow.
 */
public final class ResourceLimits {
    /** Limits of nothing: instantiation outside a context's options (tests of the runtime). */
    public static final ResourceLimits UNLIMITED = new ResourceLimits(0, 0, 0);

    /** The fuel left; meaningful only in code built with fuel (negative once exhausted). */
    public long fuel;
    private final Account memory;
    private final Account tables;

    /**
     * @param fuel the initial fuel ({@code wasm.Fuel}; 0: unlimited, and code does not charge)
     * @param maxMemoryBytes the cap on linear-memory bytes, 0 for none
     * @param maxTableElements the cap on table elements, 0 for none
     */
    public ResourceLimits(long fuel, long maxMemoryBytes, long maxTableElements) {
        this.fuel = fuel;
        this.memory = new Account("memory", "bytes", maxMemoryBytes, "wasm.MaxContextMemory");
        this.tables = new Account("table", "elements", maxTableElements, "wasm.MaxContextTableElements");
    }

    /**
     * Charges {@code cost} units of fuel; traps with {@link TrapKind#FUEL_EXHAUSTED} when the fuel
     * left is below zero afterwards. In compiled code a load, a subtraction, a store and a compare.
     */
    public void chargeFuel(long cost, Node location) {
        long left = fuel - cost;
        fuel = left;
        if (left < 0) {
            CompilerDirectives.transferToInterpreter();
            throw outOfFuel(location);
        }
    }

    /**
     * The trap of a loop that counted its fuel in a frame slot and ran out; the loop writes the
     * (negative) remainder back to {@link #fuel} as it is left.
     */
    @TruffleBoundary
    public static WasmTrap fuelExhausted(Node location) {
        return WasmTrap.create(TrapKind.FUEL_EXHAUSTED, location);
    }

    @TruffleBoundary
    private WasmTrap outOfFuel(Node location) {
        // Stay negative without drifting towards an overflow however many charges follow.
        fuel = -1;
        return WasmTrap.create(TrapKind.FUEL_EXHAUSTED, location);
    }

    /** The account of linear-memory bytes when there is a cap, else null (memories then hold no reference). */
    public Account memoryAccount() {
        return memory.max > 0 ? memory : null;
    }

    /** The account of table elements when there is a cap, else null. */
    public Account tableAccount() {
        return tables.max > 0 ? tables : null;
    }

    /** Bytes of linear memory counted so far. */
    public long memoryBytes() {
        return memory.used();
    }

    /** Table elements counted so far. */
    public long tableElements() {
        return tables.used();
    }

    /** What a context's memories (in bytes) or tables (in elements) hold, against a cap. */
    public static final class Account {
        private final String what;
        private final String unit;
        private final long max;
        private final String option;
        private long used;

        Account(String what, String unit, long max, String option) {
            this.what = what;
            this.unit = unit;
            this.max = max;
            this.option = option;
        }

        /** Counts {@code n} more; false (counting nothing) when that would exceed the cap. */
        public synchronized boolean reserve(long n) {
            if (n < 0 || n > max - used) {
                return false;
            }
            used += n;
            return true;
        }

        /** Gives back what was reserved for a grow whose allocation then failed. */
        public synchronized void release(long n) {
            used -= n;
        }

        synchronized long used() {
            return used;
        }

        /** Counts a new memory or table of {@code n}, or throws the error that names the cap (a guest exception). */
        public void reserveNew(long n) {
            if (!reserve(n)) {
                throw limitExceeded(what, n, unit, used(), max, option);
            }
        }
    }

    @TruffleBoundary
    private static WasmRuntimeError limitExceeded(String what, long requested, String unit, long inUse, long max, String option) {
        String used = unit.equals("bytes") ? amount(inUse, unit) : Long.toString(inUse);
        return WasmRuntimeError.create(what + " limit of the context exceeded: " + amount(requested, unit) + " requested, " + used
                        + " of " + amount(max, unit) + " in use (option " + option + ")");
    }

    /** A byte count in the largest binary unit it is a whole multiple of ("1 GiB", "65536 bytes" stays exact). */
    static String amount(long n, String unit) {
        if (!unit.equals("bytes")) {
            return n + " " + unit;
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long v = n;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }
}
