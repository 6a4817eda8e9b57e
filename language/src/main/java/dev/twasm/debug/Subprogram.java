package dev.twasm.debug;

import java.util.List;

/**
 * A function of the source program ({@code DW_TAG_subprogram}) with code in the module.
 *
 * @param name the source name, or null when DWARF gives none
 * @param lowModuleOffset the module offset of its first code byte (the start of the Wasm function
 *            body, at its locals)
 * @param highModuleOffset the module offset right past its last code byte
 * @param file the file it is declared in, or null
 * @param line its declaration line, or 0
 * @param frameBase where its frame base ({@code DW_AT_frame_base}) is, against which
 *            {@link Location.FrameOffset} locations count
 * @param variables its formal parameters and local variables, those of nested lexical blocks and
 *            of inlined calls included, in the order of the DWARF
 */
public record Subprogram(String name, int lowModuleOffset, int highModuleOffset, SourceFile file, int line, FrameBase frameBase,
                List<Variable> variables) {

    /** Whether the instruction at this module offset belongs to it. */
    public boolean contains(int moduleOffset) {
        return moduleOffset >= lowModuleOffset && moduleOffset < highModuleOffset;
    }
}
