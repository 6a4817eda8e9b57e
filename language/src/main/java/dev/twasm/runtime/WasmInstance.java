package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.ExportsObject;
import dev.twasm.interop.ValueArray;

/**
 * A module instance (spec §4.2.5): the per-instantiation state that the shared code of a
 * {@link WasmModule} runs against. Every call passes the instance as argument 0, so nodes reach
 * memories, tables, globals and imported functions through it rather than through constants.
 *
 * <p>The arrays are filled once during instantiation and then only read; the objects in them
 * (memories, tables, globals, tags) are shared with other instances that import or export them.
 * {@link #memory0} caches the first memory for the common single-memory case.
 *
 * <p>To embedders an instance has one member, {@code exports}.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmInstance extends WasmObject {
    private static final String EXPORTS = "exports";

    private final WasmModule module;
    @CompilationFinal(dimensions = 1) public final WasmFunction[] functions;
    @CompilationFinal(dimensions = 1) public final WasmTable[] tables;
    @CompilationFinal(dimensions = 1) public final WasmMemory[] memories;
    @CompilationFinal(dimensions = 1) public final WasmGlobal[] globals;
    /** The tag instances (exception handling), matched by identity in handlers. */
    @CompilationFinal(dimensions = 1) public final WasmTag[] tags;
    /** The element segments' references; a dropped segment is an empty array (spec §4.4.6 elem.drop). */
    public final Object[][] elemSegments;
    /** The data segments' bytes; a dropped segment is an empty array (spec §4.4.7 data.drop). */
    public final byte[][] dataSegments;
    @CompilationFinal public WasmMemory memory0;
    /** The call depth counter of the context this instance lives in. */
    public final CallStack callStack;
    /** The fuel and the memory and table caps of the context this instance lives in. */
    public final ResourceLimits limits;
    private ExportsObject exports;
    /** The imports object it was instantiated with, for instantiating its module again alike (wasi-threads). */
    private Object importsObject;

    WasmInstance(WasmModule module, CallStack callStack, ResourceLimits limits, int functionCount, int tableCount, int memoryCount, int globalCount, int tagCount, int elemCount,
                    int dataCount) {
        this.module = module;
        this.callStack = callStack;
        this.limits = limits;
        this.functions = new WasmFunction[functionCount];
        this.tables = new WasmTable[tableCount];
        this.memories = new WasmMemory[memoryCount];
        this.globals = new WasmGlobal[globalCount];
        this.tags = new WasmTag[tagCount];
        this.elemSegments = new Object[elemCount][];
        this.dataSegments = new byte[dataCount][];
    }

    public WasmModule module() {
        return module;
    }

    public ExportsObject exports() {
        return exports;
    }

    void setExports(ExportsObject exports) {
        this.exports = exports;
    }

    /** The imports object this instance was instantiated with (null when none was given). */
    public Object importsObject() {
        return importsObject;
    }

    void setImportsObject(Object importsObject) {
        this.importsObject = importsObject;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(boolean includeInternal) {
        return new ValueArray(new Object[]{EXPORTS});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return EXPORTS.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!EXPORTS.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return exports;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "instance of " + module.name();
    }
}
