package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.ValType;
import dev.twasm.text.script.Action;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.text.script.Script;
import dev.twasm.text.script.VectorShape;
import dev.twasm.text.script.WastValue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WastParserTest {
    private static final String SCRIPT = """
                    ;; a script
                    (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
                    (register "m" $M)
                    (module binary "\\00asm" "\\01\\00\\00\\00")
                    (module $Q quote "(func)" "(memory 1)")
                    (invoke $M "f" (i32.const -1))
                    (get "g")
                    (assert_return (invoke "f" (i32.const 0x10)) (i32.const 16))
                    (assert_return (invoke "f" (f32.const nan:0x200000) (f64.const -0x1p-1) (i64.const 18446744073709551615))
                      (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const 1.5))
                    (assert_return (invoke "r" (ref.null func) (ref.extern 7)) (ref.null extern) (ref.func) (ref.extern) (ref.extern 7))
                    (assert_return (get $M "g") (either (i32.const 1) (i32.const 2)))
                    (assert_trap (invoke "f") "unreachable")
                    (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                    (assert_exhaustion (invoke "loop") "call stack exhausted")
                    (assert_malformed (module quote "(func") "unexpected token")
                    (assert_invalid (module (func (result i32))) "type mismatch")
                    (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
                    (assert_uninstantiable (module binary "") "out of bounds")
                    """;

    @Test
    void commands() {
        Script script = WastParser.parse(SCRIPT, "test.wast");
        assertEquals("test.wast", script.fileName());
        List<Command> c = script.commands();
        assertEquals(17, c.size());

        Command.ModuleCommand m = (Command.ModuleCommand) c.get(0);
        assertEquals(2, m.line());
        assertEquals("$M", m.id());
        assertEquals(new ModuleSource.Text("(module $M (func (export \"f\") (param i32) (result i32) (local.get 0)))"), m.source());
        assertEquals(1, WatParser.parseModule(((ModuleSource.Text) m.source()).wat()).functions().size());

        assertEquals(new Command.Register(3, "m", "$M"), c.get(1));
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) ((Command.ModuleCommand) c.get(2)).source()).bytes());
        Command.ModuleCommand q = (Command.ModuleCommand) c.get(3);
        assertEquals("$Q", q.id());
        assertEquals(new ModuleSource.Quote("(func)(memory 1)"), q.source());

        assertEquals(new Command.Perform(6, new Action.Invoke("$M", "f", List.of(new WastValue.I32(-1)))), c.get(4));
        assertEquals(new Command.Perform(7, new Action.Get(null, "g")), c.get(5));
        assertEquals(new Command.AssertReturn(8, new Action.Invoke(null, "f", List.of(new WastValue.I32(16))), List.of(new Expected.Exact(new WastValue.I32(16)))),
                        c.get(6));

        Command.AssertReturn floats = (Command.AssertReturn) c.get(7);
        assertEquals(List.of(new WastValue.F32(0x7fa0_0000), new WastValue.F64(0xbfe0_0000_0000_0000L), new WastValue.I64(-1)),
                        ((Action.Invoke) floats.action()).args());
        assertEquals(List.of(new Expected.CanonicalNan(ValType.F32), new Expected.ArithmeticNan(ValType.F64),
                        new Expected.Exact(new WastValue.F64(Double.doubleToLongBits(1.5)))), floats.expected());

        Command.AssertReturn refs = (Command.AssertReturn) c.get(8);
        assertEquals(List.of(new WastValue.RefNull("func"), new WastValue.RefExtern(7)), ((Action.Invoke) refs.action()).args());
        assertEquals(List.of(new Expected.Exact(new WastValue.RefNull("extern")), new Expected.AnyRef("func"), new Expected.AnyRef("extern"),
                        new Expected.Exact(new WastValue.RefExtern(7))), refs.expected());

        assertEquals(new Expected.Either(List.of(new Expected.Exact(new WastValue.I32(1)), new Expected.Exact(new WastValue.I32(2)))),
                        ((Command.AssertReturn) c.get(9)).expected().get(0));
        assertEquals(new Command.AssertTrap(13, new Action.Invoke(null, "f", List.of()), "unreachable"), c.get(10));
        assertTrue(c.get(11) instanceof Command.AssertUninstantiable u && u.module() instanceof ModuleSource.Text && u.message().equals("unreachable"));
        assertTrue(c.get(12) instanceof Command.AssertExhaustion);
        assertEquals(new Command.AssertMalformed(16, new ModuleSource.Quote("(func"), "unexpected token"), c.get(13));
        assertTrue(c.get(14) instanceof Command.AssertInvalid i && i.message().equals("type mismatch"));
        assertTrue(c.get(15) instanceof Command.AssertUnlinkable);
        assertTrue(c.get(16) instanceof Command.AssertUninstantiable u && u.module() instanceof ModuleSource.Binary);
    }

    @Test
    void wasm3Commands() {
        Script script = WastParser.parse("""
                        (module definition $M (func))
                        (module instance $I $M)
                        (assert_exception (invoke $I "throw"))
                        (assert_return (invoke "h" (ref.host 3)) (ref.null) (ref.struct))
                        """, "w3.wast");
        List<Command> c = script.commands();
        assertEquals(new Command.ModuleCommand(1, "$M", new ModuleSource.Text("(module  $M (func))"), true), c.get(0));
        assertEquals(new Command.ModuleInstance(2, "$I", "$M"), c.get(1));
        assertEquals(new Command.AssertException(3, new Action.Invoke("$I", "throw", List.of())), c.get(2));
        Command.AssertReturn r = (Command.AssertReturn) c.get(3);
        assertEquals(List.of(new WastValue.RefHost(3)), ((Action.Invoke) r.action()).args());
        assertEquals(List.of(new Expected.Exact(new WastValue.RefNull(null)), new Expected.AnyRef("struct")), r.expected());
    }

    @Test
    void bareModuleScript() {
        Script script = WastParser.parse("(func) (memory 0) (func (export \"f\"))", "inline.wast");
        Command.ModuleCommand m = (Command.ModuleCommand) script.commands().get(0);
        assertEquals(2, WatParser.parseModule(((ModuleSource.Text) m.source()).wat()).functions().size());
    }

    private static void assertReason(String expected, String script) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WastParser.parse(script, "x"));
        assertTrue(e.reason().startsWith(expected), () -> "expected \"" + expected + "\", got \"" + e.reason() + "\"");
    }

    @Test
    void v128ValuesAndPatterns() {
        Script script = WastParser.parse("""
                        (assert_return
                          (invoke "f" (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0x80) (v128.const f32x4 1 nan:0x1 -0 -inf))
                          (v128.const i16x8 -1 65535 0 1 2 3 4 -32768)
                          (v128.const f32x4 nan:canonical nan:arithmetic 1.5 -nan)
                          (either (v128.const i64x2 1 -1) (v128.const f64x2 nan:canonical 0x1p0)))
                        """, "v.wast");
        Command.AssertReturn r = (Command.AssertReturn) script.commands().get(0);
        assertEquals(List.of(new WastValue.V128(0xFFL, 0x8000_0000_0000_0000L), new WastValue.V128(0x7F80_0001_3F80_0000L, 0xFF80_0000_8000_0000L)),
                        ((Action.Invoke) r.action()).args());
        assertEquals(new Expected.V128Pattern(VectorShape.I16X8, bits(0xFFFF, 0xFFFF, 0, 1, 2, 3, 4, 0x8000)), r.expected().get(0));
        assertEquals(new Expected.V128Pattern(VectorShape.F32X4, List.of(new Expected.LanePattern.Nan(true), new Expected.LanePattern.Nan(false),
                        new Expected.LanePattern.Bits(0x3FC0_0000L), new Expected.LanePattern.Bits(0xFFC0_0000L))), r.expected().get(1));
        assertEquals(new Expected.Either(List.of(new Expected.V128Pattern(VectorShape.I64X2, bits(1, -1)),
                        new Expected.V128Pattern(VectorShape.F64X2, List.of(new Expected.LanePattern.Nan(true),
                                        new Expected.LanePattern.Bits(0x3FF0_0000_0000_0000L))))),
                        r.expected().get(2));
        assertEquals("(v128.const f32x4 nan:canonical nan:arithmetic 1.5 -nan:0x400000)", r.expected().get(1).toString());
    }

    private static List<Expected.LanePattern> bits(long... lanes) {
        return java.util.Arrays.stream(lanes).mapToObj(b -> (Expected.LanePattern) new Expected.LanePattern.Bits(b)).toList();
    }

    @Test
    void errors() {
        assertReason("wrong number of lane literals", "(assert_return (invoke \"f\" (v128.const i32x4 0 0 0)))");
        assertReason("constant out of range", "(assert_return (invoke \"f\" (v128.const i16x8 0 0 0 0 0 0 0 -32769)))");
        // NaN patterns are results, in float lanes only
        assertReason("unexpected token", "(assert_return (invoke \"f\" (v128.const f32x4 nan:canonical 0 0 0)))");
        assertReason("unexpected token", "(assert_return (invoke \"f\") (v128.const i32x4 nan:canonical 0 0 0))");
        assertReason("unexpected token", "(assert_return (invoke \"f\") (v128.const 0 0 0 0))");
        assertThrows(MalformedModuleException.class, () -> WastParser.parse("(assert_return (invoke \"f\") (i32.const 0x1_0000_0000))", "x"));
        assertThrows(MalformedModuleException.class, () -> WastParser.parse("(bogus)", "x"));
        assertThrows(MalformedModuleException.class, () -> WastParser.parse("(module", "x"));
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WastParser.parse("\n\n(invoke 1)", "x"));
        assertEquals("at line 3, column 9", e.location());
    }
}
