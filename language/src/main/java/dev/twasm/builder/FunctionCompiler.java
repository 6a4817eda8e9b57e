package dev.twasm.builder;

import dev.twasm.WasmLanguage;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Module;
import dev.twasm.nodes.ValueKind;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmModule;
import dev.twasm.validation.FunctionFacts;

/**
 * Turns one validated function of a module into something executable. The only place that knows
 * both the module model and the nodes; kept behind this small interface so the execution strategy
 * can change without touching the decoder, the validator or the runtime.
 */
public interface FunctionCompiler {
    /**
     * The root node of defined function {@code functionIndex} (an index in the function space). Its
     * body may be built later, on the function's first call.
     */
    WasmRootNode compile(WasmModule module, int functionIndex, FunctionFacts facts);

    /**
     * The default strategy: self-specializing expression trees ({@link FunctionBuilder}), built
     * lazily. The frame layout depends only on the locals and the validator's maximum operand
     * height, so the root exists before its body; functions that never run are never built.
     */
    static FunctionCompiler trees() {
        return (module, functionIndex, facts) -> {
            Module model = module.model();
            FuncType type = model.functionType(functionIndex);
            Function function = model.definedFunction(functionIndex);
            int localCount = type.paramCount() + function.locals().length;
            boolean fuel = WasmLanguage.fuelMetered(module.language());
            WasmRootNode root = new WasmRootNode(module, functionIndex, FunctionBuilder.frameDescriptor(localCount, facts, fuel),
                            model.functionDisplayName(functionIndex), ValueKind.of(type.params()), ValueKind.of(function.locals()),
                            ValueKind.of(type.results()), FunctionBuilder.resultSlot(localCount), FunctionBuilder.tailCallSlot(localCount, facts), facts.loops(),
                            () -> new FunctionBuilder(module, functionIndex, facts).build());
            if (fuel) {
                root.chargeFuelOnEntry(FuelCosts.of(function.body()).entry());
            }
            return root;
        };
    }
}
