package dev.twasm.model;

/** The kinds of external values that can be imported and exported (spec §2.5.10, §2.5.11). */
public enum ExternKind {
    FUNC("func"),
    TABLE("table"),
    MEMORY("memory"),
    GLOBAL("global"),
    /** An exception tag (Wasm 3.0, spec §2.5.8): binary kind 4, after global. */
    TAG("tag");

    private final String textName;

    ExternKind(String textName) {
        this.textName = textName;
    }

    public String textName() {
        return textName;
    }

    @Override
    public String toString() {
        return textName;
    }
}
