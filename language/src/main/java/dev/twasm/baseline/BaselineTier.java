package dev.twasm.baseline;

import dev.twasm.builder.FunctionCompiler;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmModule;
import dev.twasm.validation.FunctionFacts;

/**
 * Adds the baseline tier to the roots another {@link FunctionCompiler} creates: each root gets a
 * {@link BaselineFunction} over its module's shared {@link BaselineModule}.
 *
 * <p>A function whose body exceeds {@link #GRAAL_MAX_BODY_BYTES} never leaves the tier. Graal's
 * compile time grows faster than the code: the 120 KB {@code run} of the {@code large} benchmark
 * was still in Graal's lowering after 35 s of a compiler thread, while its AST ran 2.6 times slower
 * than its baseline code (split into {@link Region}s, which HotSpot compiles in milliseconds).
 * GraalWasm gives up on that function too (too many loop explosion iterations) and interprets it.
 */
public final class BaselineTier {
    /** Functions with more bytes of Wasm code than this stay in the baseline tier. */
    static final int GRAAL_MAX_BODY_BYTES = 32 * 1024;

    private BaselineTier() {
    }

    /**
     * Wraps {@code trees} so every root it creates starts in baseline mode.
     *
     * @param threshold the work (calls plus loop iterations) after which a root leaves baseline mode
     * @param strict whether a function that fails to translate for an unexpected reason is an error
     *            rather than a silent fallback to the AST (for tests)
     */
    public static FunctionCompiler withBaseline(FunctionCompiler trees, long threshold, boolean strict) {
        return new FunctionCompiler() {
            private BaselineModule current;

            @Override
            public WasmRootNode compile(WasmModule module, int functionIndex, FunctionFacts facts) {
                WasmRootNode root = trees.compile(module, functionIndex, facts);
                if (current == null || current.module() != module) {
                    current = new BaselineModule(module, strict);
                }
                boolean tooLargeForGraal = module.model().definedFunction(functionIndex).body().code().length > GRAAL_MAX_BODY_BYTES;
                root.enableBaseline(new BaselineFunction(current, functionIndex, tooLargeForGraal ? Long.MAX_VALUE : threshold, !facts.usesVectors()));
                return root;
            }
        };
    }
}
