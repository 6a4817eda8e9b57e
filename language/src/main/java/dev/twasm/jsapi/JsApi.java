package dev.twasm.jsapi;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import dev.twasm.WasmContext;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.ValueConversion;
import dev.twasm.interop.MemberMapObject;
import dev.twasm.model.AddressType;
import dev.twasm.model.CustomSection;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import dev.twasm.runtime.Instantiator;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmGlobal;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.runtime.ResourceLimits;
import dev.twasm.runtime.Deadlines;
import dev.twasm.runtime.WasmModule;
import dev.twasm.runtime.WasmNull;
import dev.twasm.runtime.WasmTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@code WebAssembly} polyglot symbol: the provider side of the contract through which
 * GraalJS (option {@code js.webassembly=true}) implements the WebAssembly JavaScript API
 * (W3C "WebAssembly JavaScript Interface") on the {@code wasm} language.
 *
 * <p>GraalJS decodes modules itself with {@code Env.parsePublic} on an {@code application/wasm}
 * source (so {@code WebAssembly.validate}, {@code compile} and {@code new Module} need nothing
 * here), imports this symbol once per realm, reads the members named by {@link JsApiOperation}
 * plus {@code ref_null}, and executes them. The value formats (type strings such as
 * {@code "0(i32 i64)f32"} or {@code "i32 mut"}) are documented in docs/embedding.md. Errors are
 * classified by GraalJS by where they occur: a guest exception from parsing is a
 * {@code CompileError}, from {@code module_instantiate} a {@code LinkError}, from calling an
 * exported function a {@code RuntimeError}, each carrying our message.
 *
 * <p>One instance per context; it holds the context's embedder data (the JS wrapper objects
 * GraalJS attaches to our functions, memories, tables and globals).
 */
public final class JsApi extends MemberMapObject {
    /** The name of the polyglot symbol GraalJS imports. */
    public static final String SYMBOL = "WebAssembly";
    private static final String REF_NULL = "ref_null";

    private final Map<String, Object> members = new LinkedHashMap<>();
    /** GraalJS's callback to run after a memory grows (it detaches the old {@code ArrayBuffer}). */
    private volatile Object growCallback;
    private final Map<Object, Object> embedderData = Collections.synchronizedMap(new WeakHashMap<>());

    public JsApi() {
        for (JsApiOperation operation : JsApiOperation.values()) {
            members.put(operation.member, new JsApiFunction(this, operation));
        }
        members.put(REF_NULL, WasmNull.INSTANCE);
    }

    @Override
    protected Map<String, ?> members() {
        return members;
    }

    @TruffleBoundary
    Object run(JsApiOperation operation, Object[] a) throws UnsupportedTypeException {
        return switch (operation) {
            case MODULE_INSTANTIATE -> instantiate(arg(a, 0, WasmModule.class), a[1]);
            case MODULE_EXPORTS -> moduleExports(arg(a, 0, WasmModule.class).model());
            case MODULE_IMPORTS -> moduleImports(arg(a, 0, WasmModule.class).model());
            case CUSTOM_SECTIONS -> customSections(arg(a, 0, WasmModule.class).model(), string(a, 1));
            case INSTANCE_EXPORT -> instanceExport(arg(a, 0, WasmInstance.class), string(a, 1));
            case FUNC_TYPE -> functionType(arg(a, 0, WasmFunction.class));
            case IS_FUNC -> a[0] instanceof WasmFunction;
            case TABLE_ALLOC -> tableAlloc(integer(a, 0), integer(a, 1), string(a, 2), a[3]);
            case TABLE_GROW -> tableGrow(arg(a, 0, WasmTable.class), integer(a, 1), a[2]);
            case TABLE_READ -> tableRead(arg(a, 0, WasmTable.class), integer(a, 1));
            case TABLE_WRITE -> tableWrite(arg(a, 0, WasmTable.class), integer(a, 1), a[2]);
            case TABLE_SIZE -> arg(a, 0, WasmTable.class).size();
            case MEM_ALLOC -> memAlloc(integer(a, 0), integer(a, 1), a[2]);
            case MEM_GROW -> memGrow(arg(a, 0, WasmMemory.class), integer(a, 1));
            case MEM_SET_GROW_CALLBACK -> {
                growCallback = a[0];
                yield WasmNull.INSTANCE;
            }
            // Atomics' wait and notify need shared memories (threads proposal), which Wasm 2.0 lacks.
            case MEM_SET_NOTIFY_CALLBACK, MEM_SET_WAIT_CALLBACK -> WasmNull.INSTANCE;
            // GraalJS asks for a direct ByteBuffer to build a shared memory's SharedArrayBuffer over
            // (it casts to one): our memories are Java arrays, so none is given, and GraalJS says
            // "No ByteBuffer exposed from WebAssembly memory" (docs/embedding.md).
            case MEM_AS_BYTE_BUFFER -> WasmNull.INSTANCE;
            case GLOBAL_ALLOC -> globalAlloc(string(a, 0), a[1], a[2]);
            case GLOBAL_READ -> {
                WasmGlobal global = arg(a, 0, WasmGlobal.class);
                yield ValueConversion.toHost(global.getBoxed(), global.valType());
            }
            case GLOBAL_WRITE -> globalWrite(arg(a, 0, WasmGlobal.class), a[1]);
            case EMBEDDER_DATA_GET -> embedderData.getOrDefault(a[0], WasmNull.INSTANCE);
            case EMBEDDER_DATA_SET -> {
                embedderData.put(a[0], a[1]);
                yield WasmNull.INSTANCE;
            }
        };
    }

