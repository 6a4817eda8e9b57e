package dev.twasm.runtime;

import dev.twasm.host.HostModuleProvider;
import org.graalvm.options.OptionDescriptors;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The built-in host modules on the module path (or class path), found once per JVM through
 * {@link ServiceLoader} (see {@link HostModuleProvider}). With none installed, the engine is plain
 * Wasm: every import must come from the embedder.
 */
public final class BuiltinModules {
    private static final List<HostModuleProvider> PROVIDERS = load();

    private BuiltinModules() {
    }

    private static List<HostModuleProvider> load() {
        Module self = HostModuleProvider.class.getModule();
        ServiceLoader<HostModuleProvider> loader = self.isNamed() && self.getLayer() != null
                        ? ServiceLoader.load(self.getLayer(), HostModuleProvider.class)
                        : ServiceLoader.load(HostModuleProvider.class, HostModuleProvider.class.getClassLoader());
        List<HostModuleProvider> providers = new ArrayList<>();
        loader.forEach(providers::add);
        return List.copyOf(providers);
    }

    /** The provider of the built-in module named {@code moduleName}, or null. */
    public static HostModuleProvider find(String moduleName) {
        for (HostModuleProvider provider : PROVIDERS) {
            if (provider.moduleName().equals(moduleName)) {
                return provider;
            }
        }
        return null;
    }

    /** The options of all built-in modules, to add to the language's own. */
    public static List<OptionDescriptors> optionDescriptors() {
        return PROVIDERS.stream().map(HostModuleProvider::optionDescriptors).toList();
    }
}
