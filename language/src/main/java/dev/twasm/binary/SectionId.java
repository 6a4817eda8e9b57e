package dev.twasm.binary;

/**
 * The section ids of the binary format (spec §5.5.2 "Sections"), in the order the non-custom
 * sections must appear (spec §5.5.16 "Modules"): the data count section (id 12) comes between the
 * element and code sections. Custom sections may appear anywhere, any number of times.
 */
enum SectionId {
    CUSTOM(0),
    TYPE(1),
    IMPORT(2),
    FUNCTION(3),
    TABLE(4),
    MEMORY(5),
    GLOBAL(6),
    EXPORT(7),
    START(8),
    ELEMENT(9),
    DATA_COUNT(12),
    CODE(10),
    DATA(11);

    private static final SectionId[] BY_ID = new SectionId[13];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    /** The id byte that introduces the section. */
    final int id;

    SectionId(int id) {
        this.id = id;
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
