package dev.twasm.runtime;

import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import dev.twasm.WasmContext;
import dev.twasm.exception.WasmLinkError;
import dev.twasm.host.HostCaller;
import dev.twasm.host.HostFunction;
import dev.twasm.host.HostModule;
import dev.twasm.host.HostModuleProvider;
import dev.twasm.interop.ValueConversion;
import dev.twasm.model.AddressType;
import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.ValType;

import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a module's imports against an imports object (spec §4.5.4 steps 3-4, "external
 * typing" and "import matching" §4.5.2): {@code imports[module][name]} must exist and match the
 * declared type. Accepts, per kind:
 * <ul>
 * <li>func: a Wasm function of exactly the declared type, or any executable of another language or
 * the host (called through {@code HostFunctionRootNode} with conversions);</li>
 * <li>table and memory: a table or memory whose current limits match the declared ones, a memory
 * shared exactly when the import is (threads);</li>
 * <li>global: a global of exactly the declared type, or for an immutable global any value that
 * converts to its value type;</li>
 * <li>tag: a tag of exactly the declared type (the same object: tags have identity).</li>
 * </ul>
 * An import whose module name the imports object does not define may come from a built-in host
 * module ({@link BuiltinModules}, e.g. WASI): its function is bound to a {@link HostCaller} that
 * carries the context's state of that module and the importing instance. A built-in module that
 * the context has not enabled is a link error saying which option enables it.
 *
 * <p>Failures are {@link WasmLinkError}s naming the module and field. Runs on the slow path only.
 */
final class Linker {
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private Linker() {
    }

