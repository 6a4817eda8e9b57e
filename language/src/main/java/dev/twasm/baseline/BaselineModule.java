package dev.twasm.baseline;

import dev.twasm.runtime.WasmModule;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.BitSet;

/**
 * The baseline code of one {@link WasmModule}: its {@link ModuleClass} generated and defined as a
 * hidden class the first time one of its functions runs in the baseline tier, and method handles
 * into it.
 *
 * <p>Like the module, this is shared by every instance in every context of an engine
 * ({@code ContextPolicy.SHARED}): the generated code takes all per-instance state (memories,
 * tables, globals, functions, the call depth counter) from its {@code WasmInstance} parameter and
 * bakes in only what the module fixes (indices, offsets, canonical type ids of the engine). The
 * hidden class is not {@code STRONG}, so it is unloaded when the module becomes unreachable.
 */
public final class BaselineModule {
    private final WasmModule module;
    private final boolean strict;
    private volatile Code code;
    private volatile boolean failed;

    /** The defined class and which functions it translated. */
    private record Code(MethodHandles.Lookup lookup, BitSet translated) {
    }

    public BaselineModule(WasmModule module, boolean strict) {
        this.module = module;
        this.strict = strict;
    }

    public WasmModule module() {
        return module;
    }

    /** The defined code, generating it on first use; null when it could not be generated. */
    private Code code() {
        Code c = code;
        if (c == null && !failed) {
            synchronized (this) {
                c = code;
                if (c == null && !failed) {
                    c = define();
                    code = c;
                }
            }
        }
        return c;
    }

    private Code define() {
        try {
            long t0 = System.nanoTime();
            ModuleClass.Result result = ModuleClass.generate(module, strict);
            long t1 = System.nanoTime();
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(result.bytes(), true);
            long t2 = System.nanoTime();
            if (Boolean.getBoolean("twasm.baseline.trace")) {
                System.err.printf("baseline %s: generate %.1f ms, define %.1f ms, %d bytes, %d translated%n", module.name(), (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                                result.bytes().length, result.translated().cardinality());
            }
            return new Code(lookup, result.translated());
        } catch (IllegalAccessException | LinkageError | RuntimeException e) {
            if (strict) {
                throw new IllegalStateException("baseline code of " + module.name() + " could not be defined", e);
            }
            failed = true;
            return null;
        }
    }

    /** Whether the code was generated already (without generating it). */
    boolean isDefined() {
        return code != null;
    }

    /** Whether function {@code functionIndex} has translated code (generates the module's code). */
    boolean isTranslated(int functionIndex) {
        Code c = code();
        return c != null && c.translated.get(functionIndex);
    }

    /** {@code (WasmInstance, Object[]) Object}: the bridge from the Truffle calling convention. */
    MethodHandle bridge(int functionIndex) {
        return find(functionIndex, ModuleClass.bridgeName(functionIndex), MethodType.methodType(Object.class, dev.twasm.runtime.WasmInstance.class, Object[].class));
    }

    /** {@code (params..., WasmInstance) result}: the translated method itself. */
    MethodHandle entry(int functionIndex) {
        return find(functionIndex, ModuleClass.methodName(functionIndex), JvmTypes.functionType(module.model().functionType(functionIndex)));
    }

    /** {@code () long}: reads the function's loop iteration counter. */
    MethodHandle counter(int functionIndex) {
        try {
            return code().lookup.findStaticGetter(code().lookup.lookupClass(), ModuleClass.counterName(functionIndex), long.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private MethodHandle find(int functionIndex, String name, MethodType type) {
        if (!isTranslated(functionIndex)) {
            return null;
        }
        try {
            return code.lookup.findStatic(code.lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
