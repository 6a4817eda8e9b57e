package dev.twasm.component;

import java.util.List;

/**
 * The start definition (section 9, {@code start}): call the component function {@code func} with
 * the values {@code args}; its {@code results} results are appended to the value index space.
 */
public record Start(int func, List<Integer> args, int results) implements Definition {
    public Start {
        args = List.copyOf(args);
    }
}
