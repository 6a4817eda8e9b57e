package dev.twasm.model;

/** A global defined in the module (spec §2.5.6): its type and constant initializer. */
public record Global(GlobalType type, Expr init) {
}
