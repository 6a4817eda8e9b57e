package dev.twasm.text.script;

import java.util.List;

/**
 * A {@code .wast} script as used by the official spec test suite: a sequence of commands that
 * define and register modules, perform actions and make assertions (the script format of the
 * WebAssembly reference interpreter).
 */
public record Script(String fileName, List<Command> commands) {
}
