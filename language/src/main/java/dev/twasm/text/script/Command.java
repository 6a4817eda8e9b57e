package dev.twasm.text.script;

import java.util.List;

/** One command of a {@code .wast} script; {@link #line()} is its 1-based line in the file. */
public sealed interface Command {
    int line();

    /**
     * Defines and instantiates a module ({@code (module ...)}). {@code id} is its {@code $name} as
     * written (with the {@code $}, as are all identifiers in scripts) or null. With {@code definitionOnly} ({@code (module definition ...)}, Wasm 3.0 scripts) the
     * module is only compiled and named, not instantiated.
     */
    record ModuleCommand(int line, String id, ModuleSource source, boolean definitionOnly) implements Command {
    }

    /** {@code (module instance $i $m)} (Wasm 3.0 scripts): instantiates a defined module. */
    record ModuleInstance(int line, String instanceId, String moduleId) implements Command {
    }

    /** {@code (register "name" $id?)}: makes a module's exports importable under {@code name}. */
    record Register(int line, String name, String moduleId) implements Command {
    }

    /** A bare action, performed for its effect. */
    record Perform(int line, Action action) implements Command {
    }

    record AssertReturn(int line, Action action, List<Expected> expected) implements Command {
    }

    /** {@code (assert_trap (invoke ...) "msg")}. */
    record AssertTrap(int line, Action action, String message) implements Command {
    }

    record AssertExhaustion(int line, Action action, String message) implements Command {
    }

    /** {@code (assert_exception (invoke ...))} (Wasm 3.0 scripts). */
    record AssertException(int line, Action action) implements Command {
    }

    /**
     * {@code (assert_malformed (module ...) "msg")}, and {@code assert_malformed_custom} (Wasm 3.0
     * scripts), whose message names the annotation or custom section at fault
     * ("@custom annotation: ...", "misplaced @name annotation"): the engine reports those as
     * malformed modules too.
     */
    record AssertMalformed(int line, ModuleSource module, String message) implements Command {
    }

    /**
     * {@code (assert_invalid (module ...) "msg")}, and {@code assert_invalid_custom} (Wasm 3.0
     * scripts): a text annotation whose target is invalid ("@metadata.code.branch_hint
     * annotation: invalid target"), which the engine reports as an invalid module.
     */
    record AssertInvalid(int line, ModuleSource module, String message) implements Command {
    }

    record AssertUnlinkable(int line, ModuleSource module, String message) implements Command {
    }

    /**
     * {@code (assert_uninstantiable (module ...) "msg")}, and {@code (assert_trap (module ...) "msg")}
     * which means the same: instantiation traps (in the start function or a segment).
     */
    record AssertUninstantiable(int line, ModuleSource module, String message) implements Command {
    }
}
