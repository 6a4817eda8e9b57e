package dev.twasm;

import com.oracle.truffle.api.Option;
import dev.twasm.runtime.WasmMemory;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.options.OptionType;

import java.time.Duration;

/** The language's options, set as {@code wasm.<Name>} on a context or engine builder. */
@Option.Group(WasmLanguage.ID)
public final class WasmOptions {
    @Option(help = "Maximum depth of nested Wasm calls; deeper calls trap (call stack exhausted). "
                    + "Deep recursion also needs a thread stack large enough for it (java -Xss).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "[1, inf)")
    public static final OptionKey<Integer> MaxCallDepth = new OptionKey<>(10_000);

    @Option(help = "Run functions first as JVM bytecode translated from Wasm (the baseline tier), which HotSpot compiles at once; "
                    + "a function moves to the Truffle interpreter and Graal once its work exceeds wasm.BaselineThreshold.", //
                    category = OptionCategory.USER, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> Baseline = new OptionKey<>(true);

    @Option(help = "Work (calls through the function's root plus loop iterations of its baseline code) after which a function "
                    + "leaves the baseline tier for the Truffle interpreter and Graal.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "[0, inf)")
    public static final OptionKey<Long> BaselineThreshold = new OptionKey<>(1_000_000L);

    @Option(help = "Fail instead of falling back to the AST when a function cannot be translated to the baseline tier for a reason "
                    + "other than a JVM limit (for testing the translator).", //
                    category = OptionCategory.INTERNAL, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> BaselineStrict = new OptionKey<>(false);

    @Option(help = "Accept several memories per module and memory indices on memory instructions (Wasm 3.0 multi-memory, on by default); "
                    + "false: Wasm 2.0's rules.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> MultiMemory = new OptionKey<>(true);

    @Option(help = "Accept 64-bit memories and tables (Wasm 3.0 memory64 and table64: i64 addresses, 64-bit offsets, the 3.0 "
                    + "limits encoding; on by default); false: Wasm 2.0's rules.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> Memory64 = new OptionKey<>(true);

    @Option(help = "Let constant expressions read the immutable globals the module defines before them, as Wasm 3.0 does (on by default); "
                    + "false: Wasm 2.0's rules (imported globals only).", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> ExtendedConstants = new OptionKey<>(true);

    @Option(help = "Decode the binary encoding of Wasm 3.0 exception handling (tag section, tag imports and exports, its "
                    + "instructions; on by default); the text format always accepts it. False: Wasm 2.0's rules.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> ExceptionHandling = new OptionKey<>(true);

    @Option(help = "The most bytes a 64-bit memory (memory64) may grow to; memory.grow past it, or past what the JVM heap can "
                    + "allocate, returns -1. 32-bit memories stop just under 2 GiB whatever this says.", //
                    category = OptionCategory.USER, stability = OptionStability.EXPERIMENTAL, usageSyntax = "[0, inf)")
    public static final OptionKey<Long> MaxMemory64Bytes = new OptionKey<>(WasmMemory.DEFAULT_MAX_MEMORY64_BYTES);

    @Option(help = "Pages of a 64-bit memory held in its first array before its 64 MiB chunks begin (at most 32767, the "
                    + "default); fewer only to test the chunks with small memories.", //
                    category = OptionCategory.INTERNAL, stability = OptionStability.EXPERIMENTAL, usageSyntax = "[1, 32767]")
    public static final OptionKey<Integer> Memory64ArrayPages = new OptionKey<>(WasmMemory.MAX_PAGES);

    @Option(help = "Decode the binary encoding of the instructions of Wasm 3.0 typed function references (call_ref, "
                    + "return_call_ref, ref.as_non_null, br_on_null, br_on_non_null); reference types (ref null? ht) are accepted "
                    + "always. On by default; false: Wasm 2.0's rules for those opcodes.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> FunctionReferences = new OptionKey<>(true);

    @Option(help = "Decode the shared flag of memory types (threads proposal) also in Wasm 2.0's binary encoding of limits "
                    + "(wasm.Memory64=false), where 2.0 calls flags 2 and 3 malformed; on by default. The text format's shared and the "
                    + "atomic instructions are accepted always.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL, usageSyntax = "true|false")
    public static final OptionKey<Boolean> Threads = new OptionKey<>(true);

    @Option(help = "Instructions the Wasm code of a context may execute, counted by a static cost charged at function entry and each "
                    + "loop iteration (docs/embedding.md, 'Limits for untrusted code'); when it runs out the code traps with "
                    + "'all fuel consumed'. 0: unlimited (the default, and code then counts nothing).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "[0, inf)")
    public static final OptionKey<Long> Fuel = new OptionKey<>(0L);

    @Option(help = "The longest a call from the host into Wasm (an export, instantiation running a start function, _start of wasm run) "
                    + "may run, as a number with a unit: 500ms, 10s, 2m, 1h (also ns, us, d); past it the call traps with 'deadline "
                    + "exceeded'. 0 or none: no deadline (the default).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<number>(ns|us|ms|s|m|h|d)|none")
    public static final OptionKey<Duration> Timeout = new OptionKey<>(Duration.ZERO, new OptionType<>("duration", WasmOptions::parseDuration));

    @Option(help = "The most bytes that all linear memories a context creates may hold together (their current sizes, shared "
                    + "memories included); creating more is an error, memory.grow past it returns -1. 0: unlimited (the default).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "[0, inf)")
    public static final OptionKey<Long> MaxContextMemory = new OptionKey<>(0L);

    @Option(help = "The most elements that all tables a context creates may hold together; creating more is an error, table.grow "
                    + "past it returns -1. 0: unlimited (the default).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "[0, inf)")
    public static final OptionKey<Long> MaxContextTableElements = new OptionKey<>(0L);

    private WasmOptions() {
    }

    /**
     * The value of {@link #Timeout}: a non-negative number with a unit ({@code 500ms}, {@code 1.5s},
     * {@code 2m}), {@code 0}, or {@code none}. Anything else is an {@link IllegalArgumentException},
     * which the polyglot API reports as an option error naming the option.
     */
    static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.equals("0") || t.equalsIgnoreCase("none")) {
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < t.length() && (Character.isDigit(t.charAt(unitStart)) || t.charAt(unitStart) == '.')) {
            unitStart++;
        }
        String unit = t.substring(unitStart);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> -1L;
        };
        if (unitStart == 0 || nanosPerUnit < 0) {
            throw new IllegalArgumentException("wasm.Timeout: '" + text + "' is not a duration: expected a number and a unit (ns, us, ms, s, m, h, d), "
                            + "such as 500ms, 10s or 2m, or none");
        }
        double nanos;
        try {
            nanos = Double.parseDouble(t.substring(0, unitStart)) * nanosPerUnit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wasm.Timeout: '" + text + "' is not a duration: '" + t.substring(0, unitStart) + "' is not a number");
        }
        if (nanos >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("wasm.Timeout: '" + text + "' is too long a duration");
        }
        return Duration.ofNanos((long) nanos);
    }
}
