package dev.twasm.component;

import java.util.Optional;

/**
 * An export (section 11): {@code target} exported as {@code name}, with the type the export
 * ascribes to it, or null when it gives none. The export is itself a new index in the target's sort.
 */
public record ComponentExport(String name, SortIndex target, ExternDesc ascribedType) implements Definition {
    /** The name's interface form ({@code ns:pkg/iface@version}), if it has one. */
    public Optional<InterfaceName> interfaceName() {
        return InterfaceName.parse(name);
    }
}
