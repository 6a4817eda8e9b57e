package dev.twasm.binary;

import dev.twasm.model.Features;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.SubType;

import java.util.List;

/**
 * The core-module encodings that other binary formats embed, for decoders outside this package:
 * the component model's decoder ({@code dev.twasm.component}) reads core types and core import
 * descriptions with these, with Wasm 3.0's rules. Each method reads from the cursor as the core
 * module decoder does and reports malformed input the same way.
 */
public final class CoreTypeReader {
    private CoreTypeReader() {
    }

    /** A type section entry, a recursion group (spec 3.0 §5.3.8), with its sub types in index order. */
    public static List<SubType> recType(BinaryInput in) {
        return TypeDecoder.recType(in);
    }

    /** {@code importdesc} (spec 3.0 §5.5.5), with Wasm 3.0's rules, as the core module decoder reads it. */
    public static ImportDesc importDesc(BinaryInput in) {
        return BinaryDecoder.importDesc(in, Features.WASM_3_0);
    }
}
