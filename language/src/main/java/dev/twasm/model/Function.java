package dev.twasm.model;

/**
 * A function defined in the module (spec §2.5.3): its type, its declared locals (parameters are
 * not included) and its body.
 */
public record Function(int typeIndex, ValType[] locals, Expr body) {
}
