package dev.twasm.model;

/** An import (spec §2.5.11): a two-level name and what is expected under it. */
public record Import(String module, String name, ImportDesc desc) {
    public ExternKind kind() {
        return desc.kind();
    }
}
