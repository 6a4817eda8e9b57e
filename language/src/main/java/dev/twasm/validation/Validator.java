package dev.twasm.validation;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Module;

/**
 * Validates a module (spec §3 "Validation", Wasm 2.0 without SIMD): the entry point of the
 * {@code validation} stage, between decoding/parsing and node building.
 *
 * <p>The work is split along the spec: {@link ModuleValidator} (§3.4 modules),
 * {@link ConstantExpressionValidator} (§3.3.10 constant expressions), {@link FunctionValidator}
 * (§3.3 instructions, with the §A.3 algorithm over {@link OperandStack} and {@link ControlStack})
 * and {@link ValidationContext} (§3.1.1 the context {@code C}). Errors carry the reference
 * interpreter's wording, which the official {@code assert_invalid} tests expect.
 */
public final class Validator {
    private Validator() {
    }

    /**
     * Validates {@code module}.
     *
     * @throws InvalidModuleException on the first violation, with a location
     * @throws MalformedModuleException when an expression in the module cannot be decoded
     */
    public static void validate(Module module) {
        analyze(module);
    }

    /**
     * Validates {@code module} and returns what validation learned about each defined function
     * (see {@link FunctionFacts}) for the node builder.
     *
     * @throws InvalidModuleException on the first violation, with a location
     * @throws MalformedModuleException when an expression in the module cannot be decoded
     */
    public static ValidationResult analyze(Module module) {
        return analyze(module, Features.WASM_2_0);
    }

    /** {@link #analyze(Module)} accepting what {@code features} allow. */
    public static ValidationResult analyze(Module module, Features features) {
        return new ModuleValidator(module, features).validate();
    }
}
