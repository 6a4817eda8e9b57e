package dev.twasm.model;

/** An export (spec §2.5.10): a name and an index into the index space of its kind. */
public record Export(String name, ExternKind kind, int index) {
}
