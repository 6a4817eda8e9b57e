package dev.twasm.debug;

/**
 * Malformed DWARF: thrown inside the decoder only, where a unit is read, and caught there to skip
 * the unit (never seen by callers of {@link DebugInfo}).
 */
final class DwarfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DwarfFormatException(String message) {
        super(message, null, false, false);
    }
}
