package dev.twasm.component;

/** A custom section (section 0): its name and its contents as {@code length} bytes at {@code offset} in the decoded bytes. */
public record CustomSection(String name, int offset, int length) implements Definition {
}
