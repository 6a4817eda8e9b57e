package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Features;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.text.script.Action;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Expected;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the text front end over the official test suites: the Wasm 2.0 scripts (without and with
 * SIMD) and the vector scripts of Wasm 3.0 (SIMD and relaxed SIMD). Every script parses with
 * {@link WastParser}; every text module and every quoted module outside {@code assert_malformed}
 * parses with {@link WatParser}; every quoted module under {@code assert_malformed} is rejected
 * with the expected message. Binary modules need the decoder and are not checked here.
 */
class SpecSuiteTextTest {
    /** The 3.0 scripts are read with the rules of 3.0 where they differ from 2.0's (multi-memory, 64-bit offsets). */
    private static final Features WASM_3_0 = Features.WASM_3_0;

    private static final AtomicInteger SCRIPTS = new AtomicInteger();
    private static final AtomicInteger COMMANDS = new AtomicInteger();
    private static final AtomicInteger TEXT_MODULES = new AtomicInteger();
    private static final AtomicInteger QUOTED_MODULES = new AtomicInteger();
    private static final AtomicInteger MALFORMED_REJECTED = new AtomicInteger();
    private static final AtomicInteger BINARY_SKIPPED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> wasm20Suite() {
        return tests(SpecSuite.scripts(SpecSuite.wasm20()), Features.WASM_2_0);
    }

    @TestFactory
    Stream<DynamicTest> wasm20VectorScripts() {
        return tests(SpecSuite.vectorScripts(SpecSuite.wasm20()), Features.WASM_2_0);
    }

    @TestFactory
    Stream<DynamicTest> wasm30VectorScripts() {
        return tests(SpecSuite.vectorScripts(SpecSuite.wasm30()), WASM_3_0);
    }

    /**
     * In {@code simd_const.wast} most modules export functions whose body is one
     * {@code v128.const}, and the {@code assert_return} after them states the vector in a second,
     * usually simpler, spelling (rounding of long float literals, hexadecimal and signed lanes).
     * Decoding the encoded constant back must give lanes equal to the expected pattern.
     */
    @Test
    void simdConstantsMatchTheirExpectedLanes() throws IOException {
        Script script = WastParser.parse(Files.readString(SpecSuite.wasm20().resolve("simd_const.wast")), "simd_const.wast");
        Module module = null;
        int checked = 0;
        for (Command command : script.commands()) {
            if (command instanceof Command.ModuleCommand m && m.source() instanceof ModuleSource.Text t) {
                module = WatParser.parseModule(t.wat());
            } else if (command instanceof Command.AssertReturn r && r.action() instanceof Action.Invoke invoke && invoke.args().isEmpty()
                            && r.expected().size() == 1 && r.expected().get(0) instanceof Expected.V128Pattern pattern) {
                long[] vector = constantBody(module, invoke.name());
                if (vector != null) {
                    List<Expected.LanePattern> lanes = new ArrayList<>();
                    for (int i = 0; i < pattern.shape().laneCount(); i++) {
                        lanes.add(new Expected.LanePattern.Bits(pattern.shape().lane(vector[0], vector[1], i)));
                    }
                    assertEquals(pattern, new Expected.V128Pattern(pattern.shape(), lanes), "simd_const.wast:" + command.line());
                    checked++;
                }
            }
        }
        assertTrue(checked >= 150, "only " + checked + " constants checked");
    }

    /** The vector of exported function {@code name} if its body is just a {@code v128.const}, else null. */
    private static long[] constantBody(Module module, String name) {
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(name)) {
                CodeReader reader = new CodeReader(module.definedFunction(e.index()).body());
                if (reader.next() == Opcode.V128_CONST) {
                    long[] vector = {reader.v128Lo(), reader.v128Hi()};
                    return reader.next() == Opcode.END ? vector : null;
                }
            }
        }
        return null;
    }

    private static Stream<DynamicTest> tests(List<Path> scripts, Features features) {
        assertTrue(!scripts.isEmpty(), "no scripts found");
        return scripts.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> check(path, features)));
    }

    @AfterAll
    static void report() {
        System.out.printf("spec suite (text front end): %d scripts, %d commands, %d text modules parsed, %d quoted modules parsed, "
                        + "%d quoted modules rejected as expected, %d binary modules skipped%n",
                        SCRIPTS.get(), COMMANDS.get(), TEXT_MODULES.get(), QUOTED_MODULES.get(), MALFORMED_REJECTED.get(), BINARY_SKIPPED.get());
    }

    private static void check(Path path, Features features) throws IOException {
        String name = path.getFileName().toString();
        Script script = WastParser.parse(Files.readString(path), name);
        SCRIPTS.incrementAndGet();
        COMMANDS.addAndGet(script.commands().size());
        List<String> failures = new ArrayList<>();
        for (Command command : script.commands()) {
            String where = name + ":" + command.line();
            switch (command) {
                case Command.ModuleCommand m -> mustParse(m.source(), features, where, failures);
                case Command.AssertInvalid a -> mustParse(a.module(), features, where, failures);
                case Command.AssertUnlinkable a -> mustParse(a.module(), features, where, failures);
                case Command.AssertUninstantiable a -> mustParse(a.module(), features, where, failures);
                case Command.AssertMalformed a -> mustBeMalformed(a.module(), a.message(), features, where, failures);
                default -> {
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
        assertTrue(script.commands().size() > 0, "no commands in " + name);
    }

    private static void mustParse(ModuleSource source, Features features, String where, List<String> failures) {
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
            WatParser.parseModule(text, features);
        } catch (MalformedModuleException e) {
            failures.add(where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            failures.add(where + ": unexpected " + e);
        }
    }

    private static void mustBeMalformed(ModuleSource source, String expected, Features features, String where, List<String> failures) {
        if (!(source instanceof ModuleSource.Quote)) {
            BINARY_SKIPPED.incrementAndGet();
        } else if (rejectedWith(source, expected, features, where, failures)) {
            MALFORMED_REJECTED.incrementAndGet();
        }
    }

    /** Whether the quoted module is malformed with a message containing {@code expected}; else adds a failure. */
    private static boolean rejectedWith(ModuleSource source, String expected, Features features, String where, List<String> failures) {
        try {
            WatParser.parseModule(((ModuleSource.Quote) source).asModuleText(), features);
            failures.add(where + ": parsed, expected \"" + expected + "\"");
        } catch (MalformedModuleException e) {
            if (e.reason().contains(expected)) {
                return true;
            }
            failures.add(where + ": got \"" + e.reason() + "\", expected \"" + expected + "\"");
        } catch (RuntimeException e) {
            failures.add(where + ": unexpected " + e);
        }
        return false;
    }
}