    // ---- modules and instances -----------------------------------------------------------

    private static Object moduleExports(Module model) {
        List<Object> result = new ArrayList<>();
        for (Export export : model.exports()) {
            LinkedHashMap<String, String> d = new LinkedHashMap<>();
            d.put("name", export.name());
            d.put("kind", kindName(export.kind()));
            d.put("type", switch (export.kind()) {
                case FUNC -> functionType(Integer.toString(export.index()), model.functionType(export.index()));
                case TABLE -> tableType(model.tableType(export.index()));
                case MEMORY -> memoryType(model.memoryType(export.index()));
                case GLOBAL -> exportedGlobalType(model.globalType(export.index()));
                case TAG -> functionType("", model.funcType(model.tagTypeIndex(export.index())));
            });
            result.add(new Descriptor(d));
        }
        return new ValueArray(result.toArray());
    }

    private static Object moduleImports(Module model) {
        List<Object> result = new ArrayList<>();
        for (Import imp : model.imports()) {
            LinkedHashMap<String, String> d = new LinkedHashMap<>();
            d.put("module", imp.module());
            d.put("name", imp.name());
            d.put("kind", kindName(imp.kind()));
            d.put("type", switch (imp.desc()) {
                case ImportDesc.Func f -> functionType("", model.funcType(f.typeIndex()));
                case ImportDesc.Table t -> tableType(t.type());
                case ImportDesc.Memory m -> memoryType(m.type());
                case ImportDesc.Global g -> valTypeName(g.type().valType());
                case ImportDesc.Tag t -> functionType("", model.funcType(t.typeIndex()));
            });
            result.add(new Descriptor(d));
        }
        return new ValueArray(result.toArray());
    }

    /** Each custom section named {@code name} as an array of its bytes (boxed {@link Byte}s). */
    private static Object customSections(Module model, String name) {
        List<Object> result = new ArrayList<>();
        for (CustomSection section : model.customSections()) {
            if (section.name().equals(name)) {
                byte[] bytes = section.contents();
                Object[] boxed = new Object[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    boxed[i] = bytes[i];
                }
                result.add(new ValueArray(boxed));
            }
        }
        return new ValueArray(result.toArray());
    }

    private static Object instanceExport(WasmInstance instance, String name) {
        Object value = instance.exports().get(name);
        if (value == null) {
            throw JsApiException.create("unknown export " + name);
        }
        return value;
    }

    /** {@code new WebAssembly.Instance}: the start function runs as a call from the host, under the deadline (wasm.Timeout). */
    private static Object instantiate(WasmModule module, Object imports) {
        WasmContext context = WasmContext.get(null);
        boolean armed = Deadlines.enter(context);
        try {
            return Instantiator.instantiate(module, imports, context.callStack(), context.memory64Limits(), context.limits());
        } finally {
            Deadlines.exit(armed);
        }
    }

