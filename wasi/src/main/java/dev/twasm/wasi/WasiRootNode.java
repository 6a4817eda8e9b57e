package dev.twasm.wasi;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLogger;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.host.GuestMemory;
import dev.twasm.host.HostCaller;

import java.io.IOException;
import java.util.logging.Level;

/**
 * The call target of one WASI function. Wasm code calls it like any imported function; its context
 * argument is the {@link HostCaller} the linker bound to the importing instance, which leads to the
 * context's {@link WasiState} and the instance's memory.
 *
 * <p>WASI functions do I/O and touch host objects, which partial evaluation must not inline, so the
 * whole body runs behind a {@link TruffleBoundary}: a compiled Wasm caller sees one opaque call. The
 * guest only ever gets an errno back: failures become codes here ({@link ErrnoException},
 * {@link IoErrors}). What does pass through is meant for the guest's caller: the trap of a pointer
 * outside memory, and {@code proc_exit}'s {@link WasiExit}.
 */
final class WasiRootNode extends RootNode {
    private static final TruffleLogger LOG = TruffleLogger.getLogger("wasm", WasiRootNode.class);

    private final WasiFunction function;
    @CompilationFinal(dimensions = 1) private final int[] resultSizes;

    WasiRootNode(TruffleLanguage<?> language, WasiFunction function) {
        super(language);
        this.function = function;
        this.resultSizes = function.resultSizes();
    }

    @Override
    public Object execute(VirtualFrame frame) {
        int errno = run(frame.getArguments());
        return function.returnsErrno() ? (Object) errno : HostCaller.NO_RESULT;
    }

    @TruffleBoundary
    private int run(Object[] arguments) {
        HostCaller caller = HostCaller.of(arguments);
        Call call = new Call((WasiState) caller.state(), caller, arguments, this);
        checkResultPointers(call);
        try {
            return function.body().call(call);
        } catch (ErrnoException e) {
            return e.errno().code();
        } catch (AbstractTruffleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Errno errno = IoErrors.of(e);
            if (LOG.isLoggable(Level.FINE)) {
                LOG.log(Level.FINE, function.name() + " failed with " + errno, e);
            }
            return errno.code();
        }
    }

    private void checkResultPointers(Call call) {
        for (int i = 0; i < resultSizes.length; i++) {
            if (resultSizes[i] != 0) {
                GuestMemory memory = call.memory();
                memory.check(call.i32(i), resultSizes[i]);
            }
        }
    }

    @Override
    public String getName() {
        return WasiProvider.MODULE_NAME + "." + function.name();
    }

    @Override
    public String toString() {
        return getName();
    }
}
