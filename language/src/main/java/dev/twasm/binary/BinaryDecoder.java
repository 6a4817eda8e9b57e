package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Module;

/** Decodes the binary format (spec §5). STUB: being written. */
public final class BinaryDecoder {
    private BinaryDecoder() {
    }

    /** Decodes a complete binary module; throws {@link MalformedModuleException} on any error. */
    public static Module decode(byte[] bytes) {
        throw new MalformedModuleException("binary decoder not written yet", 0);
    }
}
