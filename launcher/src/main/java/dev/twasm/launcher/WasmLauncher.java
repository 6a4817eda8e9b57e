package dev.twasm.launcher;

import org.graalvm.launcher.AbstractLanguageLauncher;
import org.graalvm.options.OptionCategory;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.PolyglotException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code wasm} command line as a GraalVM language launcher: {@code wasm [OPTIONS] COMMAND
 * [ARGS...]}. GraalVM's launcher library parses, validates and documents the polyglot options
 * ({@code --engine.*}, {@code --compiler.*}, {@code --wasm.*}, {@code --log.*}, tool options,
 * {@code --experimental-options}, {@code --help:engine}, {@code --version:graalvm}) exactly as for
 * {@code js} and {@code python}; this class adds the commands ({@link CommandName}) and the options
 * they share ({@code --help}, {@code --version}, {@code --stacktrace}).
 *
 * <p>{@link #execute} replaces the library's {@code launch(String[])}, which ends the JVM on every
 * error and prints multi-line messages: it runs the same steps (preprocess, parse the polyglot
 * options, run help actions, validate, build the context) but returns the exit code, so the
 * command line runs in-process in tests, and turns every problem into one line on stderr.
 */
final class WasmLauncher extends AbstractLanguageLauncher {
    private final InputStream in;
    private CommandName commandName;
    private Command command;
    private boolean help;
    /** A --help:CATEGORY option, which the launcher library answers. */
    private boolean libraryHelp;
    /** Options given before the command. */
    private final Set<String> leadingOptions = new HashSet<>();
    private boolean version;
    private boolean stackTrace;
    private boolean experimentalOptions;
    private int exitCode;

    WasmLauncher(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        setOutput(out);
        setError(err);
    }

    /** Runs one command line; returns the exit code. */
    int execute(String[] args) {
        try {
            return executeOrThrow(args);
        } catch (Failure e) {
            getError().println("wasm: " + e.getMessage());
            return e.exitCode();
        } catch (AbortException e) {
            // The launcher library rejected an option (unknown, bad value, experimental).
            if (e.getMessage() == null) {
                return e.getExitCode();
            }
            getError().println("wasm: " + e.getMessage().lines().findFirst().orElse(""));
            return e.getExitCode() == 0 ? 0 : Main.USAGE;
        } catch (PolyglotException e) {
            return Errors.report(e, null, stackTrace, getError());
        } catch (IllegalArgumentException e) {
            // A context rejected its configuration, e.g. an engine option given as a -Dpolyglot.* system property.
            getError().println("wasm: " + e.getMessage());
            return Main.USAGE;
        } catch (RuntimeException e) {
            getError().println("wasm: internal error: " + e + " (please report this; --stacktrace shows details)");
            if (stackTrace) {
                e.printStackTrace(getError());
            }
            return Main.FAILURE;
        }
    }

    private int executeOrThrow(String[] args) {
        Map<String, String> polyglotOptions = new HashMap<>();
        List<String> unrecognized = preprocessArguments(Arrays.asList(args), polyglotOptions);
        parseUnrecognizedOptions(getLanguageId(), polyglotOptions, unrecognized);
        if (runLauncherAction()) {
            return 0;
        }
        if (version) {
            printVersion();
            return 0;
        }
        if (help) {
            getOutput().print(commandName == null ? CommandName.generalHelp() : commandName.help());
            return 0;
        }
        if (command == null) {
            getError().print(CommandName.generalHelp());
            return Main.USAGE;
        }
        validateArguments(polyglotOptions);
        argumentsProcessingDone();
        Context.Builder builder = Context.newBuilder(getDefaultLanguages()).options(polyglotOptions).allowExperimentalOptions(experimentalOptions);
        if (getLogFile() != null) {
            try {
                builder.logHandler(Files.newOutputStream(getLogFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            } catch (IOException e) {
                throw Failure.usage("cannot write log file " + getLogFile() + ": " + Failure.reason(e));
            }
        }
        launch(builder);
        return exitCode;
    }

    /**
     * Splits the command line: the options before the command, the command word, and the command's
     * own arguments (parsed by the command). Returns the options left for the launcher library.
     */
    @Override
    protected List<String> preprocessArguments(List<String> arguments, Map<String, String> polyglotOptions) {
        List<String> unrecognized = new ArrayList<>();
        Consumer<String> common = option -> {
            if (!commonOption(option)) {
                unrecognized.add(option);
            }
        };
        int i = 0;
        for (; i < arguments.size() && arguments.get(i).startsWith("-") && arguments.get(i).length() > 1; i++) {
            leadingOptions.add(arguments.get(i));
            common.accept(arguments.get(i));
        }
        if (i < arguments.size()) {
            commandName = CommandName.named(arguments.get(i));
            try {
                command = commandName.parse(new Arguments(arguments, i + 1, commandName.word(), common));
            } catch (Failure e) {
                if (!help && !libraryHelp) {
                    throw e;
                }
                // "wasm run --help": the help replaces the incomplete command.
            }
        }
        return unrecognized;
    }

    /** Handles an option every command accepts; false for options left to the launcher library. */
    private boolean commonOption(String option) {
        switch (option) {
            case "--help", "-h" -> help = true;
            case "--version" -> version = true;
            case "--stacktrace" -> stackTrace = true;
            default -> {
                if (option.startsWith("--vm.")) {
                    throw Failure.usage("JVM option " + option + " must come before the command (bin/wasm passes it to java)");
                }
                if (option.startsWith("--help:")) {
                    libraryHelp = true;
                } else if (option.equals("--experimental-options") || option.equals("--experimental-options=true")) {
                    experimentalOptions = true;
                } else if (option.equals("--experimental-options=false")) {
                    experimentalOptions = false;
                }
                return false;
            }
        }
        return true;
    }

    /** Adds the options the command sets itself. */
    @Override
    protected void validateArguments(Map<String, String> polyglotOptions) {
        command.addOptions(polyglotOptions);
    }

    @Override
    protected void launch(Context.Builder contextBuilder) {
        exitCode = command.execute(new Command.Invocation(contextBuilder, in, getOutput(), getError(), stackTrace));
    }

    @Override
    protected String getLanguageId() {
        return "wasm";
    }

    @Override
    protected boolean canPolyglot() {
        return false;
    }

    @Override
    protected void printHelp(OptionCategory maxCategory) {
        getOutput().print(CommandName.generalHelp());
    }

    /** The general help: the library's default help is about GraalVM's native launchers (--jvm, --native, --polyglot), which do not apply. */
    @Override
    protected void printDefaultHelp(OptionCategory printCategory) {
        printHelp(printCategory);
    }

    /** {@code twasm VERSION (WebAssembly 2.0) on GraalVM Truffle VERSION, RUNTIME, Java VERSION}. */
    @Override
    protected void printVersion() {
        Properties versions = new Properties();
        try (InputStream resource = WasmLauncher.class.getResourceAsStream("version.properties")) {
            versions.load(resource);
        } catch (IOException | NullPointerException e) {
            // printed as unknown
        }
        try (Engine engine = Engine.newBuilder(getLanguageId()).useSystemProperties(false).option("engine.WarnInterpreterOnly", "false").build()) {
            Language wasm = engine.getLanguages().get(getLanguageId());
            println(String.format("twasm %s (WebAssembly %s) on GraalVM Truffle %s, %s runtime, Java %s", versions.getProperty("twasm", "unknown"),
                            wasm.getVersion(), versions.getProperty("graalvm", "unknown"), engine.getImplementationName(), System.getProperty("java.version")));
        }
    }

    @Override
    protected void collectArguments(Set<String> options) {
        options.addAll(List.of("--help", "--version", "--stacktrace", "--experimental-options", "--invoke", "--dir", "--env", "--preload", "--output"));
        super.collectArguments(options);
    }

    /** Reports an option that neither the command nor the launcher library knows, with similar known options. */
    @Override
    protected AbortException abortUnrecognizedArgument(String argument) {
        boolean global = commandName == null || leadingOptions.contains(argument);
        String message = "unknown option '" + argument + "'" + (global ? "" : " for '" + commandName.word() + "'") + " (see: wasm help"
                        + (global ? "" : " " + commandName.word()) + ")";
        Set<String> known = new LinkedHashSet<>();
        collectArguments(known);
        List<String> similar = OptionSuggestions.similar(argument, known);
        throw Failure.usage(message + (similar.isEmpty() ? "" : "; did you mean " + String.join(" or ", similar) + "?"));
    }
}
