package dev.twasm.runtime;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.instrumentation.AllocationReporter;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.exception.WasmTrap;
import dev.twasm.interop.ExportsObject;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.Global;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Instantiation (spec §4.5.4 "Instantiation"): resolves imports, allocates the module's
 * functions, tables, memories, globals and tags, evaluates segments, then initializes tables from active
 * element segments and memories from active data segments in order, and finally runs the start
 * function. A trap during initialization or in the start function aborts instantiation with that
 * trap; effects on imported tables and memories made before it stay visible, as the spec requires.
 */
public final class Instantiator {
    private static final Object[] DROPPED_ELEM = new Object[0];
    private static final byte[] DROPPED_DATA = new byte[0];

    private Instantiator() {
    }

    /** Instantiates with the default layout and limit of 64-bit memories ({@link WasmMemory#DEFAULT_LIMITS}). */
    public static WasmInstance instantiate(WasmModule module, Object importsObject, CallStack callStack) {
        return instantiate(module, importsObject, callStack, WasmMemory.DEFAULT_LIMITS);
    }

    /** Instantiates {@code module}; its 64-bit memories are laid out and limited by {@code limits64} (the context's options). */
    public static WasmInstance instantiate(WasmModule module, Object importsObject, CallStack callStack, WasmMemory.Memory64Limits limits64) {
        return instantiate(module, importsObject, callStack, limits64, ResourceLimits.UNLIMITED);
    }

    /**
     * Instantiates {@code module} in a context whose fuel and memory and table caps are
     * {@code limits}: the memories and tables it creates are counted against them (an error naming
     * the cap when they exceed it).
     */
    public static WasmInstance instantiate(WasmModule module, Object importsObject, CallStack callStack, WasmMemory.Memory64Limits limits64,
                    ResourceLimits limits) {
        Module model = module.model();
        WasmInstance instance = new WasmInstance(module, callStack, limits, model.functionCount(), model.tableCount(), model.memoryCount(),
                        model.globalCount(), model.tagCount(), model.elems().size(), model.datas().size());
        instance.setImportsObject(importsObject);
        Linker.resolveImports(module, instance, importsObject);
        allocate(module, instance, limits64);
        module.registerInstance(instance);
        instance.setExports(exports(model, instance));
        initialize(model, instance);
        if (model.start().isPresent()) {
            WasmFunction start = instance.functions[model.start().getAsInt()];
            TailCall.resolve(start.target().call(start.context()));
        }
        return instance;
    }

    /**
     * A new instance of {@code original}'s module, linked against the same imports object, in the
     * same context (wasi-threads' {@code thread-spawn}: every thread runs its own instance of the
     * program, and they share the memory they import). Built-in host functions are bound to the new
     * instance, with the context's state of their module; the instance counts its thread's call
     * depth in its own {@link CallStack}.
     */
    public static WasmInstance instantiateAlike(WasmInstance original, WasmMemory.Memory64Limits limits64) {
        return instantiate(original.module(), original.importsObject(), original.callStack.forAnotherThread(), limits64, original.limits);
    }