    // ---- tables, memories, globals ---------------------------------------------------------

    private static Object tableAlloc(int initial, int maximum, String element, Object init) throws UnsupportedTypeException {
        ValType type = valType(element);
        if (!type.isReference()) {
            throw JsApiException.create("table element type must be a reference type: " + element);
        }
        Limits limits = new Limits(Integer.toUnsignedLong(initial), maximum < 0 ? Limits.NO_MAX : maximum);
        if (!WasmTable.canAllocate(limits)) {
            throw JsApiException.create("table size " + initial + " is above this engine's limit");
        }
        ResourceLimits.Account account = WasmContext.get(null).limits().tableAccount();
        if (account != null) {
            account.reserveNew(limits.min());
        }
        AllocationReporter reporter = WasmLanguage.get(null).allocationReporter();
        Object first = ValueConversion.toWasmUncached(init, type);
        WasmTable table = Allocations.created(reporter, WasmTable.bytes(limits.min()), () -> new WasmTable(new TableType(type, limits), first));
        table.countAgainst(account);
        table.reportTo(reporter);
        return table;
    }

    private static Object tableGrow(WasmTable table, int delta, Object init) throws UnsupportedTypeException {
        int old = table.grow(Integer.toUnsignedLong(delta), ValueConversion.toWasmUncached(init, table.elemType()));
        if (old < 0) {
            throw JsApiException.create("table cannot grow by " + Integer.toUnsignedString(delta));
        }
        return old;
    }

    private static Object tableRead(WasmTable table, int index) {
        if (index < 0 || index >= table.size()) {
            throw JsApiException.create("table index " + Integer.toUnsignedString(index) + " out of bounds");
        }
        return table.elements[index];
    }

    private static Object tableWrite(WasmTable table, int index, Object value) throws UnsupportedTypeException {
        if (index < 0 || index >= table.size()) {
            throw JsApiException.create("table index " + Integer.toUnsignedString(index) + " out of bounds");
        }
        table.elements[index] = ValueConversion.toWasmUncached(value, table.elemType());
        return WasmNull.INSTANCE;
    }

    /**
     * {@code new WebAssembly.Memory({initial, maximum, shared})}: a memory of {@code initial}
     * pages, at most {@code maximum} (negative: none); a shared one (threads) must have a maximum,
     * else a {@code TypeError} in the JS API's words ("shared memory must have maximum" in the
     * core spec's).
     */
    private static Object memAlloc(int initial, int maximum, Object shared) {
        boolean isShared = Boolean.TRUE.equals(shared);
        if (isShared && maximum < 0) {
            throw JsApiException.create("shared memory must have maximum (the descriptor of a shared WebAssembly.Memory needs one)");
        }
        Limits limits = new Limits(Integer.toUnsignedLong(initial), maximum < 0 ? Limits.NO_MAX : maximum);
        if (!WasmMemory.canAllocate(limits)) {
            throw JsApiException.create("memory size " + initial + " pages is above this engine's limit");
        }
        ResourceLimits.Account account = WasmContext.get(null).limits().memoryAccount();
        if (account != null) {
            account.reserveNew(limits.min() * MemoryType.PAGE_SIZE);
        }
        try {
            AllocationReporter reporter = WasmLanguage.get(null).allocationReporter();
            WasmMemory memory = Allocations.created(reporter, limits.min() * MemoryType.PAGE_SIZE, () -> new WasmMemory(new MemoryType(AddressType.I32, limits, isShared)));
            memory.countAgainst(account);
            memory.reportTo(reporter);
            return memory;
        } catch (OutOfMemoryError e) {
            throw JsApiException.create("out of memory allocating a memory of " + Integer.toUnsignedString(initial) + " pages");
        }
    }

