package dev.twasm;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;

/**
 * Per-context state of the language. Wasm code never reaches this from shared nodes (instances
 * arrive through call arguments); it holds the context's environment for the host interface
 * (standard streams, options, file access).
 */
public final class WasmContext {
    private static final TruffleLanguage.ContextReference<WasmContext> REFERENCE = TruffleLanguage.ContextReference.create(WasmLanguage.class);

    private final TruffleLanguage.Env env;

    WasmContext(TruffleLanguage.Env env) {
        this.env = env;
    }

    public TruffleLanguage.Env env() {
        return env;
    }

    public static WasmContext get(Node node) {
        return REFERENCE.get(node);
    }
}
