package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.host.HostModule;
import dev.twasm.host.HostModuleProvider;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionValues;

/**
 * Installs WASI ({@code wasi_snapshot_preview1}) as a built-in host module of the engine, found by
 * the language through {@link java.util.ServiceLoader}. Enabled per context by {@code wasm.Wasi}.
 */
public final class WasiProvider implements HostModuleProvider {
    public static final String MODULE_NAME = "wasi_snapshot_preview1";

    @Override
    public String moduleName() {
        return MODULE_NAME;
    }

    @Override
    public OptionDescriptors optionDescriptors() {
        return new WasiOptionsOptionDescriptors();
    }

    @Override
    public String enablingOption() {
        return "wasm.Wasi";
    }

    @Override
    public boolean isEnabled(OptionValues options) {
        return options.get(WasiOptions.Wasi);
    }

    @Override
    public HostModule createModule(TruffleLanguage<?> language) {
        return new WasiModule(language);
    }
}
