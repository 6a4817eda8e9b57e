package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Module;

/** Parses the text format (spec §6). STUB: being written. */
public final class WatParser {
    private WatParser() {
    }

    /** Parses one module from text; throws {@link MalformedModuleException} on any error. */
    public static Module parseModule(String text) {
        throw new MalformedModuleException("text parser not written yet", 1, 1);
    }
}
