package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.text.script.Action;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.text.script.Script;
import dev.twasm.text.script.WastValue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks literal parsing against the suite's own expectations without running code: in
 * {@code const.wast}, {@code float_literals.wast} and {@code int_literals.wast} each exported
 * function returns a constant (possibly reinterpreted), and the matching {@code assert_return}
 * states its value in a second, usually simpler, spelling. Both spellings must give the same bits,
 * which exercises rounding of long decimal and hexadecimal literals, subnormals and NaN payloads.
 */
class LiteralSuiteTest {
    @ParameterizedTest
    @ValueSource(strings = {"const.wast", "float_literals.wast", "int_literals.wast"})
    void constantsMatchTheirExpectedValues(String file) throws IOException {
        Script script = WastParser.parse(Files.readString(SpecSuite.wasm20().resolve(file)), file);
        Module module = null;
        int checked = 0;
        for (Command command : script.commands()) {
            if (command instanceof Command.ModuleCommand m && m.source() instanceof ModuleSource.Text t) {
                module = WatParser.parseModule(t.wat());
            } else if (command instanceof Command.AssertReturn r && r.action() instanceof Action.Invoke invoke && invoke.args().isEmpty()
                            && r.expected().size() == 1 && r.expected().get(0) instanceof Expected.Exact exact) {
                WastValue actual = evaluate(module, invoke.name());
                if (actual != null) {
                    assertEquals(exact.value(), actual, () -> file + ":" + command.line() + " " + invoke.name());
                    checked++;
                }
            }
        }
        System.out.println(file + ": " + checked + " constants checked");
        assertTrue(checked >= 20, "only " + checked + " constants checked in " + file);
    }

    /** Evaluates an exported function whose body is {@code const [reinterpret] [return]}, else null. */
    private static WastValue evaluate(Module module, String exportName) {
        Map<String, Integer> functions = new HashMap<>();
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                functions.put(e.name(), e.index());
            }
        }
        Integer index = functions.get(exportName);
        if (index == null) {
            return null;
        }
        CodeReader reader = new CodeReader(module.definedFunction(index).body());
        WastValue value = switch (reader.next()) {
            case I32_CONST -> new WastValue.I32(reader.i32());
            case I64_CONST -> new WastValue.I64(reader.i64());
            case F32_CONST -> new WastValue.F32(reader.f32Bits());
            case F64_CONST -> new WastValue.F64(reader.f64Bits());
            default -> null;
        };
        Opcode op;
        while (value != null && (op = reader.next()) != Opcode.END) {
            value = switch (op) {
                case I32_REINTERPRET_F32 -> new WastValue.I32(((WastValue.F32) value).bits());
                case I64_REINTERPRET_F64 -> new WastValue.I64(((WastValue.F64) value).bits());
                case RETURN -> value;
                default -> null;
            };
        }
        return value;
    }
}
