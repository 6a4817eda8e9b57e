package dev.twasm.debug;

/**
 * A row of the DWARF line table: the source position of the instructions from the row's address
 * up to the next row's.
 *
 * @param line the 1-based line, or 0 for code the compiler attributes to no line
 * @param column the 1-based column, or 0 when the row gives none
 */
public record SourceLine(SourceFile file, int line, int column) {
}
