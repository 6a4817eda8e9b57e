package dev.twasm.launcher;

import java.util.List;
import java.util.function.Consumer;

/**
 * A cursor over the command line for the commands' parsers. Options with a value are accepted as
 * {@code --name VALUE} and {@code --name=VALUE}; {@code --} ends the options.
 */
final class Arguments {
    private final List<String> arguments;
    private final String command;
    private final Consumer<String> common;
    private int next;
    private boolean optionsEnded;

    /**
     * @param common receives every option the command does not know: the options all commands
     *            share and polyglot options ({@code --engine.*}, {@code --wasm.*}, tools)
     */
    Arguments(List<String> arguments, int start, String command, Consumer<String> common) {
        this.arguments = arguments;
        this.next = start;
        this.command = command;
        this.common = common;
    }

    boolean hasNext() {
        return next < arguments.size();
    }

    /** Whether the next argument is an option (and options have not been ended by {@code --}). */
    boolean atOption() {
        if (!optionsEnded && hasNext() && arguments.get(next).equals("--")) {
            optionsEnded = true;
            next++;
        }
        return !optionsEnded && hasNext() && arguments.get(next).startsWith("-") && arguments.get(next).length() > 1;
    }

    String next() {
        return arguments.get(next++);
    }

    /**
     * If the next argument is option {@code name}, consumes it with its value and returns the
     * value; otherwise returns null.
     */
    String value(String name) {
        String arg = arguments.get(next);
        if (arg.startsWith(name + "=")) {
            next++;
            return arg.substring(name.length() + 1);
        }
        if (!arg.equals(name)) {
            return null;
        }
        if (next + 1 == arguments.size()) {
            throw Failure.usage(name + " needs a value (see: wasm help " + command + ")");
        }
        next += 2;
        return arguments.get(next - 1);
    }

    /** Hands the next argument, an option the command does not know, to the shared options. */
    void common() {
        common.accept(next());
    }

    /** The arguments not consumed yet. */
    List<String> rest() {
        return arguments.subList(next, arguments.size());
    }
}
