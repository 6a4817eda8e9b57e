package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.text.script.Script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the text front end over the official Wasm 2.0 test suite (non-SIMD scripts): every script
 * parses with {@link WastParser}; every text module and every quoted module outside
 * {@code assert_malformed} parses with {@link WatParser}; every quoted module under
 * {@code assert_malformed} is rejected with the expected message. Binary modules need the decoder
 * and are not checked here.
 */
class SpecSuiteTextTest {
    private static final AtomicInteger SCRIPTS = new AtomicInteger();
    private static final AtomicInteger COMMANDS = new AtomicInteger();
    private static final AtomicInteger TEXT_MODULES = new AtomicInteger();
    private static final AtomicInteger QUOTED_MODULES = new AtomicInteger();
    private static final AtomicInteger MALFORMED_REJECTED = new AtomicInteger();
    private static final AtomicInteger BINARY_SKIPPED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> wasm20Suite() {
        return SpecSuite.scripts(SpecSuite.wasm20()).stream()
                        .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> check(path)));
    }

    @AfterAll
    static void report() {
        System.out.printf("spec suite (text front end): %d scripts, %d commands, %d text modules parsed, %d quoted modules parsed, "
                        + "%d quoted modules rejected as expected, %d binary modules skipped%n", SCRIPTS.get(), COMMANDS.get(),
                        TEXT_MODULES.get(), QUOTED_MODULES.get(), MALFORMED_REJECTED.get(), BINARY_SKIPPED.get());
    }

    private static void check(Path path) throws IOException {
        String name = path.getFileName().toString();
        Script script = WastParser.parse(Files.readString(path), name);
        SCRIPTS.incrementAndGet();
        COMMANDS.addAndGet(script.commands().size());
        List<String> failures = new ArrayList<>();
        for (Command command : script.commands()) {
            String where = name + ":" + command.line();
            switch (command) {
                case Command.ModuleCommand m -> mustParse(m.source(), where, failures);
                case Command.AssertInvalid a -> mustParse(a.module(), where, failures);
                case Command.AssertUnlinkable a -> mustParse(a.module(), where, failures);
                case Command.AssertUninstantiable a -> mustParse(a.module(), where, failures);
                case Command.AssertMalformed a -> mustBeMalformed(a.module(), a.message(), where, failures);
                default -> {
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
        assertTrue(script.commands().size() > 0, "no commands in " + name);
    }

    private static void mustParse(ModuleSource source, String where, List<String> failures) {
        String text;
        switch (source) {
            case ModuleSource.Text t -> {
                text = t.wat();
                TEXT_MODULES.incrementAndGet();
            }
            case ModuleSource.Quote q -> {
                text = q.asModuleText();
                QUOTED_MODULES.incrementAndGet();
            }
            case ModuleSource.Binary b -> {
                BINARY_SKIPPED.incrementAndGet();
                return;
            }
        }
        try {
            WatParser.parseModule(text);
        } catch (MalformedModuleException e) {
            failures.add(where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            failures.add(where + ": unexpected " + e);
        }
    }

    private static void mustBeMalformed(ModuleSource source, String expected, String where, List<String> failures) {
        if (!(source instanceof ModuleSource.Quote q)) {
            BINARY_SKIPPED.incrementAndGet();
            return;
        }
        try {
            WatParser.parseModule(q.asModuleText());
            failures.add(where + ": parsed, expected \"" + expected + "\"");
        } catch (MalformedModuleException e) {
            if (e.reason().contains(expected)) {
                MALFORMED_REJECTED.incrementAndGet();
            } else {
                failures.add(where + ": got \"" + e.reason() + "\", expected \"" + expected + "\"");
            }
        } catch (RuntimeException e) {
            failures.add(where + ": unexpected " + e);
        }
    }
}
