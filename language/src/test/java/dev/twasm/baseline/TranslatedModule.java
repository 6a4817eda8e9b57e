package dev.twasm.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.builder.FunctionCompiler;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Module;
import dev.twasm.runtime.CallStack;
import dev.twasm.runtime.EngineState;
import dev.twasm.runtime.Instantiator;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;
import dev.twasm.text.WatParser;
import dev.twasm.validation.Validator;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A module from text, instantiated, with its baseline code generated strictly: calls of its
 * exports go straight to their translated methods (no Truffle root in between), so a test sees
 * exactly what the translation does.
 */
final class TranslatedModule {
    final WasmModule module;
    final WasmInstance instance;
    final BaselineModule code;

    private TranslatedModule(String wat, int maxCallDepth) {
        Module model = WatParser.parseModule(wat);
        this.module = WasmModule.create(new EngineState(null), model, Validator.analyze(model), "test", FunctionCompiler.trees());
        this.instance = Instantiator.instantiate(module, null, new CallStack(maxCallDepth));
        this.code = new BaselineModule(module, true);
    }

    static TranslatedModule of(String wat) {
        return new TranslatedModule(wat, 10_000);
    }

    static TranslatedModule of(String wat, int maxCallDepth) {
        return new TranslatedModule(wat, maxCallDepth);
    }

    int functionIndex(String export) {
        for (Export e : module.model().exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(export)) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("no exported function " + export);
    }

    boolean isTranslated(String export) {
        return code.isTranslated(functionIndex(export));
    }

    /** Calls the translated method of {@code export} (which must have one) with Java-typed arguments. */
    Object call(String export, Object... arguments) throws Throwable {
        int function = functionIndex(export);
        assertTrue(code.isTranslated(function), export + " was not translated");
        MethodHandle entry = code.entry(function);
        List<Object> args = new ArrayList<>(Arrays.asList(arguments));
        args.add(instance);
        return entry.invokeWithArguments(args);
    }

    /** The loop iterations the translated code of {@code export} counted so far. */
    long loopIterations(String export) {
        return code.work(functionIndex(export));
    }

    /** A call of translated code, which may throw anything. */
    interface Call {
        Object run() throws Throwable;
    }

    /** Asserts that {@code call} traps with {@code kind}; returns the trap's message. */
    static String assertTrap(TrapKind kind, Call call) {
        WasmTrap trap = assertThrows(WasmTrap.class, call::run);
        assertEquals(kind, trap.kind());
        return trap.getMessage();
    }
}
