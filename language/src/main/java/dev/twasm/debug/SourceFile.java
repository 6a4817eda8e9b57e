package dev.twasm.debug;

/**
 * A source file named by the DWARF line table.
 *
 * @param path the file name joined with its include directory, and with the unit's
 *            {@code DW_AT_comp_dir} when that is still relative; {@code "."} segments are dropped,
 *            so the path may stay relative (to wherever the program was compiled)
 */
public record SourceFile(String path) {
}