    private static void allocate(WasmModule module, WasmInstance instance, WasmMemory.Memory64Limits limits64) {
        Module model = module.model();
        for (int i = model.importedFunctionCount(); i < model.functionCount(); i++) {
            int typeIndex = model.functionTypeIndex(i);
            instance.functions[i] = new WasmFunction(module.canonicalType(typeIndex), module.typeId(typeIndex), module.callTarget(i), instance,
                            model.functionDisplayName(i));
        }
        AllocationReporter reporter = WasmLanguage.allocationReporter(module.language());
        int t = model.importedTableCount();
        for (int i = 0; i < model.tables().size(); i++) {
            TableType type = model.tables().get(i);
            if (!WasmTable.canAllocate(type.limits())) {
                throw WasmRuntimeError.create("cannot instantiate: table of " + type.limits().min() + " elements exceeds this engine's limit of "
                                + WasmTable.MAX_ELEMENTS);
            }
            Expr init = model.tableInit(i);
            ResourceLimits.Account tableAccount = instance.limits.tableAccount();
            if (tableAccount != null) {
                tableAccount.reserveNew(type.limits().min());
            }
            Object initial = init == null ? WasmNull.INSTANCE : ConstantExpressions.evaluate(init, instance);
            WasmTable table = Allocations.created(reporter, WasmTable.bytes(type.limits().min()), () -> new WasmTable(module.canonical(type), initial));
            table.countAgainst(tableAccount);
            table.reportTo(reporter);
            instance.tables[t++] = table;
        }
        int m = model.importedMemoryCount();
        for (MemoryType type : model.memories()) {
            if (!WasmMemory.canAllocate(type, limits64.maxBytes())) {
                throw WasmRuntimeError.create("cannot instantiate: memory of " + Long.toUnsignedString(type.limits().min()) + " pages exceeds this engine's limit of "
                                + WasmMemory.pageLimit(type.addressType().is64(), limits64.maxBytes()) + " pages"
                                + (type.addressType().is64() ? " for a 64-bit memory (option wasm.MaxMemory64Bytes)" : ""));
            }
            if (type.limits().min() * MemoryType.PAGE_SIZE > Runtime.getRuntime().maxMemory()) {
                throw WasmRuntimeError.create("cannot instantiate: memory of " + type.limits().min() + " pages is larger than the JVM heap (-Xmx)");
            }
            ResourceLimits.Account memoryAccount = instance.limits.memoryAccount();
            if (memoryAccount != null) {
                memoryAccount.reserveNew(type.limits().min() * MemoryType.PAGE_SIZE);
            }
            try {
                WasmMemory memory = Allocations.created(reporter, type.limits().min() * MemoryType.PAGE_SIZE, () -> new WasmMemory(type, limits64));
                memory.countAgainst(memoryAccount);
                memory.reportTo(reporter);
                instance.memories[m++] = memory;
            } catch (OutOfMemoryError e) {
                throw WasmRuntimeError.create("cannot instantiate: out of memory allocating a memory of " + type.limits().min() + " pages");
            }
        }
        if (instance.memories.length > 0) {
            instance.memory0 = instance.memories[0];
        }
        int g = model.importedGlobalCount();
        for (Global global : model.globals()) {
            WasmGlobal cell = new WasmGlobal(module.canonical(global.type()));
            cell.setBoxed(ConstantExpressions.evaluate(global.init(), instance));
            instance.globals[g++] = cell;
        }
        for (int i = model.importedTagCount(); i < model.tagCount(); i++) {
            int typeIndex = model.tagTypeIndex(i);
            instance.tags[i] = new WasmTag(model.funcType(typeIndex), module.typeId(typeIndex), model.tagDisplayName(i));
        }
        List<ElemSegment> elems = model.elems();
        for (int i = 0; i < elems.size(); i++) {
            Expr[] items = elems.get(i).items();
            Object[] references = new Object[items.length];
            for (int j = 0; j < items.length; j++) {
                references[j] = ConstantExpressions.evaluate(items[j], instance);
            }
            instance.elemSegments[i] = references;
        }
        List<DataSegment> datas = model.datas();
        for (int i = 0; i < datas.size(); i++) {
            instance.dataSegments[i] = datas.get(i).bytes();
        }
    }

    private static ExportsObject exports(Module model, WasmInstance instance) {
        LinkedHashMap<String, Object> exports = new LinkedHashMap<>();
        for (Export export : model.exports()) {
            Object value = switch (export.kind()) {
                case FUNC -> instance.functions[export.index()];
                case TABLE -> instance.tables[export.index()];
                case MEMORY -> instance.memories[export.index()];
                case GLOBAL -> instance.globals[export.index()];
                case TAG -> instance.tags[export.index()];
            };
            exports.put(export.name(), value);
        }
        return new ExportsObject(exports);
    }

    /** An active segment's offset, an {@code i32} or (64-bit memory or table) {@code i64}, as an unsigned number. */
    private static long segmentOffset(Object offset) {
        return offset instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) offset;
    }

    /** Active element segments, declarative drops, then active data segments (spec §4.5.4 steps 14-15). */
    private static void initialize(Module model, WasmInstance instance) {
        List<ElemSegment> elems = model.elems();
        for (int i = 0; i < elems.size(); i++) {
            ElemSegment segment = elems.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                long offset = segmentOffset(ConstantExpressions.evaluate(segment.offset(), instance));
                Object[] references = instance.elemSegments[i];
                Object[] elements = instance.tables[segment.tableIndex()].elements;
                if (!AddressOperand.fits(offset, references.length, elements.length)) {
                    throw WasmTrap.create(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS, null);
                }
                System.arraycopy(references, 0, elements, (int) offset, references.length);
            }
            if (segment.mode() != SegmentMode.PASSIVE) {
                instance.elemSegments[i] = DROPPED_ELEM;
            }
        }
        List<DataSegment> datas = model.datas();
        for (int i = 0; i < datas.size(); i++) {
            DataSegment segment = datas.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                long offset = segmentOffset(ConstantExpressions.evaluate(segment.offset(), instance));
                byte[] bytes = instance.dataSegments[i];
                WasmMemory memory = instance.memories[segment.memoryIndex()];
                if (!AddressOperand.fits(offset, bytes.length, memory.byteSize())) {
                    throw WasmTrap.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
                }
                memory.copyIn(offset, bytes, 0, bytes.length);
                instance.dataSegments[i] = DROPPED_DATA;
            }
        }
    }
}
