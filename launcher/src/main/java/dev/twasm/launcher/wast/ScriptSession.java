package dev.twasm.launcher.wast;

import dev.twasm.text.script.Action;
import dev.twasm.text.script.Command;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.ModuleSource;
import dev.twasm.text.script.WastValue;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the commands of one {@code .wast} script, in order, against one polyglot context,
 * through the public embedding API only: {@code Context.eval} on binary and text sources,
 * {@code newInstance(imports)}, the {@code exports} member, and executing exported functions.
 * Each command returns an {@link Outcome}, so a test framework can report one test per command.
 *
 * <p>Classification of failures follows the spec's categories: malformed and invalid modules are
 * syntax errors whose messages start with "malformed module" and "invalid module"; link errors,
 * instantiation traps and run-time traps are guest exceptions. Expected messages must appear in
 * the engine's message.
 *
 * <p>Values cross the embedding API as Java numbers, {@code null} and host objects; a {@code v128}
 * argument is passed as a {@code byte[16]} (its bytes in memory order, little-endian) and a
 * {@code v128} result arrives as a value with 16 buffer elements (see {@link ResultMatcher}).
 */
public final class ScriptSession implements AutoCloseable {
    private static final String BINARY = "application/wasm";
    private final Context context;
    private final String fileName;
    /** Exports of named module instances. */
    private final Map<String, Value> named = new HashMap<>();
    /** Compiled but not instantiated modules ({@code module definition}, Wasm 3.0 scripts). */
    private final Map<String, Value> definitions = new HashMap<>();
    /** What modules may import: module name to exports. */
    private final Map<String, Object> registry = new HashMap<>();
    private final Map<Long, ExternRef> externRefs = new HashMap<>();
    private final List<Integer> printed = new ArrayList<>();
    private Value current;

    public ScriptSession(Context context, String fileName) {
        this.context = context;
        this.fileName = fileName;
        Map<String, Object> host = new HashMap<>();
        host.put("print", (ProxyExecutable) args -> {
            printed.add(args[0].asInt());
            return null;
        });
        registry.put("host", ProxyObject.fromMap(host));
        Value spectest;
        try {
            spectest = context.eval(Source.newBuilder("wasm", SpecTestModule.TEXT_MEMORY64, "spectest.wat").buildLiteral());
        } catch (PolyglotException e) {
            // a context without memory64 (Wasm 2.0 rules) rejects the 64-bit table
            spectest = context.eval(Source.newBuilder("wasm", SpecTestModule.TEXT, "spectest.wat").buildLiteral());
        }
        registry.put("spectest", withSharedMemory(spectest.newInstance(importsObject()).getMember("exports")));
    }

    /**
     * The {@code spectest} exports with {@code shared_memory} added (threads). It comes from a
     * module of its own, as a context with Wasm 2.0's rules allows one memory per module.
     */
    private Object withSharedMemory(Value spectestExports) {
        Map<String, Object> members = new HashMap<>();
        for (String name : spectestExports.getMemberKeys()) {
            members.put(name, spectestExports.getMember(name));
        }
        Value shared = context.eval(Source.newBuilder("wasm", SpecTestModule.SHARED_MEMORY_TEXT, "spectest-shared.wat").buildLiteral());
        members.put(SpecTestModule.SHARED_MEMORY, shared.newInstance().getMember("exports").getMember(SpecTestModule.SHARED_MEMORY));
        return ProxyObject.fromMap(members);
    }

    private Object importsObject() {
        return ProxyObject.fromMap(registry);
    }

    /** How many times the script called the spectest print functions. */
    public int printCount() {
        return printed.size();
    }

