package dev.twasm.host;

import com.oracle.truffle.api.TruffleLanguage;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionValues;

/**
 * A module of host functions built into the engine and importable by its module name, such as
 * WASI's {@code wasi_snapshot_preview1}. Implementations are found with {@link java.util.ServiceLoader}
 * (declare them with {@code provides dev.twasm.host.HostModuleProvider with ...} in the
 * implementing module, and in {@code META-INF/services} for the class path).
 *
 * <p>Linking (spec §4.5.4 step 3) consults a built-in module only for an import whose module name
 * the embedder's imports object does not define, so an embedder can always replace it. A built-in
 * module is importable only in contexts where {@link #isEnabled} holds; elsewhere importing it is a
 * link error that names {@link #enablingOption()}.
 *
 * <p>The provider is stateless. {@link #createModule} builds the engine-wide part (the functions'
 * call targets, shared by every context of an engine, as the language's
 * {@code ContextPolicy.SHARED} requires); {@link HostModule#createState} builds the per-context part.
 */
public interface HostModuleProvider {
    /** The import module name, e.g. {@code "wasi_snapshot_preview1"}. */
    String moduleName();

    /** The options this module adds to the language, each named {@code wasm.<Name>}. */
    OptionDescriptors optionDescriptors();

    /** The boolean option that enables the module, e.g. {@code "wasm.Wasi"}; quoted in link errors. */
    String enablingOption();

    /** Whether a context with these options may import the module. */
    boolean isEnabled(OptionValues options);

    /** Creates the engine-wide part of the module; called once per engine, on first use. */
    HostModule createModule(TruffleLanguage<?> language);
}
