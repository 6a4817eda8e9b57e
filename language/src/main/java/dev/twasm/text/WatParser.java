package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Module;

/**
 * Parses the WebAssembly text format (spec §6) into the same abstract {@link Module} the binary
 * decoder produces, with instructions in their binary encoding.
 *
 * <p>Accepted forms: {@code (module $id? field*)}, a bare sequence of module fields,
 * {@code (module $id? binary "...")} (decoded by {@link dev.twasm.binary.BinaryDecoder}) and
 * {@code (module $id? quote "...")} (whose text is parsed in turn). Errors are
 * {@link MalformedModuleException}s with the reference interpreter's wording and a line and column.
 */
public final class WatParser {
    private WatParser() {
    }

    /** Parses one module from text with Wasm 2.0's rules; throws {@link MalformedModuleException} on any error. */
    public static Module parseModule(String text) {
        return parseModule(text, Features.WASM_2_0);
    }

    /** Parses one module from text, accepting what {@code features} allow. */
    public static Module parseModule(String text, Features features) {
        return ModuleParser.parse(text, 0, features);
    }
}
