package dev.twasm.text.script;

import java.util.List;

/** An action: invoke an exported function or read an exported global. */
public sealed interface Action {
    /** The module the action targets: its {@code $id} as written (with the {@code $}), or null for the most recent module. */
    String moduleId();

    String name();

    record Invoke(String moduleId, String name, List<WastValue> args) implements Action {
    }

    record Get(String moduleId, String name) implements Action {
    }
}
