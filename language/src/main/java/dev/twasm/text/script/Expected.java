package dev.twasm.text.script;

import dev.twasm.model.ValType;

import java.util.List;

/** An expected result in {@code assert_return}. */
public sealed interface Expected {
    /** Exactly this value (floats compared bit for bit, references by identity). */
    record Exact(WastValue value) implements Expected {
    }

    /** {@code nan:canonical}: a NaN whose payload is the canonical one, either sign. */
    record CanonicalNan(ValType type) implements Expected {
    }

    /** {@code nan:arithmetic}: a NaN whose payload has the most significant bit set. */
    record ArithmeticNan(ValType type) implements Expected {
    }

    /**
     * {@code (ref.func)}, {@code (ref.extern)} and the like without an operand: any non-null
     * reference of that kind ({@code "func"}, {@code "extern"}, ...).
     */
    record AnyRef(String kind) implements Expected {
    }

    /** {@code (either r1 r2 ...)}: any of the alternatives (Wasm 3.0 scripts). */
    record Either(List<Expected> alternatives) implements Expected {
    }
}
