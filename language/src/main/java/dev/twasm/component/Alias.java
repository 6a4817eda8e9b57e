package dev.twasm.component;

/**
 * An alias definition ({@code alias ::= sort aliastarget}): a new index in {@link #sort()}'s index
 * space for a definition found elsewhere.
 */
public sealed interface Alias extends Definition {
    /** The index space the alias adds to. */
    Sort sort();

    /** {@code export i n}: the export {@code name} of component instance {@code instance}. */
    record InstanceExport(Sort sort, int instance, String name) implements Alias {
    }

    /** {@code core export i n}: the export {@code name} of core instance {@code instance}. */
    record CoreInstanceExport(Sort sort, int instance, String name) implements Alias {
    }

    /**
     * {@code outer ct idx}: entry {@code index} of the {@code sort} index space of the enclosing
     * component (or component or instance type) {@code count} levels out, 0 being the current one.
     */
    record Outer(Sort sort, int count, int index) implements Alias {
    }
}
