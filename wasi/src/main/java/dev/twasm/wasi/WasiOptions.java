package dev.twasm.wasi;

import com.oracle.truffle.api.Option;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

import java.util.List;

/**
 * WASI's options, part of the language's ({@code wasm.<Name>}) when this module is installed. Set
 * them on a context builder ({@code .option("wasm.Wasi", "true")}) or on the command line
 * ({@code --wasm.Wasi=true}).
 */
@Option.Group("wasm")
public final class WasiOptions {
    @Option(help = "Lets modules import wasi_snapshot_preview1 (WASI). Program arguments come from Context.Builder.arguments (language wasm), "
                    + "the environment from the context's environment, standard streams from the context's streams.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "true|false")
    public static final OptionKey<Boolean> Wasi = new OptionKey<>(false);

    @Option(help = "Directories WASI modules may access, as comma-separated HOST[::GUEST] entries (GUEST defaults to HOST); "
                    + "they become preopened descriptors 3, 4, ... in this order. Nothing is granted by default.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<host>[::<guest>],...")
    public static final OptionKey<List<DirMapping>> WasiMapDirs = new OptionKey<>(List.of(), DirMapping.LIST_TYPE);

    @Option(help = "Lets modules import thread-spawn of module wasi (wasi-threads): each call starts a thread that runs a new instance of the "
                    + "calling module, linked against the same imports (so they share its imported shared memory), from its export wasi_thread_start. "
                    + "The context must allow creating threads.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "true|false")
    public static final OptionKey<Boolean> WasiThreads = new OptionKey<>(false);

    private WasiOptions() {
    }
}
