package dev.twasm.component;

import java.util.List;

/** A core instance definition (section 2, {@code core:instance}). */
public sealed interface CoreInstance extends Definition {
    /** {@code (instantiate m (with name (instance i))*)}: an instance of core module {@code module}. */
    record Instantiate(int module, List<Arg> args) implements CoreInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** An instance made of existing core definitions ({@code core:inlineexport}s). */
    record FromExports(List<Export> exports) implements CoreInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code core:instantiatearg}: the imports of module name {@code name} come from core instance {@code instance}. */
    record Arg(String name, int instance) {
    }

    /** {@code core:inlineexport}: the core definition {@code target} exported as {@code name}. */
    record Export(String name, SortIndex target) {
    }
}
