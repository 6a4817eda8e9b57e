package dev.twasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.host.HostFunctionRootNode;
import dev.twasm.host.HostModule;
import dev.twasm.host.HostModuleProvider;
import dev.twasm.model.FuncType;

import java.util.concurrent.ConcurrentHashMap;

/**
 * State shared by everything one polyglot engine runs: the canonical function type ids and the
 * call targets that invoke host functions, one per function type, the engine-wide part of each
 * built-in host module in use, and the handles of shared memories ({@link SharedMemories}). Owned by the language instance,
 * of which the language's {@code ContextPolicy.SHARED} makes one per engine.
 */
public final class EngineState {
    private final TruffleLanguage<?> language;
    private final TypeRegistry types;
    private final ConcurrentHashMap<FuncType, CallTarget> hostFunctionTargets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HostModule> builtinModules = new ConcurrentHashMap<>();
    /**
     * One registry for the whole JVM, not per language instance: contexts of one engine whose
     * options are incompatible (GraalJS's {@code js.webassembly} contexts, for one) get language
     * instances of their own, and a shared memory may pass between all of them. Handles are
     * unguessable and held weakly, so one registry isolates nothing less.
     */
    private static final SharedMemories SHARED_MEMORIES = new SharedMemories();

    public EngineState(TruffleLanguage<?> language) {
        this.language = language;
        this.types = new TypeRegistry(language);
    }

    public TruffleLanguage<?> language() {
        return language;
    }

    public TypeRegistry types() {
        return types;
    }

    /** The shared memories handed from one context to another, by handle. */
    public SharedMemories sharedMemories() {
        return SHARED_MEMORIES;
    }

    /** The call target through which Wasm calls host functions of {@code type}. */
    @TruffleBoundary
    public CallTarget hostFunctionTarget(FuncType type) {
        return hostFunctionTargets.computeIfAbsent(type, t -> new HostFunctionRootNode(language, t).getCallTarget());
    }

    /** The engine-wide part of the built-in module {@code provider} provides, created on first use. */
    @TruffleBoundary
    public HostModule builtinModule(HostModuleProvider provider) {
        return builtinModules.computeIfAbsent(provider.moduleName(), name -> provider.createModule(language));
    }
}
