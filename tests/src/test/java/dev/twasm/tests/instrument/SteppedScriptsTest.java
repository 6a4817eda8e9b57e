package dev.twasm.tests.instrument;

import com.oracle.truffle.api.debug.Debugger;
import com.oracle.truffle.api.debug.DebuggerSession;
import dev.twasm.launcher.wast.Outcome;
import dev.twasm.launcher.wast.ScriptSession;
import dev.twasm.tests.spec.SpecSuite;
import dev.twasm.text.WastParser;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Script;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control-flow spec scripts run under a debugger that steps into every statement, so every
 * statement, call and function body runs inside an instrumentation wrapper: branch signals,
 * compiled exits (control-flow exceptions thrown through wrappers), switches and tail calls must
 * give the results the scripts expect in every configuration. The scripts are those of
 * {@code -Dtwasm.instrument.scripts} (comma-separated file names of the Wasm 3.0 suite), by
 * default two small ones so the test stays fast.
 */
class SteppedScriptsTest {
    @ParameterizedTest
    @EnumSource(DebuggerTest.Configuration.class)
    void controlFlowScriptsPassWhileSteppedThrough(DebuggerTest.Configuration configuration) throws IOException {
        Path directory = SpecSuite.WASM_3_0.directory();
        Assumptions.assumeTrue(directory != null && Files.isDirectory(directory), "no spec suite");
        String names = System.getProperty("twasm.instrument.scripts", "br_table.wast,loop.wast");
        List<String> failures = new ArrayList<>();
        AtomicLong steps = new AtomicLong();
        try (Engine engine = configuration.engine();
                        DebuggerSession debugger = Debugger.find(engine).startSession(event -> {
                            steps.incrementAndGet();
                            event.prepareStepInto(1);
                        })) {
            for (String name : names.split(",")) {
                Path path = directory.resolve(name.trim());
                Script script = WastParser.parse(Files.readString(path), name);
                try (Context context = Context.newBuilder("wasm").engine(engine).allowExperimentalOptions(true)
                                .options(SpecSuite.WASM_3_0.options()).build()) {
                    ScriptSession session = new ScriptSession(context, name);
                    debugger.suspendNextExecution();
                    for (Command command : script.commands()) {
                        Outcome outcome = session.execute(command);
                        if (outcome.status() == Outcome.Status.FAILED) {
                            failures.add(name + ":" + command.line() + " " + outcome.message());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(steps.get() > 1000, "stepped through " + steps.get() + " statements");
    }
}
