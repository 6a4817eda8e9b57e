package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.text.script.Action;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.text.script.Script;
import dev.twasm.text.script.VectorShape;
import dev.twasm.text.script.WastValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of {@code .wast} scripts (the reference interpreter's script format): module
 * definitions, {@code register}, actions ({@code invoke}, {@code get}) and assertions, with the
 * constants and result patterns they carry. Used by {@link WastParser}.
 */
final class ScriptParser extends TokenCursor {
    private final String fileName;

    ScriptParser(Tokens tokens, String fileName) {
        super(tokens);
        this.fileName = fileName;
    }

    Script script() {
        if (at(TokenKind.LPAR) && isModuleField(tokens.keyword(pos + 1))) {
            // A script may be a bare module: its fields only (the reference interpreter's "inline module").
            int line = tokens.lineOf(tokens.start(pos));
            Command module = new Command.ModuleCommand(line, null, new ModuleSource.Text(tokens.source()), false);
            return new Script(fileName, List.of(module));
        }
        List<Command> commands = new ArrayList<>();
        while (!at(TokenKind.EOF)) {
            commands.add(command());
        }
        return new Script(fileName, List.copyOf(commands));
    }

    private static boolean isModuleField(Object keyword) {
        return keyword == Keyword.TYPE || keyword == Keyword.IMPORT || keyword == Keyword.FUNC || keyword == Keyword.TABLE
                        || keyword == Keyword.MEMORY || keyword == Keyword.GLOBAL || keyword == Keyword.EXPORT || keyword == Keyword.START
                        || keyword == Keyword.ELEM || keyword == Keyword.DATA;
    }

    private Command command() {
        int start = pos;
        int line = tokens.lineOf(tokens.start(start));
        if (!at(TokenKind.LPAR)) {
            throw unexpected();
        }
        Object keyword = tokens.keyword(pos + 1);
        if (keyword == Keyword.MODULE) {
            if (tokens.keyword(pos + 2) == Keyword.INSTANCE) {
                pos += 3;
                String instance = optionalId();
                String module = optionalId();
                expectRPar();
                return new Command.ModuleInstance(line, instance, module);
            }
            boolean definition = tokens.keyword(pos + 2) == Keyword.DEFINITION;
            String id = kind(pos + (definition ? 3 : 2)) == TokenKind.ID ? tokens.id(pos + (definition ? 3 : 2)) : null;
            return new Command.ModuleCommand(line, id, moduleSource(), definition);
        }
        if (keyword == Keyword.INVOKE || keyword == Keyword.GET) {
            return new Command.Perform(line, action());
        }
        if (!(keyword instanceof Keyword k)) {
            throw unsupported(pos + 1);
        }
        pos += 2;
        Command command = switch (k) {
            case REGISTER -> {
                String name = name();
                yield new Command.Register(line, name, optionalId());
            }
            case ASSERT_RETURN -> {
                Action action = action();
                List<Expected> expected = new ArrayList<>();
                while (at(TokenKind.LPAR)) {
                    expected.add(result());
                }
                yield new Command.AssertReturn(line, action, List.copyOf(expected));
            }
            case ASSERT_TRAP -> {
                if (atForm(Keyword.MODULE)) {
                    ModuleSource module = moduleSource();
                    yield new Command.AssertUninstantiable(line, module, message());
                }
                Action action = action();
                yield new Command.AssertTrap(line, action, message());
            }
            case ASSERT_EXHAUSTION -> {
                Action action = action();
                yield new Command.AssertExhaustion(line, action, message());
            }
            case ASSERT_EXCEPTION -> new Command.AssertException(line, action());
            case ASSERT_MALFORMED, ASSERT_MALFORMED_CUSTOM -> {
                ModuleSource module = moduleSource();
                yield new Command.AssertMalformed(line, module, message());
            }
            case ASSERT_INVALID, ASSERT_INVALID_CUSTOM -> {
                ModuleSource module = moduleSource();
                yield new Command.AssertInvalid(line, module, message());
            }
            case ASSERT_UNLINKABLE -> {
                ModuleSource module = moduleSource();
                yield new Command.AssertUnlinkable(line, module, message());
            }
            case ASSERT_UNINSTANTIABLE -> {
                ModuleSource module = moduleSource();
                yield new Command.AssertUninstantiable(line, module, message());
            }
            default -> throw unsupported(start + 1);
        };
        expectRPar();
        return command;
    }

    private MalformedModuleException unsupported(int token) {
        return error("unsupported script command: " + tokens.text(token), token);
    }

    private String message() {
        return new String(string(), StandardCharsets.UTF_8);
    }

    /**
     * {@code (module definition? $id? ...)}: binary and quoted modules as their bytes and text,
     * text modules as the source of the form, without {@code definition}.
     */
    private ModuleSource moduleSource() {
        int open = pos;
        expectForm(Keyword.MODULE);
        int definition = -1;
        if (atKeyword(Keyword.DEFINITION)) {
            definition = pos++;
        }
        optionalId();
        if (atKeyword(Keyword.BINARY)) {
            pos++;
            byte[] bytes = strings();
            expectRPar();
            return new ModuleSource.Binary(bytes);
        }
        if (atKeyword(Keyword.QUOTE)) {
            pos++;
            byte[] bytes = strings();
            expectRPar();
            return new ModuleSource.Quote(StringLiteral.decodeSource(bytes));
        }
        int close = tokens.partner(open);
        if (close < 0) {
            pos = tokens.count() - 1;
            throw unexpected();
        }
        String source = tokens.source();
        int from = tokens.start(open);
        int to = tokens.end(close);
        String text = definition < 0
                        ? source.substring(from, to)
                        : source.substring(from, tokens.start(definition)) + source.substring(tokens.end(definition), to);
        pos = close + 1;
        return new ModuleSource.Text(text);
    }

    /** {@code (invoke $id? "name" const*)} or {@code (get $id? "name")}. */
    private Action action() {
        expectLPar();
        if (atKeyword(Keyword.INVOKE)) {
            pos++;
            String module = optionalId();
            String name = name();
            List<WastValue> args = new ArrayList<>();
            while (at(TokenKind.LPAR)) {
                args.add(constant());
            }
            expectRPar();
            return new Action.Invoke(module, name, List.copyOf(args));
        }
        expectKeyword(Keyword.GET);
        String module = optionalId();
        String name = name();
        expectRPar();
        return new Action.Get(module, name);
    }

    /**
     * An argument constant: {@code (t.const c)}, {@code (v128.const shape c*)}, {@code (ref.null ht)},
     * {@code (ref.extern n)}, {@code (ref.host n)}.
     */
    private WastValue constant() {
        expectLPar();
        int token = pos;
        Object keyword = keyword();
        pos++;
        WastValue value;
        if (keyword == Opcode.I32_CONST) {
            value = new WastValue.I32((int) number(false, NumberLiteral::i32));
        } else if (keyword == Opcode.I64_CONST) {
            value = new WastValue.I64(number(false, NumberLiteral::i64));
        } else if (keyword == Opcode.F32_CONST) {
            value = new WastValue.F32((int) number(true, NumberLiteral::f32Bits));
        } else if (keyword == Opcode.F64_CONST) {
            value = new WastValue.F64(number(true, NumberLiteral::f64Bits));
        } else if (keyword == Opcode.V128_CONST) {
            long[] halves = v128Lanes(vectorShape());
            value = new WastValue.V128(halves[0], halves[1]);
        } else if (keyword == Opcode.REF_NULL) {
            if (at(TokenKind.RPAR)) {
                value = new WastValue.RefNull(null);
            } else if (at(TokenKind.KEYWORD) || at(TokenKind.ID) || at(TokenKind.NAT)) {
                value = new WastValue.RefNull(tokens.text(pos++));
            } else {
                throw unexpected();
            }
        } else if (keyword == Keyword.REF_EXTERN) {
            value = new WastValue.RefExtern(u64());
        } else if (keyword == Keyword.REF_HOST) {
            value = new WastValue.RefHost(u64());
        } else {
            throw unsupportedValue(token);
        }
        expectRPar();
        return value;
    }

    private MalformedModuleException unsupportedValue(int token) {
        if (kind(token) == TokenKind.KEYWORD) {
            return error("unsupported script value: " + tokens.text(token), token);
        }
        return unexpected(token);
    }

    /**
     * An expected result of {@code assert_return}: a constant, a NaN pattern, a {@code v128}
     * pattern (lane by lane), {@code (ref.kind)} for any non-null reference, or {@code either}.
     */
    private Expected result() {
        int open = pos;
        Object keyword = tokens.keyword(pos + 1);
        if (keyword == Opcode.F32_CONST || keyword == Opcode.F64_CONST) {
            ValType type = keyword == Opcode.F32_CONST ? ValType.F32 : ValType.F64;
            if (tokens.keyword(pos + 2) == Keyword.NAN_CANONICAL || tokens.keyword(pos + 2) == Keyword.NAN_ARITHMETIC) {
                boolean canonical = tokens.keyword(pos + 2) == Keyword.NAN_CANONICAL;
                pos += 3;
                expectRPar();
                return canonical ? new Expected.CanonicalNan(type) : new Expected.ArithmeticNan(type);
            }
        }
        if (keyword == Opcode.V128_CONST) {
            pos += 2;
            Expected pattern = v128Pattern(vectorShape());
            expectRPar();
            return pattern;
        }
        if (keyword == Keyword.EITHER) {
            pos += 2;
            List<Expected> alternatives = new ArrayList<>();
            while (at(TokenKind.LPAR)) {
                alternatives.add(result());
            }
            expectRPar();
            return new Expected.Either(List.copyOf(alternatives));
        }
        if (kind(pos + 2) == TokenKind.RPAR && kind(pos + 1) == TokenKind.KEYWORD && tokens.textStartsWith(pos + 1, "ref.")) {
            // (ref.func), (ref.extern), (ref.struct), ...: any non-null reference of that kind
            String kind = tokens.text(pos + 1).substring("ref.".length());
            if (!kind.equals("null")) {
                pos += 3;
                return new Expected.AnyRef(kind);
            }
        }
        pos = open;
        return new Expected.Exact(constant());
    }

    /**
     * The lanes of a {@code (v128.const shape ...)} result: numbers, and in float shapes
     * {@code nan:canonical} or {@code nan:arithmetic} per lane.
     */
    private Expected.V128Pattern v128Pattern(VectorShape shape) {
        expectLaneCount(shape, shape.isFloat());
        List<Expected.LanePattern> lanes = new ArrayList<>(shape.laneCount());
        for (int i = 0; i < shape.laneCount(); i++) {
            Object keyword = keyword();
            if (keyword == Keyword.NAN_CANONICAL || keyword == Keyword.NAN_ARITHMETIC) {
                pos++;
                lanes.add(new Expected.LanePattern.Nan(keyword == Keyword.NAN_CANONICAL));
            } else {
                lanes.add(new Expected.LanePattern.Bits(laneLiteral(shape)));
            }
        }
        return new Expected.V128Pattern(shape, lanes);
    }

    private interface LiteralValue {
        long of(String text);
    }

    private long number(boolean floats, LiteralValue value) {
        TokenKind kind = kind();
        if (!(kind == TokenKind.NAT || kind == TokenKind.INT || floats && kind == TokenKind.FLOAT)) {
            throw kind == TokenKind.KEYWORD && tokens.keyword(pos) == null ? unsupportedValue(pos) : unexpected();
        }
        try {
            return value.of(tokens.text(pos++));
        } catch (NumberLiteral.OutOfRange e) {
            throw error("constant out of range", pos - 1);
        }
    }
}
