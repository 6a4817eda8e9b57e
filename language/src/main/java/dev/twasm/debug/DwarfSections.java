package dev.twasm.debug;

import dev.twasm.model.CustomSection;
import dev.twasm.model.Module;

/**
 * The DWARF custom sections of one module by their names (DWARF 5 §7 and Appendix B, and
 * "DWARF for WebAssembly": each section is a custom section of the same name), null where the
 * module has none. The first section of each name counts.
 */
final class DwarfSections {
    final byte[] info;
    final byte[] abbrev;
    final byte[] line;
    final byte[] str;
    final byte[] lineStr;
    final byte[] strOffsets;
    final byte[] addr;
    /** DWARF 2 to 4 location and range lists. */
    final byte[] loc;
    final byte[] ranges;
    /** DWARF 5 location and range lists. */
    final byte[] loclists;
    final byte[] rnglists;

    DwarfSections(Module module) {
        info = section(module, ".debug_info");
        abbrev = section(module, ".debug_abbrev");
        line = section(module, ".debug_line");
        str = section(module, ".debug_str");
        lineStr = section(module, ".debug_line_str");
        strOffsets = section(module, ".debug_str_offsets");
        addr = section(module, ".debug_addr");
        loc = section(module, ".debug_loc");
        ranges = section(module, ".debug_ranges");
        loclists = section(module, ".debug_loclists");
        rnglists = section(module, ".debug_rnglists");
    }

    private static byte[] section(Module module, String name) {
        for (CustomSection section : module.customSections()) {
            if (section.name().equals(name)) {
                return section.contents();
            }
        }
        return null;
    }
}
