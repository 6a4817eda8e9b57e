package dev.twasm;

import com.oracle.truffle.api.Option;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

/** The language's options, set as {@code wasm.<Name>} on a context or engine builder. */
@Option.Group(WasmLanguage.ID)
public final class WasmOptions {
    @Option(help = "Maximum depth of nested Wasm calls; deeper calls trap (call stack exhausted). "
                    + "Deep recursion also needs a thread stack large enough for it (java -Xss).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "[1, inf)")
    public static final OptionKey<Integer> MaxCallDepth = new OptionKey<>(10_000);

    private WasmOptions() {
    }
}
