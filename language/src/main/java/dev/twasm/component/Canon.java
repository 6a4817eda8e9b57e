package dev.twasm.component;

import java.util.List;

/**
 * A canonical definition (section 8, {@code canon}): a function made by the canonical ABI. A lift
 * makes a component function; the others make core functions.
 */
public sealed interface Canon extends Definition {
    /** The index space the definition adds to: {@link Sort#FUNC} for a lift, {@link Sort#CORE_FUNC} otherwise. */
    default Sort sort() {
        return this instanceof Lift ? Sort.FUNC : Sort.CORE_FUNC;
    }

    /** {@code canon lift}: core function {@code coreFunc} as a component function of type {@code typeIndex}. */
    record Lift(int coreFunc, List<CanonOpt> options, int typeIndex) implements Canon {
        public Lift {
            options = List.copyOf(options);
        }
    }

    /** {@code canon lower}: component function {@code func} as a core function. */
    record Lower(int func, List<CanonOpt> options) implements Canon {
        public Lower {
            options = List.copyOf(options);
        }
    }

    /** {@code canon resource.new}: a core function making a handle of resource type {@code resourceType} from a representation. */
    record ResourceNew(int resourceType) implements Canon {
    }

    /** {@code canon resource.drop}, {@code async} for the async variant (component model async). */
    record ResourceDrop(int resourceType, boolean async) implements Canon {
    }

    /** {@code canon resource.rep}: a core function giving a handle's representation. */
    record ResourceRep(int resourceType) implements Canon {
    }

    /** The string encodings a {@code canonopt} chooses. */
    enum StringEncoding {
        UTF8,
        UTF16,
        LATIN1_UTF16
    }

    /** {@code canonopt}. */
    sealed interface CanonOpt {
    }

    /** {@code string-encoding=...}. */
    record Encoding(StringEncoding encoding) implements CanonOpt {
    }

    /** {@code (memory m)}: the core memory strings and lists live in. */
    record Memory(int coreMemory) implements CanonOpt {
    }

    /** {@code (realloc f)}: the core function that allocates in that memory. */
    record Realloc(int coreFunc) implements CanonOpt {
    }

    /** {@code (post-return f)}: the core function called after a lifted function's results are read. */
    record PostReturn(int coreFunc) implements CanonOpt {
    }

    /** {@code async} (component model async). */
    record Async() implements CanonOpt {
    }

    /** {@code (callback f)} (component model async). */
    record Callback(int coreFunc) implements CanonOpt {
    }
}
