package dev.twasm.tests;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.ModuleException;
import dev.twasm.model.Module;
import dev.twasm.tests.spec.SpecSuite;
import dev.twasm.text.WastParser;
import dev.twasm.text.WatParser;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.validation.Validator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Robustness of the front end: randomly mutated copies of the spec suite's modules (binary and
 * text), with a fixed seed, must give only the engine's own malformed or invalid errors, never
 * another exception, and never hang.
 */
class MutationFuzzTest {
    private static final long SEED = 0x7A5D_2026L;
    private static final int MUTANTS = 10_000;
    private static final Duration PER_INPUT_LIMIT = Duration.ofSeconds(2);

    private static final List<byte[]> BINARY_SEEDS = new ArrayList<>();
    private static final List<String> TEXT_SEEDS = new ArrayList<>();

    @BeforeAll
    static void collectSeeds() throws IOException {
        for (Path script : SpecSuite.WASM_2_0.scripts()) {
            for (Command command : WastParser.parse(Files.readString(script), script.getFileName().toString()).commands()) {
                ModuleSource source = switch (command) {
                    case Command.ModuleCommand m -> m.source();
                    case Command.AssertInvalid a -> a.module();
                    case Command.AssertUnlinkable a -> a.module();
                    case Command.AssertUninstantiable a -> a.module();
                    default -> null;
                };
                switch (source) {
                    case ModuleSource.Binary b -> BINARY_SEEDS.add(b.bytes());
                    case ModuleSource.Text t -> {
                        TEXT_SEEDS.add(t.wat());
                        BINARY_SEEDS.add(ModuleEncoder.encode(WatParser.parseModule(t.wat())));
                    }
                    case ModuleSource.Quote q -> TEXT_SEEDS.add(q.asModuleText());
                    case null -> {
                    }
                }
            }
        }
        assertTrue(BINARY_SEEDS.size() > 1000 && TEXT_SEEDS.size() > 1000, "too few seed modules");
    }

    /** The outcome of one input: accepted, rejected by the engine's own errors, or a bug. */
    private enum Outcome {
        ACCEPTED,
        MALFORMED_OR_INVALID
    }

    @Test
    void mutatedModulesGiveOnlyModuleErrors() {
        Random random = new Random(SEED);
        int[] counts = new int[Outcome.values().length];
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                boolean binary = random.nextBoolean();
                Outcome outcome;
                String description;
                long start = System.nanoTime();
                if (binary) {
                    byte[] input = Mutator.mutate(BINARY_SEEDS.get(random.nextInt(BINARY_SEEDS.size())), random);
                    description = "binary mutant " + i;
                    outcome = check(description, () -> Validator.validate(BinaryDecoder.decode(input)));
                } else {
                    String input = Mutator.mutate(TEXT_SEEDS.get(random.nextInt(TEXT_SEEDS.size())), random);
                    description = "text mutant " + i + ": " + abbreviate(input);
                    outcome = check(description, () -> Validator.validate(WatParser.parseModule(input)));
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                if (took.compareTo(PER_INPUT_LIMIT) > 0) {
                    fail(description + " took " + took.toMillis() + " ms");
                }
                counts[outcome.ordinal()]++;
            }
        });
        System.out.printf("mutation fuzzing: %d mutants, %d accepted, %d malformed or invalid%n", MUTANTS, counts[0], counts[1]);
        // a mutator that breaks everything, or nothing, would not test much
        assertTrue(counts[Outcome.ACCEPTED.ordinal()] > MUTANTS / 50, "too few mutants were still valid");
        assertTrue(counts[Outcome.MALFORMED_OR_INVALID.ordinal()] > MUTANTS / 2, "too few mutants were rejected");
    }

    /** Mutants through the whole language, including node building: only syntax errors, never internal errors. */
    @Test
    void mutatedBinariesThroughTheEngine() {
        Random random = new Random(SEED + 1);
        try (Context context = Context.newBuilder("wasm").build()) {
            for (int i = 0; i < 500; i++) {
                byte[] input = Mutator.mutate(BINARY_SEEDS.get(random.nextInt(BINARY_SEEDS.size())), random);
                try {
                    context.eval(Source.newBuilder("wasm", ByteSequence.create(input), "mutant" + i + ".wasm")
                                    .mimeType("application/wasm").cached(false).buildLiteral());
                } catch (PolyglotException e) {
                    assertTrue(e.isSyntaxError(), "mutant " + i + ": " + e);
                    assertFalse(e.isInternalError(), "mutant " + i + ": " + e);
                }
            }
        }
    }

    private static Outcome check(String description, Runnable frontEnd) {
        try {
            frontEnd.run();
            return Outcome.ACCEPTED;
        } catch (ModuleException e) {
            return Outcome.MALFORMED_OR_INVALID;
        } catch (Throwable e) {
            throw new AssertionError(description + " threw " + e, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Random edits of bytes and text. */
    static final class Mutator {
        private static final String[] TEXT_PIECES = {"(", ")", "$x", "0", "-1", "0x", "1.5", "nan", "inf", "i32", "i64.const", "f32",
            "local.get", "block", "end", "br 0", "\"", "\\", "(;", ";)", ";;", " ", "\n", "(func)", "(memory 1)", "(param i32)",
            "(result i32)", "offset=", "align=3", "\u00ff", "_"};

        static byte[] mutate(byte[] seed, Random random) {
            byte[] bytes = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && bytes.length > 0; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(6)) {
                    case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> bytes[at] = (byte) random.nextInt(256);
                    case 2 -> bytes[at] = (byte) (random.nextBoolean() ? 0x00 : 0xFF);
                    case 3 -> bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(8)), new byte[0]);
                    case 4 -> bytes = splice(bytes, at, 0, new byte[]{(byte) random.nextInt(256)});
                    default -> bytes = java.util.Arrays.copyOf(bytes, at);
                }
            }
            return bytes;
        }

        static String mutate(String seed, Random random) {
            StringBuilder text = new StringBuilder(seed);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !text.isEmpty(); e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
                    case 1 -> text.insert(at, TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
                    case 2 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                    default -> text.setLength(at);
                }
            }
            return text.toString();
        }

        private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
            byte[] result = new byte[bytes.length - remove + insert.length];
            System.arraycopy(bytes, 0, result, 0, at);
            System.arraycopy(insert, 0, result, at, insert.length);
            System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
            return result;
        }
    }
}
