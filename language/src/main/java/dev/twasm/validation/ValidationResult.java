package dev.twasm.validation;

import java.util.List;

/**
 * The outcome of validating a module: the {@link FunctionFacts} of each function the module
 * defines, in the order of {@code Module.functions()} (imported functions have none).
 */
public record ValidationResult(List<FunctionFacts> functions) {
    public ValidationResult {
        functions = List.copyOf(functions);
    }

    /** The facts of the {@code definedIndex}-th defined function (not a function-space index). */
    public FunctionFacts function(int definedIndex) {
        return functions.get(definedIndex);
    }
}
