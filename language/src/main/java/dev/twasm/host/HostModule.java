package dev.twasm.host;

import com.oracle.truffle.api.TruffleLanguage;

/**
 * The engine-wide part of a built-in host module (see {@link HostModuleProvider}): its functions,
 * each a call target shared by all contexts of the engine, and a factory for its per-context state.
 *
 * <p>When an instance imports function {@code name} of the module, the linker binds
 * {@link #function(String) function(name)} to a {@link HostCaller} holding the context's state and
 * the importing instance; the call target receives that caller as its context argument.
 */
public interface HostModule {
    /** The function the module exports as {@code name}, or null if it has none. */
    HostFunction function(String name);

    /**
     * Creates the module's state for one context (for WASI: its file descriptors, arguments,
     * environment and clocks). Called on the first import of the module in a context.
     *
     * @throws IllegalArgumentException with a message for the user when the context's
     *             configuration does not allow creating it; the import then fails to link
     */
    Object createState(TruffleLanguage.Env env);
}
