package dev.twasm.exception;

/**
 * The input is not a well-formed module (spec §5 "Binary Format", §6 "Text Format"): a decoding
 * or parsing error. The reason uses the wording of the spec's reference interpreter so the official
 * {@code assert_malformed} tests can check it.
 */
public final class MalformedModuleException extends ModuleException {
    private static final long serialVersionUID = 1L;

    /** A binary decoding error at {@code byteOffset} in the module (negative if unknown). */
    public MalformedModuleException(String reason, int byteOffset) {
        super(reason, atOffset(byteOffset));
    }

    /** A text parsing error at a line and column (both 1-based). */
    public MalformedModuleException(String reason, int line, int column) {
        super(reason, "at line " + line + ", column " + column);
    }

    /** An error with a free-form location (or none, when {@code location} is null). */
    public MalformedModuleException(String reason, String location) {
        super(reason, location);
    }

    @Override
    public String category() {
        return "malformed module";
    }
}
