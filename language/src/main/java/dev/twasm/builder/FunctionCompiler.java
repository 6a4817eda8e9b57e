package dev.twasm.builder;

import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmModule;

/**
 * Turns one validated function of a module into something executable. The only place that knows
 * both the module model and the nodes; kept behind this small interface so the execution strategy
 * can change without touching the decoder, the validator or the runtime.
 */
public interface FunctionCompiler {
    /** Builds the root node of defined function {@code functionIndex} (an index in the function space). */
    WasmRootNode compile(WasmModule module, int functionIndex);

    /** The default strategy: self-specializing expression trees ({@link FunctionBuilder}). */
    static FunctionCompiler trees() {
        return (module, functionIndex) -> new FunctionBuilder(module, functionIndex).build();
    }
}
