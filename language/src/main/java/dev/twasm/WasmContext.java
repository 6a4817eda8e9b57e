package dev.twasm;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.runtime.CallStack;

/**
 * Per-context state of the language. Wasm code never reaches this from shared nodes (instances
 * arrive through call arguments); it holds the context's environment for the host interface
 * (standard streams, options, file access).
 */
public final class WasmContext {
    private static final TruffleLanguage.ContextReference<WasmContext> REFERENCE = TruffleLanguage.ContextReference.create(WasmLanguage.class);

    private final TruffleLanguage.Env env;
    private final CallStack callStack;

    WasmContext(TruffleLanguage.Env env) {
        this.env = env;
        this.callStack = new CallStack(env.getOptions().get(WasmOptions.MaxCallDepth));
    }

    /** The depth counter of nested Wasm calls in this context. */
    public CallStack callStack() {
        return callStack;
    }

    public TruffleLanguage.Env env() {
        return env;
    }

    public static WasmContext get(Node node) {
        return REFERENCE.get(node);
    }
}
