package dev.twasm;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.host.HostModule;
import dev.twasm.runtime.CallStack;
import dev.twasm.runtime.ResourceLimits;
import dev.twasm.runtime.WasmMemory;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-context state of the language. Wasm code never reaches this from shared nodes (instances
 * arrive through call arguments); it holds the context's environment for the host interface
 * (standard streams, options, file access) and the state of each built-in host module imported in
 * this context (for WASI: its file descriptors), which all instances of the context share.
 */
public final class WasmContext {
    private static final TruffleLanguage.ContextReference<WasmContext> REFERENCE = TruffleLanguage.ContextReference.create(WasmLanguage.class);

    private final TruffleLanguage.Env env;
    private final CallStack callStack;
    private final WasmMemory.Memory64Limits memory64Limits;
    private final Map<String, Object> builtinModuleStates = new HashMap<>();
    private final ResourceLimits limits;
    /** The deadline of calls from the host in nanoseconds ({@code wasm.Timeout}); 0 for none. */
    private final long timeoutNanos;

    WasmContext(TruffleLanguage.Env env) {
        this.env = env;
        this.callStack = new CallStack(env.getOptions().get(WasmOptions.MaxCallDepth));
        this.memory64Limits = new WasmMemory.Memory64Limits(env.getOptions().get(WasmOptions.MaxMemory64Bytes),
                        env.getOptions().get(WasmOptions.Memory64ArrayPages));
        this.limits = new ResourceLimits(env.getOptions().get(WasmOptions.Fuel), env.getOptions().get(WasmOptions.MaxContextMemory),
                        env.getOptions().get(WasmOptions.MaxContextTableElements));
        this.timeoutNanos = env.getOptions().get(WasmOptions.Timeout).toNanos();
    }

    /** This context's fuel and memory and table caps (options {@code wasm.Fuel}, {@code wasm.MaxContextMemory}, {@code wasm.MaxContextTableElements}). */
    public ResourceLimits limits() {
        return limits;
    }

    /** How long one call from the host into Wasm may run, in nanoseconds ({@code wasm.Timeout}); 0 for no deadline. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** The layout and size limit of this context's 64-bit memories (options {@code wasm.MaxMemory64Bytes}, {@code wasm.Memory64ArrayPages}). */
    public WasmMemory.Memory64Limits memory64Limits() {
        return memory64Limits;
    }

    /** The depth counter of nested Wasm calls in this context. */
    public CallStack callStack() {
        return callStack;
    }

    public TruffleLanguage.Env env() {
        return env;
    }

    /**
     * This context's state of the built-in module {@code name}, created by {@code module} on first
     * use (see {@link HostModule#createState}).
     */
    @TruffleBoundary
    public synchronized Object builtinModuleState(String name, HostModule module) {
        Object state = builtinModuleStates.get(name);
        if (state == null) {
            state = module.createState(env);
            builtinModuleStates.put(name, state);
        }
        return state;
    }

    public static WasmContext get(Node node) {
        return REFERENCE.get(node);
    }
}