    private Object memGrow(WasmMemory memory, int delta) {
        int old = memory.grow(Integer.toUnsignedLong(delta));
        if (old < 0) {
            throw JsApiException.create("memory cannot grow by " + Integer.toUnsignedString(delta) + " pages");
        }
        Object callback = growCallback;
        if (callback != null) {
            try {
                InteropLibrary.getUncached().execute(callback, memory);
            } catch (com.oracle.truffle.api.interop.InteropException e) {
                throw JsApiException.create("memory grow callback failed: " + e.getMessage());
            }
        }
        return old;
    }

    private static Object globalAlloc(String type, Object mutable, Object value) throws UnsupportedTypeException {
        ValType valType = valType(type);
        WasmGlobal global = new WasmGlobal(new GlobalType(valType, Boolean.TRUE.equals(mutable)));
        global.setBoxed(ValueConversion.toWasmUncached(value, valType));
        return global;
    }

    private static Object globalWrite(WasmGlobal global, Object value) throws UnsupportedTypeException {
        global.setBoxed(ValueConversion.toWasmUncached(value, global.valType()));
        return WasmNull.INSTANCE;
    }

    // ---- type strings -------------------------------------------------------------------------

    /** The JS API's name of a value type ({@code funcref} is {@code anyfunc}). */
    static String valTypeName(ValType type) {
        return type == ValType.FUNCREF ? "anyfunc" : type.textName();
    }

    static ValType valType(String name) {
        for (ValType t : new ValType[]{ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FUNCREF, ValType.EXTERNREF,
                        ValType.EXNREF}) {
            if (valTypeName(t).equals(name) || t.textName().equals(name)) {
                return t;
            }
        }
        throw JsApiException.create("unknown value type " + name);
    }

    private static String kindName(ExternKind kind) {
        return kind == ExternKind.FUNC ? "function" : kind.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code name(params)results}, types separated by spaces; GraalJS names the JS function {@code name}. */
    static String functionType(String name, FuncType type) {
        StringBuilder s = new StringBuilder(name).append('(');
        appendTypes(s, type.params());
        s.append(')');
        appendTypes(s, type.results());
        return s.toString();
    }

    private static String functionType(WasmFunction function) {
        String name = function.name() == null ? "" : function.name().replace('(', '_');
        return functionType(name, function.type());
    }

    private static void appendTypes(StringBuilder s, ValType[] types) {
        for (int i = 0; i < types.length; i++) {
            s.append(i == 0 ? "" : " ").append(valTypeName(types[i]));
        }
    }

    private static String tableType(TableType type) {
        return valTypeName(type.elemType());
    }

    /**
     * {@code "min [max] shared"} or {@code "min [max] unshared"}: GraalJS only tests whether it
     * starts with "shared" (and needs 6 characters to test).
     */
    private static String memoryType(MemoryType type) {
        return type.limits() + (type.shared() ? " shared" : " unshared");
    }

    private static String exportedGlobalType(GlobalType type) {
        return valTypeName(type.valType()) + (type.mutable() ? " mut" : " const");
    }

    // ---- arguments ---------------------------------------------------------------------------

    private static <T> T arg(Object[] a, int i, Class<T> type) throws UnsupportedTypeException {
        if (!type.isInstance(a[i])) {
            throw UnsupportedTypeException.create(a, "argument " + i + " must be a " + type.getSimpleName());
        }
        return type.cast(a[i]);
    }

    private static String string(Object[] a, int i) throws UnsupportedTypeException {
        InteropLibrary lib = InteropLibrary.getUncached();
        try {
            return lib.asString(a[i]);
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(a, "argument " + i + " must be a string");
        }
    }

    private static int integer(Object[] a, int i) throws UnsupportedTypeException {
        InteropLibrary lib = InteropLibrary.getUncached();
        try {
            if (lib.fitsInInt(a[i])) {
                return lib.asInt(a[i]);
            }
            if (lib.fitsInLong(a[i])) {
                long l = lib.asLong(a[i]);
                if (l >= 0 && l <= 0xFFFF_FFFFL) {
                    return (int) l;
                }
            }
        } catch (UnsupportedMessageException e) {
            // fall through to the type error
        }
        throw UnsupportedTypeException.create(a, "argument " + i + " must be a 32-bit integer");
    }

    @Override
    public String toString() {
        return "WebAssembly (twasm JS API provider)";
    }
}
