package dev.twasm.binary;

/**
 * The section ids of the binary format (spec §5.5.2 "Sections"), in the order the non-custom
 * sections must appear (spec §5.5.16 "Modules"): the data count section (id 12) comes between the
 * element and code sections. Custom sections may appear anywhere, any number of times.
 */
enum SectionId {
    CUSTOM(0, null),
    TYPE(1, "type"),
    IMPORT(2, "import"),
    FUNCTION(3, "func"),
    TABLE(4, "table"),
    MEMORY(5, "memory"),
    /** The tag section (exception handling, Wasm 3.0) comes between the memory and global sections. */
    TAG(13, "tag"),
    GLOBAL(6, "global"),
    EXPORT(7, "export"),
    START(8, "start"),
    ELEMENT(9, "elem"),
    DATA_COUNT(12, "datacount"),
    CODE(10, "code"),
    DATA(11, "data");

    private static final SectionId[] BY_ID = new SectionId[14];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    /** The id byte that introduces the section. */
    final int id;
    /** The section's name in {@code @custom} placements ({@link dev.twasm.model.CustomSection#SECTIONS}); null for custom sections. */
    final String textName;

    SectionId(int id, String textName) {
        this.id = id;
        this.textName = textName;
    }

    /** The section with id byte {@code b}, or null when no section has that id. */
    static SectionId fromId(int b) {
        return b >= 0 && b < BY_ID.length ? BY_ID[b] : null;
    }

    /** Whether a non-custom section {@code next} may follow this one (strictly later in order). */
    boolean mayBeFollowedBy(SectionId next) {
        return next.ordinal() > ordinal();
    }
}
