package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.fail;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.ModuleSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Feeds randomly mutated spec-suite modules and scripts (fixed seed) to the parsers: whatever the
 * input, the only exception allowed out is {@link MalformedModuleException}.
 */
class MutationRobustnessTest {
    private static final String[] FRAGMENTS = {"(", ")", "\"", "\\", "$", ";;", "(;", ";)", "0x", "-", "_", ".", "e", "p", "nan:0x1", "inf",
        " ", "\n", "block", "end", "else", "if", "then", "(then", "(else", "br 0", "$x", "(type 0)", "(param i32)", "(result i32)", "offset=",
        "align=", "\\u{", "\u00e9", "\uD800", "(@a", "99999999999999999999", "local.get", "(module", "quote", "binary", "elem", "func"};

    @Test
    void mutatedModulesOnlyFailAsMalformed() throws IOException {
        List<String> modules = new ArrayList<>();
        for (Path file : SpecSuite.scripts(SpecSuite.wasm20())) {
            for (Command c : WastParser.parse(Files.readString(file), file.toString()).commands()) {
                if (c instanceof Command.ModuleCommand m && m.source() instanceof ModuleSource.Text t && t.wat().length() < 4000) {
                    modules.add(t.wat());
                }
            }
        }
        Random random = new Random(20240611);
        for (int round = 0; round < 20_000; round++) {
            String original = modules.get(random.nextInt(modules.size()));
            String mutated = mutate(original, random);
            check(mutated, () -> WatParser.parseModule(mutated));
            if (round % 10 == 0) {
                check(mutated, () -> WastParser.parse(mutated, "mutated.wast"));
            }
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(8)));
                case 1 -> sb.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> sb.setLength(at);
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(40));
                    sb.insert(random.nextInt(sb.length()), sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    private static void check(String input, Runnable parse) {
        try {
            parse.run();
        } catch (MalformedModuleException e) {
            // expected for most mutations
        } catch (RuntimeException | StackOverflowError e) {
            fail("unexpected " + e + " for input:\n" + input, e);
        }
    }
}
