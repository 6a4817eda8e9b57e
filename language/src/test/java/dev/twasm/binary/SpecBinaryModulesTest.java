package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Module;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code (module binary ...)} of the 148 Wasm 2.0 scripts (58 of them SIMD): those under
 * {@code assert_malformed} must fail to decode with the expected message; all others (including
 * {@code assert_invalid} ones, since validity is not the decoder's concern) must decode and
 * survive a round trip through {@link ModuleEncoder}.
 */
class SpecBinaryModulesTest {
    private static List<WastBinaryModules.Case> cases() {
        List<WastBinaryModules.Case> cases = new ArrayList<>();
        for (Path script : SpecSuite.scripts()) {
            cases.addAll(WastBinaryModules.read(script));
        }
        return cases;
    }

    @Test
    void findsTheSuitesBinaryModules() {
        List<Path> scripts = SpecSuite.scripts();
        assertEquals(148, scripts.size(), "scripts");
        Map<String, Integer> byCommand = new TreeMap<>();
        cases().forEach(c -> byCommand.merge(c.command(), 1, Integer::sum));
        System.out.println("binary modules in the 2.0 suite by command: " + byCommand);
        assertTrue(byCommand.getOrDefault("assert_malformed", 0) > 500, byCommand::toString);
        assertTrue(byCommand.getOrDefault("module", 0) > 50, byCommand::toString);
    }

    @TestFactory
    Stream<DynamicTest> binaryModules() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(WastBinaryModules.Case c) {
        if (c.malformed()) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(c.bytes()));
            assertTrue(e.reason().contains(c.expectedMessage()), () -> "expected \"" + c.expectedMessage() + "\", got " + e.getMessage());
        } else {
            Module module = BinaryDecoder.decode(c.bytes());
            byte[] encoded = ModuleEncoder.encode(module);
            Module again = BinaryDecoder.decode(encoded);
            ModuleDescription.assertSameModule(module, again);
            assertArrayEquals(encoded, ModuleEncoder.encode(again), "encoding is stable");
        }
    }
}
