package dev.twasm.baseline;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.FuncType;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.runtime.WasmModule;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class file of one module's baseline code: one static method per defined function whose
 * signature the JVM can take, calls between them being {@code invokestatic}. Generating the whole
 * module as one class (rather than a class per function) keeps calls direct, so HotSpot inlines
 * across Wasm functions, and pays the fixed cost of defining a class once (see docs/rationale.md
 * for the measurements).
 *
 * <p>Members, all {@code static}:
 * <ul>
 * <li>{@code f<i>(params..., WasmInstance) result}: defined function {@code i}, translated by
 * {@link BaselineCompiler}, or a <em>trampoline</em> to the call stub when the function is not
 * translated (too large for HotSpot to compile even when split, or using something the
 * translator does not handle), so that callers need not care;</li>
 * <li>{@code f<i>$t(params..., WasmInstance) Object}: the translation of a function with tail
 * calls ({@code return_call}, {@code return_call_indirect}), which returns its results boxed or a
 * pending {@code TailCall}; its {@code f<i>} is then a wrapper that calls it and makes the tail
 * calls, and the bridge calls it directly, so that its root returns the pending tail call to the
 * call site that called the root (constant Java stack for a chain of tail calls);</li>
 * <li>{@code f<i>$r<k>(long[], WasmInstance)}: region {@code k} of a function split because its
 * translation would exceed {@link #MAX_METHOD_BYTES} ({@link Region}, {@link RegionPlanner});</li>
 * <li>{@code invoke(int function, WasmInstance, Object[]) Object}: the bridge from the calling
 * convention of Truffle call targets (boxed arguments after the context) to {@code f<i>}, used by
 * root nodes: a {@code tableswitch} over the translated functions, split into methods of
 * {@value #BRIDGE_CHUNK} cases ({@code invoke$k}) to stay below HotSpot's size limit. One bridge
 * per module, not one per function, so its callers see one {@code MethodHandle}, which HotSpot
 * customizes once rather than once per function;</li>
 * <li>{@code WORK}: the work counters of all functions, their calls and loop iterations
 * ({@code long[]}, indexed by function index, the hidden class's class data), followed by the
 * module's total of all of them, for tiering; {@code loop(int function)}, which every loop header
 * calls: it counts the iteration and polls Truffle's safepoint; and {@code count(int function)},
 * which every function's prologue calls;</li>
 * <li>call stubs, one per function type used: {@code callFunction$k(params..., WasmInstance, int
 * functionIndex)} for imports and untranslated functions, and {@code callIndirect$k(params..., int
 * element, WasmInstance, int table, int typeId)} for {@code call_indirect}. A stub finds the
 * function instance, then calls its baseline method through a {@link MethodHandle} when it has
 * one, else its Truffle call target with boxed arguments.</li>
 * </ul>
 */
final class ModuleClass {
    /** Above this many bytes of bytecode HotSpot does not JIT-compile a method (HugeMethodLimit). */
    static final int MAX_METHOD_BYTES = 8000;
    /** Regenerations after failed functions before the module is left to the AST. */
    private static final int MAX_ATTEMPTS = 16;
    /** Function bodies larger than this many bytes of Wasm are split into regions before they are tried. */
    static final int MAX_WHOLE_WASM_BYTES = 10_000;
    static final String CLASS_NAME = "dev.twasm.baseline.WasmCode";
    private static final ClassDesc THIS_CLASS = ClassDesc.of(CLASS_NAME);
    private static final ClassDesc METHOD_HANDLE = JvmTypes.desc(MethodHandle.class);
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(ModuleClass.class.getClassLoader()))));

    private final WasmModule module;
    private final Module model;
    /** Defined functions (function-space indices) that get a translated method. */
    private final BitSet translated;
    /** The regions of translated functions that are split ({@link RegionPlanner}). */
    private final Map<Integer, List<Region>> regions;
    private final Map<FuncType, String> callFunctionStubs = new LinkedHashMap<>();
    private final Map<FuncType, String> callIndirectStubs = new LinkedHashMap<>();
    private final Map<FuncType, String> callRefStubs = new LinkedHashMap<>();

    /** Defined functions whose body contains a tail call ({@code return_call}, {@code return_call_indirect}). */
    private final BitSet tailCalls;

    private ModuleClass(WasmModule module, BitSet translated, Map<Integer, List<Region>> regions, BitSet tailCalls) {
        this.module = module;
        this.model = module.model();
        this.translated = translated;
        this.regions = regions;
        this.tailCalls = tailCalls;
    }

    private static BitSet tailCallingFunctions(Module model) {
        BitSet result = new BitSet();
        for (int f = model.importedFunctionCount(); f < model.functionCount(); f++) {
            CodeReader reader = new CodeReader(model.definedFunction(f).body());
            while (reader.hasNext()) {
                Opcode op = reader.next();
                if (op == Opcode.RETURN_CALL || op == Opcode.RETURN_CALL_INDIRECT || op == Opcode.RETURN_CALL_REF) {
                    result.set(f);
                    break;
                }
            }
        }
        return result;
    }

    /** The class file bytes and which functions were translated (the others have trampolines). */
    record Result(byte[] bytes, BitSet translated) {
    }

    /**
     * Translates every defined function of {@code module}. A function that cannot be translated
     * by design becomes a trampoline and the class is generated again (the class file API cannot
     * take back a method half written). A function whose bytecode exceeds
     * {@link #MAX_METHOD_BYTES} is split into regions ({@link RegionPlanner}) and generated again,
     * and becomes a trampoline if even that leaves a method too large. {@code strict} lets other
     * exceptions escape instead.
     */
    static Result generate(WasmModule module, boolean strict) {
        Module model = module.model();
        BitSet translated = new BitSet();
        Map<Integer, List<Region>> regions = new LinkedHashMap<>();
        BitSet tailCalls = tailCallingFunctions(model);
        for (int f = model.importedFunctionCount(); f < model.functionCount(); f++) {
            if (JvmTypes.representable(model.functionType(f))) {
                translated.set(f);
                // A translation is rarely much smaller than the Wasm code (measured: 0.7 to 1.4
                // times its size), so much larger bodies are split before the first try.
                if (model.definedFunction(f).body().code().length > MAX_WHOLE_WASM_BYTES) {
                    split(module, f, translated, regions, tailCalls);
                }
            }
        }
        int attempts = 0;
        while (true) {
            ModuleClass generator = new ModuleClass(module, translated, regions, tailCalls);
            byte[] bytes;
            try {
                bytes = generator.build();
            } catch (FunctionFailure failure) {
                if (strict && !(failure.getCause() instanceof UnsupportedFunctionException)) {
                    throw new IllegalStateException("baseline translation of " + model.functionDisplayName(failure.functionIndex) + " failed",
                                    failure.getCause());
                }
                translated.clear(failure.functionIndex);
                if (++attempts == MAX_ATTEMPTS) {
                    // Unusual modules only; trampolines always build.
                    translated.clear();
                }
                continue;
            }
            BitSet tooLarge = oversized(bytes);
            if (tooLarge.isEmpty()) {
                return new Result(bytes, translated);
            }
            for (int f = tooLarge.nextSetBit(0); f >= 0; f = tooLarge.nextSetBit(f + 1)) {
                if (regions.containsKey(f)) {
                    translated.clear(f);
                    regions.remove(f);
                } else {
                    split(module, f, translated, regions, tailCalls);
                }
            }
        }
    }

    /** Plans function {@code f}'s regions, or gives it a trampoline when it cannot be split. */
    private static void split(WasmModule module, int f, BitSet translated, Map<Integer, List<Region>> regions, BitSet tailCalls) {
        List<Region> plan;
        try {
            // A throwaway generator: the dry run registers call stubs it asks for.
            plan = RegionPlanner.plan(module, f, new ModuleClass(module, new BitSet(), Map.of(), tailCalls));
        } catch (RuntimeException e) {
            // Untranslatable functions fail in the real translation again, with the usual handling.
            plan = List.of();
        }
        if (plan.isEmpty()) {
            translated.clear(f);
        } else {
            regions.put(f, plan);
        }
    }

    /** Thrown out of the class builder when translating one function failed. */
    private static final class FunctionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int functionIndex;

        FunctionFailure(int functionIndex, RuntimeException cause) {
            super(cause);
            this.functionIndex = functionIndex;
        }
    }

    private static BitSet oversized(byte[] bytes) {
        BitSet result = new BitSet();
        ClassModel parsed = ClassFile.of().parse(bytes);
        for (MethodModel method : parsed.methods()) {
            String name = method.methodName().stringValue();
            if (name.startsWith("f") && method.code().isPresent() && ((CodeAttribute) method.code().get()).codeLength() > MAX_METHOD_BYTES) {
                int region = name.indexOf('$');
                result.set(Integer.parseInt(name.substring(1, region < 0 ? name.length() : region)));
            }
        }
        return result;
    }

    private byte[] build() {
        return CLASS_FILE.build(THIS_CLASS, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC);
            cb.withField(WORK, WORK_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_FINAL | ClassFile.ACC_PRIVATE);
            cb.withMethodBody(ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC, code -> {
                code.ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, WORK_TYPE));
                code.putstatic(THIS_CLASS, WORK, WORK_TYPE);
                code.return_();
            });
            cb.withMethodBody(COUNT, LOOP_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> {
                countWork(code);
                code.return_();
            });
            cb.withMethodBody(LOOP, LOOP_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> {
                countWork(code);
                code.aconst_null();
                code.invokestatic(JvmTypes.desc(com.oracle.truffle.api.TruffleSafepoint.class), "poll",
                                MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(com.oracle.truffle.api.nodes.Node.class)));
                code.return_();
            });
            bridges(cb);
            for (int f = model.importedFunctionCount(); f < model.functionCount(); f++) {
                FuncType type = model.functionType(f);
                if (!JvmTypes.representable(type)) {
                    continue;
                }
                int functionIndex = f;
                if (translated.get(f)) {
                    List<Region> parts = regions.getOrDefault(f, List.of());
                    if (tailCalls.get(f)) {
                        cb.withMethodBody(methodName(f), JvmTypes.function(type), ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                                        code -> tailCallWrapper(code, functionIndex, type));
                    }
                    cb.withMethodBody(bodyName(f), bodyType(f), ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC, code -> {
                        try {
                            BaselineCompiler.translate(module, functionIndex, code, this, parts);
                        } catch (RuntimeException e) {
                            throw new FunctionFailure(functionIndex, e);
                        }
                    });
                    for (int k = 0; k < parts.size(); k++) {
                        Region part = parts.get(k);
                        cb.withMethodBody(regionName(f, k), REGION_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> {
                            try {
                                BaselineCompiler.translateRegion(module, functionIndex, part, code, this);
                            } catch (RuntimeException e) {
                                throw new FunctionFailure(functionIndex, e);
                            }
                        });
                    }
                } else {
                    cb.withMethodBody(methodName(f), JvmTypes.function(type), ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                                    code -> trampoline(code, functionIndex, type));
                }
            }
            // Stubs last: translating the functions is what requests them.
            for (Map.Entry<FuncType, String> stub : callFunctionStubs.entrySet()) {
                stub(cb, stub.getValue(), stub.getKey(), callFunctionStubType(stub.getKey()), "function",
                                MethodTypeDesc.of(JvmTypes.FUNCTION, JvmTypes.INSTANCE, ConstantDescs.CD_int));
            }
            for (Map.Entry<FuncType, String> stub : callIndirectStubs.entrySet()) {
                stub(cb, stub.getValue(), stub.getKey(), callIndirectStubType(stub.getKey()), "indirectFunction",
                                MethodTypeDesc.of(JvmTypes.FUNCTION, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_int));
            }
            for (Map.Entry<FuncType, String> stub : callRefStubs.entrySet()) {
                stub(cb, stub.getValue(), stub.getKey(), callRefStubType(stub.getKey()), "referencedFunction",
                                MethodTypeDesc.of(JvmTypes.FUNCTION, ConstantDescs.CD_Object));
            }
        });
    }

    // ---- what the translator asks ------------------------------------------------------------

    ClassDesc classDesc() {
        return THIS_CLASS;
    }

    /** Whether function {@code functionIndex} has a method {@code f<i>} in this class (translated or trampoline). */
    boolean hasMethod(int functionIndex) {
        return functionIndex >= model.importedFunctionCount() && JvmTypes.representable(model.functionType(functionIndex));
    }

    String callFunctionStub(FuncType type) {
        return callFunctionStubs.computeIfAbsent(type, t -> "callFunction$" + callFunctionStubs.size());
    }

    String callIndirectStub(FuncType type) {
        return callIndirectStubs.computeIfAbsent(type, t -> "callIndirect$" + callIndirectStubs.size());
    }

    /** The stub of {@code call_ref} of {@code type}: {@code (params..., Object reference) result}. */
    String callRefStub(FuncType type) {
        return callRefStubs.computeIfAbsent(type, t -> "callRef$" + callRefStubs.size());
    }

    static String methodName(int functionIndex) {
        return "f" + functionIndex;
    }

    /** Whether defined function {@code functionIndex} contains a tail call: its translation is then a body method and a wrapper. */
    boolean tailCalls(int functionIndex) {
        return tailCalls.get(functionIndex);
    }

    /** The method holding function {@code functionIndex}'s translation: {@code f<i>}, or {@code f<i>$t} for a function with tail calls. */
    String bodyName(int functionIndex) {
        return tailCalls.get(functionIndex) ? methodName(functionIndex) + "$t" : methodName(functionIndex);
    }

    /** The type of {@link #bodyName}: {@link JvmTypes#function}, or {@link JvmTypes#tailCallingFunction} for a function with tail calls. */
    MethodTypeDesc bodyType(int functionIndex) {
        FuncType type = model.functionType(functionIndex);
        return tailCalls.get(functionIndex) ? JvmTypes.tailCallingFunction(type) : JvmTypes.function(type);
    }

    /** The method of region {@code k} of function {@code functionIndex}, of type {@link #REGION_TYPE}. */
    static String regionName(int functionIndex, int k) {
        return "f" + functionIndex + "$r" + k;
    }

    /** {@code (long[] transfer, WasmInstance) void}: a region's locals and operands travel as raw bits in the array. */
    static final MethodTypeDesc REGION_TYPE = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long.arrayType(), JvmTypes.INSTANCE);

    /** Increments {@code WORK[function]} and the module's total, the last element. */
    private void countWork(CodeBuilder code) {
        code.getstatic(THIS_CLASS, WORK, WORK_TYPE);
        code.dup();
        code.iload(0);
        code.dup2();
        code.laload();
        code.lconst_1();
        code.ladd();
        code.lastore();
        code.loadConstant(model.functionCount());
        code.dup2();
        code.laload();
        code.lconst_1();
        code.ladd();
        code.lastore();
    }

    static final String WORK = "WORK";
    static final ClassDesc WORK_TYPE = ConstantDescs.CD_long.arrayType();
    /** {@code loop(int function)}: what a loop header does, counting and polling; a call keeps headers small. */
    static final String LOOP = "loop";
    static final MethodTypeDesc LOOP_TYPE = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    /** {@code count(int function)}: what a function's entry does, counting the call (same type as {@link #LOOP}). */
    static final String COUNT = "count";
    static final String BRIDGE = "invoke";
    static final MethodTypeDesc BRIDGE_TYPE = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_int, JvmTypes.INSTANCE, JvmTypes.OBJECT_ARRAY);
    /** Functions per bridge method: a case is about 20-40 bytes of bytecode, the limit 8,000. */
    static final int BRIDGE_CHUNK = 128;

    static MethodTypeDesc callFunctionStubType(FuncType type) {
        return JvmTypes.method(type, JvmTypes.INSTANCE, ConstantDescs.CD_int);
    }

    static MethodTypeDesc callRefStubType(FuncType type) {
        return JvmTypes.method(type, ConstantDescs.CD_Object);
    }

    static MethodTypeDesc callIndirectStubType(FuncType type) {
        return JvmTypes.method(type, ConstantDescs.CD_int, JvmTypes.INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_int);
    }

    // ---- generated members ---------------------------------------------------------------------

    /**
     * A call stub of {@code type}: passes its parameters after the Wasm ones (the stub's own
     * extras) to the support method {@code resolver}, which finds the callee, then dispatches.
     */
    private static void stub(ClassBuilder cb, String name, FuncType type, MethodTypeDesc stubType, String resolver, MethodTypeDesc resolverType) {
        cb.withMethodBody(name, stubType, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> {
            int slot = parameterSlots(type);
            for (ClassDesc extra : resolverType.parameterList()) {
                TypeKind kind = TypeKind.from(extra);
                code.loadLocal(kind, slot);
                slot += kind.slotSize();
            }
            code.invokestatic(JvmTypes.SUPPORT, resolver, resolverType);
            dispatch(code, type);
        });
    }

    private static int parameterSlots(FuncType type) {
        int slots = 0;
        for (ValType t : type.params()) {
            slots += JvmTypes.kind(t).slotSize();
        }
        return slots;
    }

    /** Loads the Wasm parameters of a method whose first parameters they are. */
    private static void loadParameters(CodeBuilder code, FuncType type) {
        int slot = 0;
        for (ValType t : type.params()) {
            TypeKind kind = JvmTypes.kind(t);
            code.loadLocal(kind, slot);
            slot += kind.slotSize();
        }
    }

    private static void returnResult(CodeBuilder code, FuncType type) {
        code.return_(type.resultCount() == 0 ? TypeKind.VOID : type.resultCount() == 1 ? JvmTypes.kind(type.result(0)) : TypeKind.REFERENCE);
    }

    /**
     * {@code invoke} and its chunks {@code invoke$k}: for each translated function, a case that
     * unboxes {@code args[1..]}, calls {@code f<i>} and boxes the result.
     */
    private void bridges(ClassBuilder cb) {
        int first = model.importedFunctionCount();
        int chunks = (model.functionCount() - first + BRIDGE_CHUNK - 1) / BRIDGE_CHUNK;
        cb.withMethodBody(BRIDGE, BRIDGE_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC, code -> {
            code.iload(0);
            code.loadConstant(first);
            code.isub();
            code.loadConstant(BRIDGE_CHUNK);
            code.idiv();
            Label fail = code.newLabel();
            List<SwitchCase> cases = new ArrayList<>();
            List<Label> targets = new ArrayList<>();
            for (int k = 0; k < chunks; k++) {
                Label target = code.newLabel();
                cases.add(SwitchCase.of(k, target));
                targets.add(target);
            }
            code.tableswitch(0, Math.max(0, chunks - 1), fail, cases);
            for (int k = 0; k < chunks; k++) {
                code.labelBinding(targets.get(k));
                code.iload(0);
                code.aload(1);
                code.aload(2);
                code.invokestatic(THIS_CLASS, BRIDGE + "$" + k, BRIDGE_TYPE);
                code.areturn();
            }
            code.labelBinding(fail);
            code.new_(ILLEGAL_STATE);
            code.dup();
            code.invokespecial(ILLEGAL_STATE, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
            code.athrow();
        });
        for (int k = 0; k < chunks; k++) {
            int low = first + k * BRIDGE_CHUNK;
            int high = Math.min(model.functionCount(), low + BRIDGE_CHUNK) - 1;
            cb.withMethodBody(BRIDGE + "$" + k, BRIDGE_TYPE, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, code -> {
                Label fail = code.newLabel();
                List<SwitchCase> cases = new ArrayList<>();
                List<Integer> functions = new ArrayList<>();
                for (int f = low; f <= high; f++) {
                    if (translated.get(f)) {
                        cases.add(SwitchCase.of(f, code.newLabel()));
                        functions.add(f);
                    }
                }
                code.iload(0);
                code.tableswitch(low, high, fail, cases);
                for (int i = 0; i < cases.size(); i++) {
                    code.labelBinding(cases.get(i).target());
                    bridgeCase(code, functions.get(i), model.functionType(functions.get(i)));
                }
                code.labelBinding(fail);
                code.new_(ILLEGAL_STATE);
                code.dup();
                code.invokespecial(ILLEGAL_STATE, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                code.athrow();
            });
        }
    }

    private static final ClassDesc ILLEGAL_STATE = JvmTypes.desc(IllegalStateException.class);

    /**
     * The bridge's case of one function: unboxes the arguments, calls its body method and boxes
     * the result; the body method of a function with tail calls returns it boxed already, or a
     * pending tail call, which the root returns to its caller.
     */
    private void bridgeCase(CodeBuilder code, int functionIndex, FuncType type) {
        for (int i = 0; i < type.paramCount(); i++) {
            code.aload(2);
            code.loadConstant(1 + i);
            code.aaload();
            JvmTypes.unbox(code, type.param(i));
        }
        code.aload(1);
        code.invokestatic(THIS_CLASS, bodyName(functionIndex), bodyType(functionIndex));
        if (tailCalls.get(functionIndex)) {
            code.areturn();
            return;
        }
        if (type.resultCount() == 0) {
            code.getstatic(JvmTypes.SUPPORT, "NULL", ConstantDescs.CD_Object);
        } else if (type.resultCount() == 1) {
            JvmTypes.box(code, type.result(0));
        }
        code.areturn();
    }

    /**
     * {@code f<i>} of a translated function with tail calls, what its baseline callers call: its
     * body method {@code f<i>$t}, then the tail calls the body returned, made here in a loop
     * ({@link BaselineSupport#resolveTailCalls}), so the functions of a chain of tail calls do not
     * nest; the results unboxed.
     */
    private void tailCallWrapper(CodeBuilder code, int functionIndex, FuncType type) {
        loadParameters(code, type);
        code.aload(parameterSlots(type));
        code.invokestatic(THIS_CLASS, bodyName(functionIndex), bodyType(functionIndex));
        code.invokestatic(JvmTypes.SUPPORT, "resolveTailCalls", MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_Object));
        returnBoxed(code, type);
    }

    /** Returns the boxed results on the stack (the calling convention's form) as a method of {@code type} returns them. */
    private static void returnBoxed(CodeBuilder code, FuncType type) {
        switch (type.resultCount()) {
            case 0 -> {
                code.pop();
                code.return_();
            }
            case 1 -> {
                JvmTypes.unbox(code, type.result(0));
                code.return_(JvmTypes.kind(type.result(0)));
            }
            default -> {
                code.checkcast(JvmTypes.OBJECT_ARRAY);
                code.areturn();
            }
        }
    }

    /** {@code f<i>} of an untranslated function: the call stub with the function's own index. */
    private void trampoline(CodeBuilder code, int functionIndex, FuncType type) {
        loadParameters(code, type);
        code.aload(parameterSlots(type));
        code.loadConstant(functionIndex);
        code.invokestatic(THIS_CLASS, callFunctionStub(type), callFunctionStubType(type));
        returnResult(code, type);
    }

    /**
     * The body of a call stub, with the callee's {@code WasmFunction} on the stack: its baseline
     * method through a {@code MethodHandle} when it has one, else its Truffle call target.
     */
    private static void dispatch(CodeBuilder code, FuncType type) {
        int function = code.allocateLocal(TypeKind.REFERENCE);
        int handle = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(function);
        code.aload(function);
        code.invokestatic(JvmTypes.SUPPORT, "entry", MethodTypeDesc.of(METHOD_HANDLE, JvmTypes.FUNCTION));
        code.dup();
        code.astore(handle);
        Label slow = code.newLabel();
        code.ifnull(slow);
        code.aload(handle);
        loadParameters(code, type);
        code.aload(function);
        code.invokevirtual(JvmTypes.FUNCTION, "context", MethodTypeDesc.of(ConstantDescs.CD_Object));
        code.checkcast(JvmTypes.INSTANCE);
        code.invokevirtual(METHOD_HANDLE, "invokeExact", JvmTypes.function(type));
        returnResult(code, type);

        code.labelBinding(slow);
        code.aload(function);
        code.loadConstant(type.paramCount() + 1);
        code.anewarray(ConstantDescs.CD_Object);
        code.dup();
        code.iconst_0();
        code.aload(function);
        code.invokevirtual(JvmTypes.FUNCTION, "context", MethodTypeDesc.of(ConstantDescs.CD_Object));
        code.aastore();
        int slot = 0;
        for (int i = 0; i < type.paramCount(); i++) {
            TypeKind kind = JvmTypes.kind(type.param(i));
            code.dup();
            code.loadConstant(i + 1);
            code.loadLocal(kind, slot);
            JvmTypes.box(code, type.param(i));
            code.aastore();
            slot += kind.slotSize();
        }
        code.invokestatic(JvmTypes.SUPPORT, "call", MethodTypeDesc.of(ConstantDescs.CD_Object, JvmTypes.FUNCTION, JvmTypes.OBJECT_ARRAY));
        returnBoxed(code, type);
    }
}
