package dev.twasm.component;

import java.util.List;
import java.util.stream.Collectors;

/** A component function type ({@code functype}): labelled parameters and at most one result (null: none). */
public record FuncType(List<ValType.Field> params, ValType result) implements DefType {
    public FuncType {
        params = List.copyOf(params);
    }

    /** The type in WIT syntax, e.g. {@code func(self: borrow<output-stream>) -> u32}; see {@link ValType#witName(TypeNames)}. */
    public String witName(TypeNames names) {
        String ps = params.stream().map(p -> p.label() + ": " + p.type().witName(names)).collect(Collectors.joining(", ", "func(", ")"));
        return result == null ? ps : ps + " -> " + result.witName(names);
    }
}
