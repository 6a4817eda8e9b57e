package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.host.HostModule;
import dev.twasm.host.HostModuleProvider;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionValues;

/**
 * Installs wasi-threads (import module {@code "wasi"}, function {@code thread-spawn}) as a built-in
 * host module, enabled per context by {@code wasm.WasiThreads}. Its option is declared with WASI's
 * ({@link WasiOptions}), which {@link WasiProvider} installs, so this provider adds none.
 */
public final class WasiThreadsProvider implements HostModuleProvider {
    public static final String MODULE_NAME = "wasi";

    @Override
    public String moduleName() {
        return MODULE_NAME;
    }

    @Override
    public OptionDescriptors optionDescriptors() {
        return OptionDescriptors.EMPTY;
    }

    @Override
    public String enablingOption() {
        return "wasm.WasiThreads";
    }

    @Override
    public boolean isEnabled(OptionValues options) {
        return options.get(WasiOptions.WasiThreads);
    }

    @Override
    public HostModule createModule(TruffleLanguage<?> language) {
        return new WasiThreadsModule(language);
    }
}
