package dev.twasm.baseline;

import com.oracle.truffle.api.TruffleLogger;
import dev.twasm.WasmLanguage;
import dev.twasm.runtime.WasmModule;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.BitSet;
import java.util.logging.Level;

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
    /** {@code --log.wasm.baseline.level=FINE} reports each module's generation and definition times. */
    private static final TruffleLogger LOG = TruffleLogger.getLogger(WasmLanguage.ID, "baseline");
    private final WasmModule module;
    private final boolean strict;
    private volatile Code code;
    private volatile boolean failed;

    /** The defined class, which functions it translated, and its bridge. */
    private record Code(MethodHandles.Lookup lookup, BitSet translated, MethodHandle bridge) {
    }

    /**
     * The calls and loop iterations of each function's baseline code (the class's {@code WORK}), by
     * function index, then their total.
     */
    private final long[] work;

    public BaselineModule(WasmModule module, boolean strict) {
        this.module = module;
        this.strict = strict;
        this.work = new long[module.model().functionCount() + 1];
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
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(result.bytes(), work, true);
            MethodHandle bridge = lookup.findStatic(lookup.lookupClass(), ModuleClass.BRIDGE,
                            MethodType.methodType(Object.class, int.class, dev.twasm.runtime.WasmInstance.class, Object[].class));
            long t2 = System.nanoTime();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(String.format("%s: generated %d bytes in %.1f ms, defined in %.1f ms; %d of %d functions translated", module.name(),
                                result.bytes().length, (t1 - t0) / 1e6, (t2 - t1) / 1e6, result.translated().cardinality(),
                                module.model().functions().size()));
            }
            return new Code(lookup, result.translated(), bridge);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
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

    /**
     * {@code (int functionIndex, WasmInstance, Object[]) Object}: the bridge from the Truffle
     * calling convention to the translated methods, or null when {@code functionIndex} is not
     * translated (generates the module's code).
     */
    MethodHandle bridge(int functionIndex) {
        return isTranslated(functionIndex) ? code.bridge : null;
    }

    /** {@code (params..., WasmInstance) result}: the translated method itself. */
    MethodHandle entry(int functionIndex) {
        return find(functionIndex, ModuleClass.methodName(functionIndex), JvmTypes.functionType(module.model().functionType(functionIndex)));
    }

    /** The calls and loop iterations the baseline code of {@code functionIndex} has run. */
    long work(int functionIndex) {
        return work[functionIndex];
    }

    /** The calls and loop iterations the module's baseline code has run, over all functions. */
    long totalWork() {
        return work[work.length - 1];
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
