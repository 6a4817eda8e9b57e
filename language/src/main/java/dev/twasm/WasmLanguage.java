package dev.twasm;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionValues;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLogger;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import dev.twasm.baseline.BaselineTier;
import dev.twasm.binary.BinaryDecoder;
import dev.twasm.builder.FunctionCompiler;
import dev.twasm.exception.ModuleException;
import dev.twasm.exception.WasmCompileError;
import dev.twasm.jsapi.JsApi;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import dev.twasm.runtime.BuiltinModules;
import dev.twasm.runtime.EngineState;
import dev.twasm.runtime.WasmModule;
import dev.twasm.simd.SimdOps;
import dev.twasm.text.WatParser;
import dev.twasm.validation.ValidationResult;
import dev.twasm.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * WebAssembly as a Truffle language ({@code "wasm"}). The pipeline, one stage per package:
 *
 * <pre>
 * bytes or text -> decode -> validate -> module model -> build node trees -> instantiate/link -> execute
 *  (.wasm/.wat)   binary/    validation/   model/          builder/             runtime/            nodes/
 *                 text/
 * </pre>
 *
 * <ul>
 * <li>{@code binary} decodes the binary format and {@code text} parses the text format; both
 * produce the same immutable {@code model.Module}, whose code stays in binary encoding and is read
 * with {@code binary.CodeReader}. These, {@code model} and {@code validation} are plain Java.</li>
 * <li>{@code validation} checks the module against the spec's validation rules, reference types
 * by subtyping, type indices compared after canonicalisation ({@code model.CanonicalTypes}).</li>
 * <li>{@code builder} turns each function into an expression tree of self-specializing nodes
 * ({@code nodes}): values flow through typed execute methods, branches are int signals, loops are
 * Truffle loop nodes, locals and hidden stack slots are static frame slots; a tail call
 * ({@code return_call}) returns the pending call ({@code runtime.TailCall}) to the call site that
 * called the function, which makes it, so chains of tail calls run in constant Java stack; an
 * exception ({@code throw}) is a Truffle exception ({@code runtime.WasmException}) and a handler
 * ({@code try_table}, legacy {@code try}) a Java {@code try}/{@code catch} around its body.</li>
 * <li>{@code baseline} translates each function to a static JVM method (one hidden class per
 * module) that HotSpot compiles at once: roots run it first, until the function's work exceeds
 * {@code wasm.BaselineThreshold}; then the AST interprets, profiles and Graal compiles it.</li>
 * <li>{@code runtime} holds modules, instances, memories, tables, globals, functions, tags and
 * exceptions, the linker and the instantiator; {@code interop} and the {@code @ExportLibrary}
 * messages on runtime objects are the polyglot surface; {@code host} calls into host functions
 * and is the interface of built-in host modules such as WASI (found with
 * {@code ServiceLoader}); {@code exception} is the error taxonomy (malformed and invalid modules
 * are syntax errors; link errors and traps are guest exceptions).</li>
 * </ul>
 *
 * <p>{@code Context.eval} on a binary or text source returns a module; {@code newInstance(imports)}
 * instantiates it; the instance's {@code exports} member holds its exports. The language uses
 * {@link ContextPolicy#SHARED}: a parsed module and all code compiled for it are shared by every
 * context of an engine, and nodes reach per-instance state only through call arguments.
 *
 * <p>The GraalVM tools see functions as roots ({@code RootTag}, {@code RootBodyTag}), statements
 * ({@code StatementTag}) and calls ({@code CallTag}); their source sections are lines of a
 * disassembly listing, or of the C/Rust source when the module has DWARF line information
 * (package {@code instrument}).
 */
@TruffleLanguage.Registration(id = WasmLanguage.ID, name = "WebAssembly", implementationName = "twasm", version = "2.0",
                defaultMimeType = WasmLanguage.TEXT_MIME_TYPE, byteMimeTypes = WasmLanguage.BINARY_MIME_TYPE,
                characterMimeTypes = WasmLanguage.TEXT_MIME_TYPE, contextPolicy = TruffleLanguage.ContextPolicy.SHARED,
                fileTypeDetectors = WasmFileDetector.class, website = "https://webassembly.org")
@ProvidedTags({StandardTags.RootTag.class, StandardTags.RootBodyTag.class, StandardTags.StatementTag.class, StandardTags.CallTag.class})
public final class WasmLanguage extends TruffleLanguage<WasmContext> {
    public static final String ID = "wasm";
    public static final String BINARY_MIME_TYPE = "application/wasm";
    public static final String TEXT_MIME_TYPE = "text/x-wasm-text";

    private final EngineState engineState = new EngineState(this);
    private static final LanguageReference<WasmLanguage> REFERENCE = LanguageReference.create(WasmLanguage.class);

    /** The language of the current engine. */
    public static WasmLanguage get(Node node) {
        return REFERENCE.get(node);
    }

    /** The state of everything this engine runs. */
    public EngineState engineState() {
        return engineState;
    }

    /** {@code --log.wasm.simd.level=FINE} says which implementation runs vector instructions. */
    private static final TruffleLogger SIMD_LOG = TruffleLogger.getLogger(ID, "simd");

    /**
     * Whether code built by this language instance charges fuel ({@code wasm.Fuel} above 0), and
     * whether its calls from the host arm a deadline ({@code wasm.Timeout}). Set from the first
     * context's options, before anything is parsed; every later context of the instance agrees
     * ({@link #areOptionsCompatible}), so compiled code treats both as constants.
     */
    @CompilationFinal private boolean fuelMetered;
    @CompilationFinal private boolean deadlines;

    /** Whether code this language instance builds charges fuel (see {@code ResourceLimits}). */
    public boolean fuelMetered() {
        return fuelMetered;
    }

    /** Whether code built for modules of {@code language} charges fuel; false for modules outside a language (unit tests of the runtime). */
    public static boolean fuelMetered(TruffleLanguage<?> language) {
        return language instanceof WasmLanguage wasm && wasm.fuelMetered;
    }

    /**
     * The engine's allocation reporter for this language (one per engine and language, so every
     * context of this instance has the same), set with the first context; a constant in compiled
     * code (see {@code instrument.Allocations}).
     */
    @CompilationFinal private AllocationReporter allocationReporter;

    /** The reporter of the objects Wasm code creates, for the memory tools ({@code instrument.Allocations}). */
    public AllocationReporter allocationReporter() {
        return allocationReporter;
    }

    /** The allocation reporter of modules of {@code language}; null for modules outside a language (unit tests of the runtime). */
    public static AllocationReporter allocationReporter(TruffleLanguage<?> language) {
        return language instanceof WasmLanguage wasm ? wasm.allocationReporter : null;
    }

    /** Whether calls from the host into Wasm arm a deadline in this language instance (see {@code Deadlines}). */
    public boolean deadlines() {
        return deadlines;
    }

    @Override
    protected WasmContext createContext(Env env) {
        SIMD_LOG.fine(() -> "vector instructions run on " + SimdOps.INSTANCE.name());
        fuelMetered = env.getOptions().get(WasmOptions.Fuel) > 0;
        deadlines = !env.getOptions().get(WasmOptions.Timeout).isZero();
        if (allocationReporter == null) {
            allocationReporter = env.lookup(AllocationReporter.class);
        }
        return new WasmContext(env);
    }

    @Override
    protected void initializeContext(WasmContext context) {
        // The WebAssembly JS API provider that GraalJS (js.webassembly=true) imports; docs/embedding.md.
        if (context.env().isPolyglotBindingsAccessAllowed()) {
            context.env().exportSymbol(JsApi.SYMBOL, new JsApi());
        }
    }

    /**
     * Several threads may run one context's code at once (threads proposal: shared memories are
     * for that). The only per-call state, the call depth, is shared by them (see {@code CallStack}).
     */
    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return true;
    }


    @Override
    protected OptionDescriptors getOptionDescriptors() {
        // The language's own options, and those of the built-in host modules installed (WASI's).
        List<OptionDescriptors> all = new ArrayList<>(List.of(new WasmOptionsOptionDescriptors()));
        all.addAll(BuiltinModules.optionDescriptors());
        return OptionDescriptors.createUnion(all.toArray(OptionDescriptors[]::new));
    }

    @Override
    protected boolean areOptionsCompatible(OptionValues firstOptions, OptionValues newOptions) {
        // The baseline options shape the shared code of modules, the feature options what parses;
        // the others only affect contexts.
        return firstOptions.get(WasmOptions.Baseline).equals(newOptions.get(WasmOptions.Baseline))
                        && firstOptions.get(WasmOptions.BaselineThreshold).equals(newOptions.get(WasmOptions.BaselineThreshold))
                        && firstOptions.get(WasmOptions.BaselineStrict).equals(newOptions.get(WasmOptions.BaselineStrict))
                        && firstOptions.get(WasmOptions.MultiMemory).equals(newOptions.get(WasmOptions.MultiMemory))
                        && firstOptions.get(WasmOptions.Memory64).equals(newOptions.get(WasmOptions.Memory64))
                        && firstOptions.get(WasmOptions.ExtendedConstants).equals(newOptions.get(WasmOptions.ExtendedConstants))
                        && firstOptions.get(WasmOptions.ExceptionHandling).equals(newOptions.get(WasmOptions.ExceptionHandling))
                        && firstOptions.get(WasmOptions.FunctionReferences).equals(newOptions.get(WasmOptions.FunctionReferences))
                        && firstOptions.get(WasmOptions.Threads).equals(newOptions.get(WasmOptions.Threads))
                        // Code built with fuel charges it; without, it has no charge (limits for untrusted code).
                        && (firstOptions.get(WasmOptions.Fuel) > 0) == (newOptions.get(WasmOptions.Fuel) > 0)
                        // Calls from the host test for a deadline only in a language instance that has one.
                        && firstOptions.get(WasmOptions.Timeout).isZero() == newOptions.get(WasmOptions.Timeout).isZero();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        Module model;
        ValidationResult validation;
        OptionValues options = WasmContext.get(null).env().getOptions();
        Features features = new Features(options.get(WasmOptions.MultiMemory), options.get(WasmOptions.Memory64),
                        options.get(WasmOptions.ExtendedConstants), options.get(WasmOptions.ExceptionHandling),
                        options.get(WasmOptions.FunctionReferences), options.get(WasmOptions.Threads));
        try {
            if (source.hasBytes()) {
                model = BinaryDecoder.decode(source.getBytes().toByteArray(), features);
            } else {
                model = WatParser.parseModule(source.getCharacters().toString(), features);
            }
            validation = Validator.analyze(model, features);
        } catch (ModuleException e) {
            throw WasmCompileError.of(e, source.getName());
        }
        String name = model.names().moduleName() != null ? model.names().moduleName() : source.getName();
        WasmModule module = WasmModule.create(engineState, model, validation, name, functionCompiler(), source);
        // The tools read the module's C/Rust files under this context's file-system policy (ModuleSources).
        module.parsedIn(WasmContext.get(null).env());
        return new ModuleRootNode(this, module).getCallTarget();
    }

    /** Expression trees, started in the baseline tier when {@code wasm.Baseline} is on. */
    private static FunctionCompiler functionCompiler() {
        OptionValues options = WasmContext.get(null).env().getOptions();
        FunctionCompiler trees = FunctionCompiler.trees();
        if (!options.get(WasmOptions.Baseline)) {
            return trees;
        }
        return BaselineTier.withBaseline(trees, options.get(WasmOptions.BaselineThreshold), options.get(WasmOptions.BaselineStrict));
    }

    /** Evaluating a Wasm source yields its compiled module. */
    private static final class ModuleRootNode extends RootNode {
        private final WasmModule module;

        ModuleRootNode(TruffleLanguage<?> language, WasmModule module) {
            super(language);
            this.module = module;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return module;
        }

        @Override
        public String getName() {
            return "module " + module.name();
        }
    }
}