    static void resolveImports(WasmModule module, WasmInstance instance, Object importsObject) {
        Module model = module.model();
        int functions = 0;
        int tables = 0;
        int memories = 0;
        int globals = 0;
        int tags = 0;
        Map<String, HostCaller> callers = new HashMap<>();
        for (Import imp : model.imports()) {
            Object value = lookup(importsObject, imp, instance, callers);
            switch (imp.desc()) {
                case ImportDesc.Func f -> instance.functions[functions++] = function(module, imp, f.typeIndex(), value);
                case ImportDesc.Table t -> {
                    // table element types are invariant: equivalent types have one canonical form
                    if (!(value instanceof WasmTable table) || !table.elemType().equals(module.canonical(t.type().elemType()))
                                    || table.type().addressType() != t.type().addressType()
                                    || !table.currentLimits().matches(t.type().limits())) {
                        throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a table " + t.type().addressType() + " "
                                        + t.type().elemType() + " " + t.type().limits()
                                        + ", got " + describe(value));
                    }
                    instance.tables[tables++] = table;
                }
                case ImportDesc.Memory m -> instance.memories[memories++] = memory(imp, m.type(), sharedMemoryOf(module, value));
                case ImportDesc.Global g -> instance.globals[globals++] = global(imp, module.canonical(g.type()), value, module.engine().types());
                case ImportDesc.Tag t -> instance.tags[tags++] = tag(module, imp, t.typeIndex(), value);
            }
        }
    }

    /**
     * A memory matching the imported memory type {@code declared} (spec §4.5.2 "import matching",
     * and the threads proposal): the same address type, current limits that match, and shared
     * exactly when the import says {@code shared}.
     */
    private static WasmMemory memory(Import imp, MemoryType declared, Object value) {
        if (!(value instanceof WasmMemory memory) || memory.type().addressType() != declared.addressType()
                        || memory.type().shared() != declared.shared() || !memory.currentLimits().matches(declared.limits())) {
            String got = value instanceof WasmMemory other ? memoryType(other.type().addressType(), other.currentLimits(), other.type().shared())
                            : describe(value);
            throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected " + memoryType(declared.addressType(), declared.limits(), declared.shared())
                            + ", got " + got);
        }
        return memory;
    }

    /**
     * {@code value} itself, or the shared memory it names when it is a shared memory of another
     * context of this engine, which arrives here as a foreign object ({@link SharedMemories}).
     */
    private static Object sharedMemoryOf(WasmModule module, Object value) {
        if (value instanceof WasmMemory || !INTEROP.isMemberReadable(value, SharedMemories.HANDLE)) {
            return value;
        }
        try {
            Object handle = INTEROP.readMember(value, SharedMemories.HANDLE);
            WasmMemory memory = INTEROP.isString(handle) ? module.engine().sharedMemories().find(INTEROP.asString(handle)) : null;
            return memory != null ? memory : value;
        } catch (InteropException e) {
            return value;
        }
    }

    private static String memoryType(AddressType addressType, Limits limits, boolean shared) {
        return "a memory " + addressType + " " + limits + (shared ? " shared" : "");
    }

    private static Object lookup(Object importsObject, Import imp, WasmInstance instance, Map<String, HostCaller> callers) {
        try {
            if (importsObject != null && !INTEROP.isNull(importsObject) && INTEROP.isMemberReadable(importsObject, imp.module())) {
                Object namespace = INTEROP.readMember(importsObject, imp.module());
                if (INTEROP.isMemberReadable(namespace, imp.name())) {
                    return INTEROP.readMember(namespace, imp.name());
                }
                throw WasmLinkError.unknownImport(imp.module(), imp.name(), imp.kind().textName());
            }
        } catch (InteropException e) {
            // reported as a missing import below
        }
        HostModuleProvider provider = BuiltinModules.find(imp.module());
        if (provider != null) {
            return builtin(provider, imp, instance, callers);
        }
        throw WasmLinkError.unknownImport(imp.module(), imp.name(), imp.kind().textName());
    }

    /** Function {@code imp} of a built-in module, bound to the importing instance. */
    private static Object builtin(HostModuleProvider provider, Import imp, WasmInstance instance, Map<String, HostCaller> callers) {
        WasmContext context = WasmContext.get(null);
        if (!provider.isEnabled(context.env().getOptions())) {
            throw WasmLinkError.create("unknown import: \"" + imp.module() + "\" \"" + imp.name() + "\": the built-in module \"" + imp.module()
                            + "\" is not enabled in this context; enable it with --" + provider.enablingOption() + "=true on the command line, or "
                            + "Context.newBuilder().option(\"" + provider.enablingOption() + "\", \"true\") from Java");
        }
        HostModule module = instance.module().engine().builtinModule(provider);
        HostFunction function = imp.desc() instanceof ImportDesc.Func ? module.function(imp.name()) : null;
        if (function == null) {
            throw WasmLinkError.unknownImport(imp.module(), imp.name(), imp.kind().textName());
        }
        HostCaller caller = callers.get(imp.module());
        if (caller == null) {
            Object state;
            try {
                state = context.builtinModuleState(imp.module(), module);
            } catch (IllegalArgumentException e) {
                throw WasmLinkError.create("cannot link \"" + imp.module() + "\" \"" + imp.name() + "\": " + e.getMessage());
            }
            caller = new HostCaller(imp.module(), state, instance);
            callers.put(imp.module(), caller);
        }
        int typeId = instance.module().engine().types().canonicalId(function.type());
        return new WasmFunction(function.type(), typeId, function.target(), caller, imp.module() + "." + imp.name());
    }

    private static WasmFunction function(WasmModule module, Import imp, int typeIndex, Object value) {
        FuncType type = module.canonicalType(typeIndex);
        int typeId = module.typeId(typeIndex);
        if (value instanceof WasmFunction function) {
            // function imports are covariant (spec 3.0 §4.5.2): the exporter's type may be a declared subtype
            if (!TypeRegistry.matches(function.typeId(), typeId, module)) {
                throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a function of type " + type + ", got " + function.type());
            }
            return function;
        }
        if (INTEROP.isExecutable(value)) {
            return new WasmFunction(type, typeId, module.engine().hostFunctionTarget(type), value, imp.module() + "." + imp.name());
        }
        throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a function of type " + type + ", got " + describe(value));
    }

    /** A tag import (spec 3.0 §4.5.2): the exporter's tag object itself, of an equivalent type (tag types are invariant). */
    private static WasmTag tag(WasmModule module, Import imp, int typeIndex, Object value) {
        FuncType type = module.model().funcType(typeIndex);
        if (value instanceof WasmTag tag && tag.typeId() == module.typeId(typeIndex)) {
            return tag;
        }
        throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a tag " + FuncType.render(type.params()) + ", got "
                        + describe(value));
    }

    private static WasmGlobal global(Import imp, GlobalType type, Object value, TypeRegistry registry) {
        if (value instanceof WasmGlobal global) {
            // a mutable global's type is invariant, an immutable one's covariant (spec 3.0 §3.2 import matching)
            boolean matches = type.mutable() ? global.type().equals(type)
                            : !global.type().mutable() && global.type().valType().isSubtypeOf(type.valType(), registry.matching());
            if (!matches) {
                throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a global " + type + ", got " + global.type());
            }
            return global;
        }
        if (!type.mutable()) {
            try {
                WasmGlobal global = new WasmGlobal(type);
                global.setBoxed(ValueConversion.toWasmUncached(value, type.valType()));
                return global;
            } catch (UnsupportedTypeException e) {
                // reported below
            }
        }
        throw WasmLinkError.incompatible(imp.module(), imp.name(), "expected a global " + type + ", got " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof WasmFunction || value instanceof WasmTable || value instanceof WasmMemory || value instanceof WasmGlobal || value instanceof WasmTag) {
            return value.toString();
        }
        return INTEROP.isExecutable(value) ? "a host function" : "a host value";
    }
}
