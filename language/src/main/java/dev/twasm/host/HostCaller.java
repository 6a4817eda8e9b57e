package dev.twasm.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.WasmContext;
import dev.twasm.model.FuncType;
import dev.twasm.runtime.Instantiator;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.runtime.WasmNull;

/**
 * What a built-in host function knows about its call: the module's state in the calling context
 * and the instance that imported it. The linker creates one per importing instance and module, and
 * passes it as the context argument of every call (see {@link HostFunction}).
 *
 * <p>Host functions read and write the importing instance's linear memory, found as that instance's
 * export named {@code "memory"} (the convention of WASI and of wasmtime). The export exists only once
 * instantiation has created it, so it is looked up at the first call that needs it, then kept.
 */
public final class HostCaller {
    /** The value a host function without results returns. */
    public static final Object NO_RESULT = WasmNull.INSTANCE;
    private static final String MEMORY_EXPORT = "memory";

    private final String moduleName;
    private final Object state;
    private final WasmInstance importer;
    private GuestMemory memory;

    /** Created by the linker only. */
    public HostCaller(String moduleName, Object state, WasmInstance importer) {
        this.moduleName = moduleName;
        this.state = state;
        this.importer = importer;
    }

    /** The caller of the host function running in the frame with these arguments. */
    public static HostCaller of(Object[] frameArguments) {
        return (HostCaller) frameArguments[CallingConvention.CONTEXT];
    }

    /** Parameter {@code index} (from 0) of the call whose frame has these arguments. */
    public static Object argument(Object[] frameArguments, int index) {
        return frameArguments[CallingConvention.FIRST_VALUE + index];
    }

    /**
     * A new instance of the importing instance's module, linked against the same imports object in
     * the calling context, and its export {@code entry}, a function of type {@code entryType}
     * (wasi-threads: each thread runs its own instance, and they share the memory they import).
     *
     * @throws WasmRuntimeError (a guest exception) when the module exports no such function
     */
    @TruffleBoundary
    public Object instantiateImporterAgain(String entry, FuncType entryType) {
        Object exported = importer.exports() == null ? null : importer.exports().get(entry);
        if (!(exported instanceof WasmFunction function) || !function.type().equals(entryType)) {
            throw WasmRuntimeError.create("functions of \"" + moduleName + "\" need the calling module (" + importer.module().name()
                            + ") to export a function \"" + entry + "\" of type " + entryType);
        }
        WasmInstance instance = Instantiator.instantiateAlike(importer, WasmContext.get(null).memory64Limits());
        return instance.exports().get(entry);
    }

    /** The module's state in the calling context, as {@link HostModule#createState} made it. */
    public Object state() {
        return state;
    }

    /**
     * The importing instance's memory exported as {@code "memory"}.
     *
     * @throws WasmRuntimeError (a guest exception) when the instance exports no such memory
     */
    @TruffleBoundary
    public GuestMemory memory() {
        if (memory == null) {
            Object exported = importer.exports() == null ? null : importer.exports().get(MEMORY_EXPORT);
            if (!(exported instanceof WasmMemory wasmMemory)) {
                throw WasmRuntimeError.create("functions of \"" + moduleName + "\" need the calling module (" + importer.module().name()
                                + ") to export its memory as \"" + MEMORY_EXPORT + "\"");
            }
            memory = new GuestMemory(wasmMemory);
        }
        return memory;
    }

    @Override
    public String toString() {
        return moduleName + " bound to " + importer;
    }
}
