package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.CustomSection;
import dev.twasm.model.Module;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text format's annotations (Wasm 3.0): {@code @custom} sections and where the encoder puts
 * them, {@code @name} names, branch hints, and quoted identifiers, beyond what the spec scripts
 * check (they only check what is rejected).
 */
class AnnotationsTest {
    /** The sections of a binary module in order: the id of each, and for custom ones also its name. */
    private static List<String> sections(byte[] binary) {
        List<String> result = new ArrayList<>();
        int i = 8;
        while (i < binary.length) {
            int id = binary[i++];
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = binary[i++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (id == 0) {
                int nameLength = binary[i];
                result.add(new String(binary, i + 1, nameLength, StandardCharsets.UTF_8));
            } else {
                result.add(Integer.toString(id));
            }
            i += (int) size;
        }
        return result;
    }

    @Test
    void customSectionsAreEncodedWhereTheirPlacementSays() {
        Module module = WatParser.parseModule("""
                        (module
                          (@custom "last" "z")
                          (type (func))
                          (@custom "before-global" (before global) "a")
                          (@custom "after-func" (after func) "b")
                          (@custom "first" (before first) "c")
                          (func)
                          (global i32 (i32.const 0))
                          (@custom "after-type" (after type) "d" "e"))
                        """);
        byte[] binary = ModuleEncoder.encode(module);
        // type = 1, function = 3, global = 6, code = 10
        assertEquals(List.of("first", "1", "after-type", "3", "after-func", "before-global", "6", "10", "last"), sections(binary));
        CustomSection afterType = module.customSections().stream().filter(c -> c.name().equals("after-type")).findFirst().orElseThrow();
        assertEquals("de", new String(afterType.contents(), StandardCharsets.UTF_8));
        // decoding keeps the places: encoding again gives the same bytes
        assertEquals(List.of("first", "1", "after-type", "3", "after-func", "before-global", "6", "10", "last"),
                        sections(ModuleEncoder.encode(BinaryDecoder.decode(binary))));
    }

    @Test
    void customSectionsOfADecodedBinaryStayAfterTheSectionTheyFollowed() {
        Module module = WatParser.parseModule("(module (@custom \"x\" (after type) \"1\") (type (func)) (func))");
        Module decoded = BinaryDecoder.decode(ModuleEncoder.encode(module));
        assertEquals(CustomSection.after("type"), decoded.customSections().getFirst().placement());
    }

    @Test
    void nameAnnotationsNameTheModuleFunctionsAndLocals() {
        Module module = WatParser.parseModule("""
                        (module $m (@name "Modül")
                          (func $f (@name "λ") (param i32) (param $p (@name "π") i32) (local $x (@name "ξ") i32) (local (@name "first") i64 i64))
                          (func (@name "unnamed in text"))
                          (func $plain))
                        """);
        assertEquals("Modül", module.names().moduleName());
        assertEquals(Map.of(0, "λ", 1, "unnamed in text", 2, "plain"), module.names().functionNames());
        assertEquals(Map.of(1, "π", 2, "ξ", 3, "first"), module.names().localNames().get(0));
    }

    @Test
    void quotedIdentifiersAreTheirNames() {
        Module module = WatParser.parseModule("""
                        (module
                          (func $"a b" (result i32) (i32.const 7))
                          (func (export "f") (result i32) (call $"a\\20b")))
                        """);
        assertEquals("a b", module.names().functionName(0));
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule("(func $\"\")"));
        assertTrue(e.getMessage().contains("empty identifier"), e.getMessage());
        // a string glued to an identifier stays one reserved token
        e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule("(func $a\"b\")"));
        assertTrue(e.getMessage().contains("unknown operator"), e.getMessage());
    }

    @Test
    void unknownAnnotationsAreIgnoredEverywhere() {
        Module plain = WatParser.parseModule("(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))");
        Module annotated = WatParser.parseModule("""
                        (module (@producers "x" (y (z)))
                          (func (@a) (result i32) (@b 1 2) (i32.add (@c) (i32.const 1) (i32.const (@d) 2)) (@e)))
                        """);
        assertEquals(List.of("1", "3", "10"), sections(ModuleEncoder.encode(annotated)));
        assertEquals(List.of(ModuleEncoder.encode(plain).length), List.of(ModuleEncoder.encode(annotated).length));
    }

    @Test
    void branchHintsAreCheckedBeforeBranchesOnly() {
        WatParser.parseModule("(func (param i32) (@metadata.code.branch_hint \"\\01\") (br_if 0 (local.get 0)))");
        MalformedModuleException malformed = assertThrows(MalformedModuleException.class,
                        () -> WatParser.parseModule("(func (param i32) (@metadata.code.branch_hint \"\\02\") (br_if 0 (local.get 0)))"));
        assertTrue(malformed.getMessage().contains("@metadata.code.branch_hint annotation"), malformed.getMessage());
        InvalidModuleException invalid = assertThrows(InvalidModuleException.class,
                        () -> WatParser.parseModule("(func (@metadata.code.branch_hint \"\\00\") nop)"));
        assertTrue(invalid.getMessage().contains("invalid target"), invalid.getMessage());
    }
}
