package dev.twasm.exception;

/**
 * A module was rejected before instantiation: it is malformed (cannot be decoded or parsed) or
 * invalid (decodes but breaks a validation rule). Plain Java, so the decoder, text parser and
 * validator stay free of Truffle; {@code WasmLanguage} turns it into a polyglot syntax error.
 *
 * <p>{@link #reason()} is the spec's wording (what the official test suite expects, e.g.
 * "unexpected end" or "type mismatch"); {@link #getMessage()} adds where it happened.
 */
public abstract sealed class ModuleException extends RuntimeException permits MalformedModuleException, InvalidModuleException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String location;

    protected ModuleException(String reason, String location) {
        super(null, null, false, false);
        this.reason = reason;
        this.location = location;
    }

    /** The spec's description of the problem, without location. */
    public String reason() {
        return reason;
    }

    /** Where the problem is, e.g. {@code at byte offset 0x1f}, or null. */
    public String location() {
        return location;
    }

    /** "malformed module" or "invalid module". */
    public abstract String category();

    @Override
    public String getMessage() {
        return category() + ": " + reason + (location == null ? "" : " (" + location + ")");
    }

    static String atOffset(int offset) {
        return offset < 0 ? null : "at byte offset " + offset + " (0x" + Integer.toHexString(offset) + ")";
    }
}
