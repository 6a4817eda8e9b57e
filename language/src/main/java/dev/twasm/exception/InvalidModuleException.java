package dev.twasm.exception;

/**
 * The module decodes but breaks a validation rule (spec §3 "Validation"). The reason uses the
 * wording of the spec's reference interpreter ("type mismatch", "unknown local", ...) so the
 * official {@code assert_invalid} tests can check it.
 */
public final class InvalidModuleException extends ModuleException {
    private static final long serialVersionUID = 1L;

    public InvalidModuleException(String reason, String location) {
        super(reason, location);
    }

    /** An error in code at {@code byteOffset} of the module (negative if unknown). */
    public InvalidModuleException(String reason, int byteOffset) {
        super(reason, atOffset(byteOffset));
    }

    @Override
    public String category() {
        return "invalid module";
    }
}
