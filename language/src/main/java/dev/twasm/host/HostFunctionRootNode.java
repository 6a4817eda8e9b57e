package dev.twasm.host;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.interop.ValueConversion;
import dev.twasm.interop.ValueConversionFactory;
import dev.twasm.model.FuncType;
import dev.twasm.model.ValType;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.runtime.WasmNull;

import java.util.Arrays;

/**
 * The call target of imported host functions of one function type: calls the executable passed
 * as argument 0 (see {@link CallingConvention}) through interop with the Wasm arguments, and
 * converts what it returns to the declared result types (none, one value, or an array of values
 * for several results).
 *
 * <p>One root per function type, shared by every host import of that type in the engine; the
 * executable varies per import, so the interop call is dispatched through a cached library.
 * Exceptions the host function throws pass through unchanged, so host and guest errors keep their
 * identity across the boundary.
 */
public final class HostFunctionRootNode extends RootNode {
    private final FuncType type;
    @CompilationFinal(dimensions = 1) private final ValType[] params;
    @CompilationFinal(dimensions = 1) private final ValType[] results;
    @Child private InteropLibrary interop = InteropLibrary.getFactory().createDispatched(5);
    @Child private InteropLibrary resultArrays = InteropLibrary.getFactory().createDispatched(3);
    @Child private ValueConversion.ToWasmNode convert = ValueConversionFactory.ToWasmNodeGen.create();

    public HostFunctionRootNode(TruffleLanguage<?> language, FuncType type) {
        super(language);
        this.type = type;
        this.params = type.params();
        this.results = type.results();
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        Object function = args[CallingConvention.CONTEXT];
        Object[] hostArgs = hostArguments(args);
        Object returned;
        try {
            returned = interop.execute(function, hostArgs);
        } catch (InteropException e) {
            CompilerDirectives.transferToInterpreter();
            throw WasmRuntimeError.create("cannot call host function imported as " + type + ": " + e.getMessage(), this);
        }
        return convertResults(returned);
    }

    /** The Wasm arguments as interop values: a copy, with {@code v128}s as {@code V128Value}s. */
    @ExplodeLoop
    private Object[] hostArguments(Object[] args) {
        Object[] hostArgs = Arrays.copyOfRange(args, CallingConvention.FIRST_VALUE, args.length);
        for (int i = 0; i < params.length; i++) {
            if (params[i] == ValType.V128) {
                hostArgs[i] = ValueConversion.toHost(hostArgs[i], ValType.V128);
            }
        }
        return hostArgs;
    }

    @ExplodeLoop
    private Object convertResults(Object returned) {
        if (results.length == 0) {
            return WasmNull.INSTANCE;
        }
        try {
            if (results.length == 1) {
                return convert.execute(returned, results[0]);
            }
            if (!resultArrays.hasArrayElements(returned) || resultArrays.getArraySize(returned) != results.length) {
                CompilerDirectives.transferToInterpreter();
                throw WasmRuntimeError.create("host function of type " + type + " must return an array of " + results.length + " values", this);
            }
            Object[] values = new Object[results.length];
            for (int i = 0; i < results.length; i++) {
                values[i] = convert.execute(resultArrays.readArrayElement(returned, i), results[i]);
            }
            return values;
        } catch (UnsupportedTypeException e) {
            CompilerDirectives.transferToInterpreter();
            throw WasmRuntimeError.create("host function of type " + type + " returned a wrong value: " + e.getMessage(), this);
        } catch (InteropException e) {
            CompilerDirectives.transferToInterpreter();
            throw WasmRuntimeError.create("host function of type " + type + " returned an unreadable array: " + e.getMessage(), this);
        }
    }

    @Override
    public String getName() {
        return "host function " + type;
    }
}
