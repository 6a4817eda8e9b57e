package dev.twasm.model;

/** A global type (spec §2.3.10): value type and mutability. */
public record GlobalType(ValType valType, boolean mutable) {
    @Override
    public String toString() {
        return mutable ? "(mut " + valType + ")" : valType.toString();
    }
}
