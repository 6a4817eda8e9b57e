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
     * {@code (module quote "...")}: the concatenated strings. The reference interpreter parses
     * them as a module, which may be written as a bare sequence of fields or as a complete
     * {@code (module ...)} form (the suite has both); {@code WatParser.parseModule} accepts both.
     * Bytes that are not valid UTF-8 are kept as unpaired surrogates {@code U+DC80..U+DCFF}, which
     * the text parser reports as "malformed UTF-8 encoding".
     */
    record Quote(String text) implements ModuleSource {
        /**
         * The text to give {@code WatParser.parseModule}: the quoted text itself. (Wrapping it in
         * {@code (module ...)} would break quotes that are complete modules.)
         */
        public String asModuleText() {
            return text;
        }
    }
}
