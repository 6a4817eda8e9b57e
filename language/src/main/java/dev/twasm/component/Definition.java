package dev.twasm.component;

/**
 * One item of a component's sections, in binary order: what {@link Component#definitions()} lists
 * and what the entries of its index spaces ({@link Component#space(Sort)}) point to.
 */
public sealed interface Definition permits CoreModule, Component, CoreInstance, ComponentInstance, Alias, CoreType, TypeDefinition, Canon, Start,
                ComponentImport, ComponentExport, CustomSection {
}
