package dev.twasm.component;

/** An entry of a type section (section 7): a defined type, which takes the next type index. */
public record TypeDefinition(DefType type) implements Definition {
}
