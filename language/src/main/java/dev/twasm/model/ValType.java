package dev.twasm.model;

/**
 * A WebAssembly value type (spec §2.3.4 "Value Types"): the number types, the vector type and the
 * two reference types of Wasm 2.0, and {@code exnref} of Wasm 3.0 exception handling.
 *
 * <p>An enum rather than a class hierarchy because Wasm 2.0 has a closed set of seven types; the
 * typed references of Wasm 3.0 will need a richer representation (see docs/rationale.md).
 */
public enum ValType {
    I32("i32"),
    I64("i64"),
    F32("f32"),
    F64("f64"),
    V128("v128"),
    FUNCREF("funcref"),
    EXTERNREF("externref"),
    /**
     * {@code exnref} (Wasm 3.0 exception handling, spec §2.3.3): a reference to a caught
     * exception, or null. Without typed references there is no {@code nullexnref}: {@code ref.null
     * exn} has this type.
     */
    EXNREF("exnref");

    private final String textName;

    ValType(String textName) {
        this.textName = textName;
    }

    /** The name of the type in the text format, e.g. {@code i32} or {@code funcref}. */
    public String textName() {
        return textName;
    }

    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF || this == EXNREF;
    }

    @Override
    public String toString() {
        return textName;
    }
}
