package dev.twasm.baseline;

import dev.twasm.builder.FunctionCompiler;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmModule;
import dev.twasm.validation.FunctionFacts;

/**
 * Adds the baseline tier to the roots another {@link FunctionCompiler} creates: each root gets a
 * {@link BaselineFunction} over its module's shared {@link BaselineModule}.
 */
public final class BaselineTier {
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
                root.enableBaseline(new BaselineFunction(current, functionIndex, threshold));
                return root;
            }
        };
    }
}
