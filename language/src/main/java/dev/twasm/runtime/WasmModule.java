package dev.twasm.runtime;

import com.oracle.truffle.api.source.Source;

import dev.twasm.gc.DefinedType;
import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.WasmContext;
import dev.twasm.builder.FunctionCompiler;
import dev.twasm.gc.DefinedType;
import dev.twasm.model.CanonicalTypes;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.Module;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import dev.twasm.validation.ValidationResult;

/**
 * A compiled module: the validated {@link Module} with one call target per defined function and
 * the canonical id of each of its types. Context-independent, so with the language's
 * {@code ContextPolicy.SHARED} one {@code WasmModule}, and all code compiled for it, serves every
 * instance in every context of an engine; per-instance state lives in {@link WasmInstance}.
 *
 * <p>To embedders a module is instantiable: {@code module.newInstance()} or
 * {@code module.newInstance(imports)}, where {@code imports} maps module names to objects that map
 * field names to values (host functions, or exports of other instances).
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmModule extends WasmObject {
    private final EngineState engine;
    private final Module model;
    private final String name;
    @CompilationFinal(dimensions = 1) private final CallTarget[] targets;
    @CompilationFinal(dimensions = 1) private final int[] typeIds;
    private final DefinedType[] definedTypes;
    /**
     * Valid while the module has been instantiated at most once in this engine. Compiled code then
     * takes the instance as a constant ({@link #soleInstance}) instead of reading it from the
     * frame's arguments: the memory, globals and tables become fields of constant objects, which
     * partial evaluation folds and the compiler can hoist out of loops. A second instance
     * invalidates it once and for all, and code that relied on it deoptimizes.
     */
    private final Assumption singleInstance;
    @CompilationFinal private WasmInstance soleInstance;
    private int instanceCount;
    /** The source the module was parsed from; null for modules made without one (unit tests). */
    private Source source;
    /** The Truffle side of debugging this module (package {@code instrument}), made on first request. */
    private volatile Object instrumentation;

    private WasmModule(EngineState engine, Module model, String name) {
        this.engine = engine;
        this.model = model;
        this.name = name;
        this.targets = new CallTarget[model.functions().size()];
        this.typeIds = engine.types().canonicalIds(model);
        this.definedTypes = new DefinedType[typeIds.length];
        this.singleInstance = Truffle.getRuntime().createAssumption("single instance of " + name);
    }

    /**
     * {@code type} with a concrete type index replaced by its canonical id: the form of the types
     * of tables and globals at run time, which other modules import and compare with theirs.
     */
    public ValType canonical(ValType type) {
        return CanonicalTypes.canonical(type, typeIds);
    }

    /**
     * Function type {@code typeIndex} in canonical form, the type of the module's function
     * instances: a concrete reference parameter or result then names its type by canonical id,
     * which the host boundary checks a function argument against ({@code ValueConversion}).
     */
    public FuncType canonicalType(int typeIndex) {
        FuncType type = model.funcType(typeIndex);
        ValType[] params = type.params().clone();
        ValType[] results = type.results().clone();
        boolean concrete = false;
        for (int i = 0; i < params.length; i++) {
            concrete |= params[i].isConcrete();
            params[i] = canonical(params[i]);
        }
        for (int i = 0; i < results.length; i++) {
            concrete |= results[i].isConcrete();
            results[i] = canonical(results[i]);
        }
        return concrete ? new FuncType(params, results) : type;
    }

    public GlobalType canonical(GlobalType type) {
        return type.valType().isConcrete() ? new GlobalType(canonical(type.valType()), type.mutable()) : type;
    }

    public TableType canonical(TableType type) {
        return type.elemType().isConcrete() ? new TableType(type.addressType(), canonical(type.elemType()), type.limits()) : type;
    }

    /** Creates the call target of every defined function of {@code model} with {@code compiler}. */
    public static WasmModule create(EngineState engine, Module model, ValidationResult validation, String name, FunctionCompiler compiler) {
        return create(engine, model, validation, name, compiler, null);
    }

    /**
     * As above, for a module parsed from {@code source}: remembered before the call targets exist,
     * since creating one lets an attached instrument ask for the function's source section.
     */
    public static WasmModule create(EngineState engine, Module model, ValidationResult validation, String name, FunctionCompiler compiler,
                    Source source) {
        WasmModule module = new WasmModule(engine, model, name);
        module.source = source;
        int imported = model.importedFunctionCount();
        for (int i = 0; i < module.targets.length; i++) {
            module.targets[i] = compiler.compile(module, imported + i, validation.function(i)).getCallTarget();
        }
        return module;
    }

    public TruffleLanguage<?> language() {
        return engine.language();
    }

    public EngineState engine() {
        return engine;
    }

    public Module model() {
        return model;
    }

    public String name() {
        return name;
    }

    /**
     * The environment of the context that parsed this module, held weakly (a module outlives its
     * first context); the tools read the module's C/Rust source files under its file-system policy
     * when they ask on a thread without a context.
     */
    private volatile java.lang.ref.WeakReference<TruffleLanguage.Env> parsingEnvironment;

    /** Remembers the environment of the context that parses this module (see {@link #parsingEnvironment()}). */
    public void parsedIn(TruffleLanguage.Env env) {
        parsingEnvironment = new java.lang.ref.WeakReference<>(env);
    }

    /** The environment of the context that parsed this module, or null when unknown or collected. */
    public TruffleLanguage.Env parsingEnvironment() {
        java.lang.ref.WeakReference<TruffleLanguage.Env> reference = parsingEnvironment;
        return reference == null ? null : reference.get();
    }

    /** The source this module was parsed from, or null. */
    public Source source() {
        return source;
    }

    /**
     * This module's instrumentation data (sources, sections, debug information), made once by
     * {@code create} on first request and shared by every context of the engine.
     */
    public Object instrumentation(java.util.function.Function<WasmModule, Object> create) {
        Object data = instrumentation;
        if (data == null) {
            synchronized (this) {
                data = instrumentation;
                if (data == null) {
                    data = create.apply(this);
                    instrumentation = data;
                }
            }
        }
        return data;
    }

    /** The call target of defined function {@code functionIndex} (an index in the function space). */
    public CallTarget callTarget(int functionIndex) {
        return targets[functionIndex - model.importedFunctionCount()];
    }

    /** Records a new instance of this module, before any of its code runs against it. */
    synchronized void registerInstance(WasmInstance instance) {
        if (instanceCount++ == 0) {
            soleInstance = instance;
        } else {
            soleInstance = null;
            singleInstance.invalidate();
        }
    }

    /** The module's only instance, or null once it has (or had) several. */
    public WasmInstance soleInstance() {
        return singleInstance.isValid() ? soleInstance : null;
    }

    /** The canonical id of type {@code typeIndex}. */
    public int typeId(int typeIndex) {
        return typeIds[typeIndex];
    }

    /**
     * The run-time form of type {@code typeIndex} (GC), from the engine's registry on first use
     * and then from this module's cache: what allocations in the baseline tier and in constant
     * expressions look up per instruction. Racy but idempotent (the registry returns one object per id).
     */
    public DefinedType definedType(int typeIndex) {
        DefinedType t = definedTypes[typeIndex];
        if (t == null) {
            t = engine.types().definedType(typeIds[typeIndex]);
            definedTypes[typeIndex] = t;
        }
        return t;
    }

    @ExportMessage
    boolean isInstantiable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object instantiate(Object[] arguments) throws ArityException {
        if (arguments.length > 1) {
            throw ArityException.create(0, 1, arguments.length);
        }
        WasmContext context = WasmContext.get(null);
        // The start function runs as a call from the host: the deadline (wasm.Timeout) applies.
        boolean armed = Deadlines.enter(context);
        try {
            return Instantiator.instantiate(this, arguments.length == 1 ? arguments[0] : null, context.callStack(), context.memory64Limits(),
                            context.limits());
        } finally {
            Deadlines.exit(armed);
        }
    }

    @Override
    public String toString() {
        return "module " + name;
    }
}
