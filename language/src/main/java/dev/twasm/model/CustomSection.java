package dev.twasm.model;

/** A custom section (spec §5.5.3): a name and uninterpreted contents. */
public record CustomSection(String name, byte[] contents) {
}
