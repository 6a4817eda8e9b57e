package dev.twasm.validation;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.Module;

/** Validates a module (spec §3). STUB: being written. */
public final class Validator {
    private Validator() {
    }

    /** Validates {@code module}; throws {@link InvalidModuleException} on the first violation. */
    public static void validate(Module module) {
    }
}
