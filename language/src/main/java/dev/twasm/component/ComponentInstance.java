package dev.twasm.component;

import java.util.List;

/** A component instance definition (section 5, {@code instance}). */
public sealed interface ComponentInstance extends Definition {
    /** {@code (instantiate c (with name sortidx)*)}: an instance of component {@code component}. */
    record Instantiate(int component, List<Arg> args) implements ComponentInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** An instance made of existing definitions ({@code inlineexport}s). */
    record FromExports(List<Export> exports) implements ComponentInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code instantiatearg}: the import {@code name} is given {@code target}. */
    record Arg(String name, SortIndex target) {
    }

    /** {@code inlineexport}: {@code target} exported as {@code name}. */
    record Export(String name, SortIndex target) {
    }
}
