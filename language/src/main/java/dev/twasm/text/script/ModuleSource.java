package dev.twasm.text.script;

/** How a module is written in a script: as text, as binary bytes, or as quoted text. */
public sealed interface ModuleSource {
    /**
     * A module in text format.
     *
     * @param wat module text that {@code WatParser.parseModule} accepts on its own, e.g.
     *            {@code (module $M (func ...))}
     */
    record Text(String wat) implements ModuleSource {
    }

    /** {@code (module binary "...")}: the concatenated bytes of the strings. */
    record Binary(byte[] bytes) implements ModuleSource {
    }

    /**
     * {@code (module quote "...")}: the concatenated strings, which the reference interpreter
     * parses as the fields of a module, i.e. as {@code (module <text>)}.
     */
    record Quote(String text) implements ModuleSource {
        /** The text as a complete module, ready to parse. */
        public String asModuleText() {
            return "(module " + text + "\n)";
        }
    }
}