    /** Executes one command; never throws for a failing command. */
    public Outcome execute(Command command) {
        try {
            return switch (command) {
                case Command.ModuleCommand m -> defineModule(m);
                case Command.ModuleInstance m -> instantiateDefinition(m);
                case Command.Register r -> register(r);
                case Command.Perform p -> {
                    perform(p.action());
                    yield Outcome.PASSED;
                }
                case Command.AssertReturn a -> assertReturn(a);
                case Command.AssertTrap a -> expectRuntimeFailure(() -> perform(a.action()), a.message(), "trap");
                case Command.AssertExhaustion a -> expectRuntimeFailure(() -> perform(a.action()), a.message(), "exhaustion");
                case Command.AssertException a -> expectException(a);
                case Command.AssertMalformed a -> expectRejected(a.module(), a.message(), "malformed module");
                case Command.AssertInvalid a -> expectRejected(a.module(), a.message(), "invalid module");
                case Command.AssertUnlinkable a -> expectRuntimeFailure(() -> instantiate(compile(a.module(), command.line())), a.message(), "link error");
                case Command.AssertUninstantiable a -> expectRuntimeFailure(() -> instantiate(compile(a.module(), command.line())), a.message(), "trap");
            };
        } catch (PolyglotException e) {
            return Outcome.failed("unexpected " + describe(e));
        } catch (AssertionError | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    // ---- modules -----------------------------------------------------------------------------

    private Value compile(ModuleSource module, int line) {
        String name = fileName + ":" + line;
        Source source = switch (module) {
            case ModuleSource.Text t -> Source.newBuilder("wasm", t.wat(), name).cached(false).buildLiteral();
            case ModuleSource.Quote q -> Source.newBuilder("wasm", q.asModuleText(), name).cached(false).buildLiteral();
            case ModuleSource.Binary b -> Source.newBuilder("wasm", ByteSequence.create(b.bytes()), name).mimeType(BINARY).cached(false).buildLiteral();
        };
        return context.eval(source);
    }

    private Value instantiate(Value module) {
        return module.newInstance(importsObject()).getMember("exports");
    }

    private Outcome defineModule(Command.ModuleCommand m) {
        Value module = compile(m.source(), m.line());
        if (m.definitionOnly()) {
            if (m.id() != null) {
                definitions.put(m.id(), module);
            }
            return Outcome.PASSED;
        }
        current = instantiate(module);
        if (m.id() != null) {
            named.put(m.id(), current);
        }
        return Outcome.PASSED;
    }

    private Outcome instantiateDefinition(Command.ModuleInstance m) {
        Value module = definitions.get(m.moduleId());
        if (module == null) {
            return Outcome.failed("no module definition " + m.moduleId());
        }
        current = instantiate(module);
        if (m.instanceId() != null) {
            named.put(m.instanceId(), current);
        }
        return Outcome.PASSED;
    }

    private Outcome register(Command.Register r) {
        registry.put(r.name(), exportsOf(r.moduleId()));
        return Outcome.PASSED;
    }

    private Value exportsOf(String moduleId) {
        Value exports = moduleId == null ? current : named.get(moduleId);
        if (exports == null) {
            throw new IllegalStateException(moduleId == null ? "no module instantiated yet" : "unknown module " + moduleId);
        }
        return exports;
    }

    // ---- actions and assertions --------------------------------------------------------------

    private Value perform(Action action) {
        Value exports = exportsOf(action.moduleId());
        Value export = exports.getMember(action.name());
        if (export == null) {
            throw new IllegalStateException("no export \"" + action.name() + "\"");
        }
        return switch (action) {
            case Action.Invoke invoke -> {
                Object[] args = new Object[invoke.args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = toHost(invoke.args().get(i));
                }
                yield export.execute(args);
            }
            case Action.Get get -> export.getMember("value");
        };
    }

    private Object toHost(WastValue value) {
        return switch (value) {
            case WastValue.I32 v -> v.value();
            case WastValue.I64 v -> v.value();
            case WastValue.F32 v -> Float.intBitsToFloat(v.bits());
            case WastValue.F64 v -> Double.longBitsToDouble(v.bits());
            case WastValue.V128 v -> v128(v.lo(), v.hi());
            case WastValue.RefNull v -> null;
            case WastValue.RefExtern v -> externRefs.computeIfAbsent(v.id(), ExternRef::new);
            case WastValue.RefHost v -> externRefs.computeIfAbsent(v.id(), ExternRef::new);
        };
    }

    /**
     * A v128 argument: an array of its 16 bytes, byte 0 first. A proxy, because a context's
     * default host access does not let the guest read a Java {@code byte[]}.
     */
    private static Object v128(long lo, long hi) {
        Object[] bytes = new Object[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (int) (byte) ((i < 8 ? lo : hi) >>> (8 * (i % 8)));
        }
        return ProxyArray.fromArray(bytes);
    }

    private Outcome assertReturn(Command.AssertReturn a) {
        Value result = perform(a.action());
        List<Expected> expected = a.expected();
        List<Value> actual = new ArrayList<>();
        if (expected.size() > 1) {
            if (!result.hasArrayElements() || result.getArraySize() != expected.size()) {
                return Outcome.failed("expected " + expected.size() + " results, got " + result);
            }
            for (int i = 0; i < expected.size(); i++) {
                actual.add(result.getArrayElement(i));
            }
        } else if (expected.size() == 1) {
            actual.add(result);
        } else if (!(a.action() instanceof Action.Invoke) || !result.isNull()) {
            return Outcome.failed("expected no result, got " + result);
        }
        for (int i = 0; i < expected.size(); i++) {
            String mismatch = ResultMatcher.mismatch(expected.get(i), actual.get(i));
            if (mismatch != null) {
                return Outcome.failed("result " + i + ": " + mismatch);
            }
        }
        return Outcome.PASSED;
    }

    private Outcome expectRejected(ModuleSource module, String expectedMessage, String category) {
        try {
            compile(module, 0);
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                return Outcome.failed("expected a " + category + " (syntax error), got " + describe(e));
            }
            String message = e.getMessage();
            if (!message.contains(category + ":")) {
                return Outcome.failed("expected a " + category + ", got: " + message);
            }
            if (!message.contains(expectedMessage)) {
                return Outcome.failed("expected message \"" + expectedMessage + "\", got: " + message);
            }
            return Outcome.PASSED;
        }
        return Outcome.failed("expected a " + category + " (\"" + expectedMessage + "\"), but the module was accepted");
    }

    private static Outcome expectRuntimeFailure(Runnable action, String expectedMessage, String what) {
        try {
            action.run();
        } catch (PolyglotException e) {
            if (!e.isGuestException() || e.isSyntaxError() || e.isInternalError()) {
                return Outcome.failed("expected a " + what + " (\"" + expectedMessage + "\"), got " + describe(e));
            }
            if (!e.getMessage().contains(expectedMessage)) {
                return Outcome.failed("expected a " + what + " with message \"" + expectedMessage + "\", got: " + e.getMessage());
            }
            return Outcome.PASSED;
        }
        return Outcome.failed("expected a " + what + " (\"" + expectedMessage + "\"), but it succeeded");
    }

    /**
     * {@code assert_exception}: the action must throw a Wasm exception (exception handling), not
     * trap: a guest exception whose object has the {@code tag} and {@code payload} members of a
     * Wasm exception.
     */
    private Outcome expectException(Command.AssertException a) {
        try {
            perform(a.action());
        } catch (PolyglotException e) {
            Value exception = e.isGuestException() && !e.isSyntaxError() && !e.isInternalError() ? e.getGuestObject() : null;
            if (exception == null || !exception.hasMember("tag") || !exception.hasMember("payload")) {
                return Outcome.failed("expected a Wasm exception, got " + describe(e));
            }
            return Outcome.PASSED;
        }
        return Outcome.failed("expected a Wasm exception, but it succeeded");
    }

    private static String describe(PolyglotException e) {
        String kind = e.isInternalError() ? "internal error" : e.isSyntaxError() ? "syntax error" : e.isHostException() ? "host exception" : "guest exception";
        return kind + ": " + e.getMessage();
    }

    @Override
    public void close() {
        context.close();
    }
}
