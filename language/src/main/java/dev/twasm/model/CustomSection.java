package dev.twasm.model;

import java.util.List;

/**
 * A custom section (spec §5.5.3): a name and uninterpreted contents, and where it stands among
 * the other sections, which matters only when the module is encoded again.
 *
 * @param placement the section's slot: {@link #FIRST}, {@link #before(String)} or
 *            {@link #after(String)} a section of {@link #SECTIONS}, or {@link #LAST}. Custom
 *            sections of one slot keep their order in the module; a slot next to a section the
 *            module does not have is still ordered among the others. Decoded sections are placed
 *            after the section they followed; a text module's {@code (@custom "name" (before
 *            global) ...)} annotation (spec 3.0 appendix "Custom Annotations") gives its own, and
 *            {@code LAST} when it names none.
 */
public record CustomSection(String name, byte[] contents, int placement) {
    /** The non-custom sections in the order of the binary format, by their names in annotations. */
    public static final List<String> SECTIONS = List.of("type", "import", "func", "table", "memory", "tag", "global", "export", "start",
                    "elem", "datacount", "code", "data");
    /** Before every other section. */
    public static final int FIRST = -1;
    /** After every other section. */
    public static final int LAST = 2 * SECTIONS.size();

    /** A custom section placed after all others. */
    public CustomSection(String name, byte[] contents) {
        this(name, contents, LAST);
    }

    /** The slot right before section {@code section} (one of {@link #SECTIONS}). */
    public static int before(String section) {
        return 2 * order(section);
    }

    /** The slot right after section {@code section} (one of {@link #SECTIONS}). */
    public static int after(String section) {
        return 2 * order(section) + 1;
    }

    private static int order(String section) {
        int order = SECTIONS.indexOf(section);
        if (order < 0) {
            throw new IllegalArgumentException("not a section: " + section);
        }
        return order;
    }
}
