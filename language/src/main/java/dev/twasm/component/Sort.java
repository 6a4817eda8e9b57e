package dev.twasm.component;

/**
 * The kinds of definitions a component has index spaces for ({@code sort} and {@code core:sort}
 * of the binary format): the core sorts, then the component-level ones.
 */
public enum Sort {
    CORE_FUNC("core func"),
    CORE_TABLE("core table"),
    CORE_MEMORY("core memory"),
    CORE_GLOBAL("core global"),
    CORE_TYPE("core type"),
    CORE_MODULE("core module"),
    CORE_INSTANCE("core instance"),
    FUNC("func"),
    VALUE("value"),
    TYPE("type"),
    COMPONENT("component"),
    INSTANCE("instance");

    private final String textName;

    Sort(String textName) {
        this.textName = textName;
    }

    /** The sort as the text format writes it, e.g. {@code core memory}. */
    public String textName() {
        return textName;
    }

    public boolean isCore() {
        return ordinal() <= CORE_INSTANCE.ordinal();
    }

    /** The {@code core:sort} of a byte, or null: 0x00 func, 0x01 table, 0x02 memory, 0x03 global, 0x10 type, 0x11 module, 0x12 instance. */
    static Sort ofCoreByte(int b) {
        return switch (b) {
            case 0x00 -> CORE_FUNC;
            case 0x01 -> CORE_TABLE;
            case 0x02 -> CORE_MEMORY;
            case 0x03 -> CORE_GLOBAL;
            case 0x10 -> CORE_TYPE;
            case 0x11 -> CORE_MODULE;
            case 0x12 -> CORE_INSTANCE;
            default -> null;
        };
    }

    /** The component-level {@code sort} of a byte other than 0x00 (which prefixes a core sort), or null. */
    static Sort ofByte(int b) {
        return switch (b) {
            case 0x01 -> FUNC;
            case 0x02 -> VALUE;
            case 0x03 -> TYPE;
            case 0x04 -> COMPONENT;
            case 0x05 -> INSTANCE;
            default -> null;
        };
    }
}
