package dev.twasm.component;

import java.util.Optional;

/** An import (section 10, or an {@code importdecl} of a component type): a name and what it expects. */
public record ComponentImport(String name, ExternDesc desc) implements Definition {
    /** The name's interface form ({@code ns:pkg/iface@version}), if it has one. */
    public Optional<InterfaceName> interfaceName() {
        return InterfaceName.parse(name);
    }
}
