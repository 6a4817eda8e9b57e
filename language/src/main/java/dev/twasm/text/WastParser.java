package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.text.script.Script;

/**
 * Parses {@code .wast} scripts, the script format of the spec's reference interpreter used by the
 * official test suite, into a {@link Script}. Modules are kept as source: text modules as the text
 * of their {@code (module ...)} form, quoted modules as their concatenated text, binary modules as
 * bytes; they are parsed or decoded later, when the script runs, so that a malformed module only
 * fails its own command.
 *
 * <p>Identifiers of modules and instances ({@code $M}) are kept with their {@code $}.
 */
public final class WastParser {
    private WastParser() {
    }

    /** Parses a whole script; throws {@link MalformedModuleException} on a syntax error. */
    public static Script parse(String text, String fileName) {
        return new ScriptParser(Lexer.tokenize(text), fileName).script();
    }
}
