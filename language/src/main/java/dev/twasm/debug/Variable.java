package dev.twasm.debug;

/**
 * A formal parameter ({@code DW_TAG_formal_parameter}) or local variable ({@code DW_TAG_variable})
 * of a subprogram.
 *
 * @param parameter whether it is a formal parameter of the subprogram itself (false for the
 *            parameters of a call inlined into it)
 * @param location where its value is; {@link Location.Unknown} for a location list, whose entry
 *            for one instruction {@link DebugInfo#locationAt(Variable, int)} gives
 * @param type its type, never null ({@link VariableType#UNKNOWN} when DWARF gives none)
 * @param scopeLowModuleOffset with {@code scopeHighModuleOffset}: the module-offset range of its
 *            innermost lexical block or inlined call, or of the subprogram when there is none
 */
public record Variable(String name, boolean parameter, Location location, VariableType type, int scopeLowModuleOffset,
                int scopeHighModuleOffset) {

    /** Whether the variable is in scope at the instruction at this module offset. */
    public boolean inScope(int moduleOffset) {
        return moduleOffset >= scopeLowModuleOffset && moduleOffset < scopeHighModuleOffset;
    }
}
