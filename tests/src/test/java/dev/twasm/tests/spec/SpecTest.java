package dev.twasm.tests.spec;

import dev.twasm.launcher.wast.Outcome;
import dev.twasm.launcher.wast.ScriptSession;
import dev.twasm.text.WastParser;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Script;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The official WebAssembly spec test suites (every script of {@code ../shared/wasm-testsuite-2.0},
 * of the Wasm 3.0 suite {@code ../shared/wasm-testsuite} and of the threads proposal's
 * {@code ../shared/wasm-testsuite/proposals/threads} those that {@code spec-exclusions.txt} does
 * not exclude), one dynamic test per command named
 * {@code file.wast:line command}, run three times ({@link EngineConfiguration}): AST interpreter
 * only, with every function compiled on its first call, and in the baseline tier only. Scripts listed in {@code spec-exclusions.txt} appear as skipped tests. Writes
 * {@code target/spec-report.txt}.
 *
 * <p>Each script runs in a fresh context of one shared engine per configuration, through
 * {@link ScriptSession} (the same runner {@code wasm wast} uses). A watchdog cancels a command that
 * runs longer than {@link #COMMAND_TIMEOUT_SECONDS}, so an engine bug fails a test instead of
 * hanging the build.
 */
class SpecTest {
    static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final Exclusions EXCLUSIONS = Exclusions.load();
    private static final Map<EngineConfiguration, Engine> ENGINES = new EnumMap<>(EngineConfiguration.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spec-test-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Each suite in each configuration, as one container named e.g. "wasm-testsuite-2.0 compiled". */
    @TestFactory
    Stream<DynamicNode> specSuites() {
        return Stream.of(SpecSuite.WASM_2_0, SpecSuite.WASM_3_0, SpecSuite.THREADS).flatMap(suite -> Stream.of(EngineConfiguration.values())
                        .map(configuration -> DynamicContainer.dynamicContainer(suite.folderName() + " " + configuration.label(),
                                        suite(suite, configuration))));
    }

    @AfterAll
    static void finish() {
        SpecReport.write(Path.of("target", "spec-report.txt"));
        ENGINES.values().forEach(Engine::close);
        ENGINES.clear();
    }

    static Stream<DynamicNode> suite(SpecSuite suite, EngineConfiguration configuration) {
        String reportName = suite.folderName() + " " + configuration.label();
        return suite.scripts().stream().filter(script -> selected(suite, script)).map(script -> {
            String file = suite.nameOf(script);
            String excluded = EXCLUSIONS.reason(suite, script);
            if (excluded != null) {
                return DynamicTest.dynamicTest(file + " (excluded)", () -> {
                    SpecReport.record(reportName, file, Outcome.Status.SKIPPED);
                    Assumptions.abort(excluded);
                });
            }
            return script(suite, script, file, configuration, reportName);
        });
    }

    private static DynamicNode script(SpecSuite suite, Path path, String file, EngineConfiguration configuration, String reportName) {
        Script script;
        try {
            script = WastParser.parse(Files.readString(path), file);
        } catch (IOException | RuntimeException e) {
            return DynamicTest.dynamicTest(file, () -> {
                SpecReport.record(reportName, file, Outcome.Status.FAILED);
                Assertions.fail("cannot read " + file + ": " + e);
            });
        }
        Run run = new Run(configuration, suite.options(), file);
        List<Command> commands = script.commands();
        Stream<DynamicTest> tests = commands.stream().map(command -> DynamicTest.dynamicTest(
                        file + ":" + command.line() + " " + commandName(command), () -> {
                            String excluded = EXCLUSIONS.commandReason(suite, path, command.line());
                            Outcome outcome = excluded != null ? run.skip(excluded, command == commands.get(commands.size() - 1))
                                            : run.execute(command, command == commands.get(commands.size() - 1));
                            SpecReport.record(reportName, file, outcome.status());
                            switch (outcome.status()) {
                                case PASSED -> {
                                }
                                case SKIPPED -> Assumptions.abort(outcome.message());
                                case FAILED -> Assertions.fail(outcome.message());
                            }
                        }));
        return DynamicContainer.dynamicContainer(file, tests);
    }

    /**
     * Development aid: {@code -Dtwasm.spec.filter=GLOB} runs only the scripts whose file name,
     * path within the suite ({@code custom/*.wast}) or path with the suite's folder
     * ({@code wasm-testsuite/proposals/threads/*.wast}) matches; unset (or empty), every script runs.
     */
    private static boolean selected(SpecSuite suite, Path script) {
        String filter = System.getProperty("twasm.spec.filter", "");
        if (filter.isEmpty() || filter.startsWith("${")) {
            return true;
        }
        java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + filter);
        Path name = Path.of(suite.nameOf(script));
        return matcher.matches(script.getFileName()) || matcher.matches(name) || matcher.matches(Path.of(suite.folderName()).resolve(name));
    }

    static String commandName(Command command) {
        String name = command.getClass().getSimpleName();
        return switch (command) {
            case Command.ModuleCommand m -> "module";
            case Command.Perform p -> "invoke";
            default -> name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        };
    }

    /** One script's session, opened at its first command and closed after its last. */
    private static final class Run {
        private final EngineConfiguration configuration;
        private final Map<String, String> options;
        private final String file;
        private ScriptSession session;
        private Context context;
        private RuntimeException setupFailure;

        Run(EngineConfiguration configuration, Map<String, String> options, String file) {
            this.configuration = configuration;
            this.options = options;
            this.file = file;
        }

        /** An excluded command: reported as skipped, and still closes the session when it is the last. */
        Outcome skip(String reason, boolean last) {
            if (last && session != null) {
                close();
            }
            return Outcome.skipped(reason);
        }

        Outcome execute(Command command, boolean last) {
            try {
                if (session == null && setupFailure == null) {
                    try {
                        Engine engine;
                        synchronized (ENGINES) {
                            engine = ENGINES.computeIfAbsent(configuration, EngineConfiguration::createEngine);
                        }
                        context = Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true).options(options).build();
                        session = new ScriptSession(context, file);
                    } catch (RuntimeException e) {
                        setupFailure = e;
                    }
                }
                if (setupFailure != null) {
                    return Outcome.failed("script setup failed: " + setupFailure);
                }
                ScheduledFuture<?> cancel = WATCHDOG.schedule(() -> context.close(true), COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    return session.execute(command);
                } finally {
                    cancel.cancel(false);
                }
            } finally {
                if (last && session != null) {
                    close();
                }
            }
        }

        private void close() {
            try {
                session.close();
            } catch (RuntimeException e) {
                // a cancelled context is already closed
            }
        }
    }
}
