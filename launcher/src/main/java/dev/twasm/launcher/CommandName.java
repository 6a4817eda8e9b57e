package dev.twasm.launcher;

import java.util.function.Function;

/** The commands of {@code wasm}, with their one-line summaries, parsers and help texts. */
enum CommandName {
    RUN("run", "Run a module: its _start function (a WASI program) or the export named by --invoke", RunCommand::parse, RunCommand.HELP),
    WAST("wast", "Run WebAssembly spec test scripts (.wast)", WastCommand::parse, WastCommand.HELP),
    VALIDATE("validate", "Check that modules decode and validate", ValidateCommand::parse, ValidateCommand.HELP),
    INSPECT("inspect", "Show a module's imports, exports, memories, tables, globals and sections", InspectCommand::parse, InspectCommand.HELP),
    COMPILE("compile", "Write the binary encoding of a module (.wat to .wasm)", CompileCommand::parse, CompileCommand.HELP),
    HELP("help", "Show the help of a command", HelpCommand::parse, HelpCommand.HELP);

    /** The options every command accepts, for the help texts. */
    static final String COMMON_OPTIONS = """
                    Options of every command:
                      --stacktrace             Show the Java stack trace of errors.
                      --help                   Show help (of the command when given after it).
                      --engine.NAME=VALUE, --compiler.NAME=VALUE, --wasm.NAME=VALUE, --log.*, --TOOL.*
                                               Polyglot engine, compiler, language and tool options, as
                                               for GraalVM's js and python (e.g. --engine.TraceCompilation,
                                               --wasm.MaxCallDepth=100000). --experimental-options allows
                                               experimental ones.
                      --wasm.Fuel=N, --wasm.Timeout=DURATION, --wasm.MaxContextMemory=BYTES,
                      --wasm.MaxContextTableElements=N
                                               Limits for untrusted code: an instruction budget, a
                                               deadline for the program (500ms, 10s, 2m), caps on its
                                               memories and tables (docs/embedding.md).
                      --help:engine, --help:compiler, --help:wasm, --help:tools, --help:all
                                               List those options.
                      --version, --version:graalvm
                                               Show the version of twasm, or of every component.
                    JVM options go in WASM_JAVA_OPTS, or as --vm.OPTION before the command (bin/wasm
                    passes them to java as -OPTION).
                    """;

    private final String word;
    private final String summary;
    private final Function<Arguments, Command> parser;
    private final String help;

    CommandName(String word, String summary, Function<Arguments, Command> parser, String help) {
        this.word = word;
        this.summary = summary;
        this.parser = parser;
        this.help = help;
    }

    String word() {
        return word;
    }

    Command parse(Arguments args) {
        return parser.apply(args);
    }

    /** The command's own help, then the options every command accepts. */
    String help() {
        return help + "\n" + COMMON_OPTIONS;
    }

    static CommandName named(String word) {
        for (CommandName name : values()) {
            if (name.word.equals(word)) {
                return name;
            }
        }
        throw Failure.usage("unknown command '" + word + "' (commands: run, wast, validate, inspect, compile, help)");
    }

    static String generalHelp() {
        StringBuilder text = new StringBuilder("""
                        Usage: wasm [OPTIONS] COMMAND [ARGS...]

                        Runs and examines WebAssembly 2.0 modules, binary (.wasm) or text (.wat), on GraalVM Truffle.

                        Commands:
                        """);
        for (CommandName name : values()) {
            text.append(String.format("  %-10s %s%n", name.word, name.summary));
        }
        text.append("\nRun 'wasm help COMMAND' for a command's options.\n\n").append(COMMON_OPTIONS);
        return text.toString();
    }
}
