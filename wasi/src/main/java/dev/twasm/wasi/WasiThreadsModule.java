package dev.twasm.wasi;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.twasm.host.HostCaller;
import dev.twasm.host.HostFunction;
import dev.twasm.host.HostModule;
import dev.twasm.model.FuncType;
import dev.twasm.model.ValType;

/**
 * wasi-threads in one engine: its one function, {@code thread-spawn: (i32 start_arg) -> i32}, whose
 * call target is shared by every context, and the per-context {@link WasiThreads} that starts the
 * threads.
 */
final class WasiThreadsModule implements HostModule {
    static final String THREAD_SPAWN = "thread-spawn";
    private static final FuncType THREAD_SPAWN_TYPE = new FuncType(new ValType[]{ValType.I32}, new ValType[]{ValType.I32});

    private final HostFunction threadSpawn;

    WasiThreadsModule(TruffleLanguage<?> language) {
        this.threadSpawn = new HostFunction(THREAD_SPAWN_TYPE, new ThreadSpawnRootNode(language).getCallTarget());
    }

    @Override
    public HostFunction function(String name) {
        return THREAD_SPAWN.equals(name) ? threadSpawn : null;
    }

    @Override
    public Object createState(TruffleLanguage.Env env) {
        if (!env.isCreateThreadAllowed()) {
            throw new IllegalArgumentException("wasi-threads needs a context that may create threads (Context.Builder.allowCreateThread(true))");
        }
        return new WasiThreads(env);
    }

    /**
     * The call target of {@code thread-spawn}. Starting a thread instantiates a module and touches
     * the host's threads, nothing partial evaluation could use, so the body is one boundary.
     */
    private static final class ThreadSpawnRootNode extends RootNode {
        ThreadSpawnRootNode(TruffleLanguage<?> language) {
            super(language);
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return spawn(frame.getArguments());
        }

        @TruffleBoundary
        private Object spawn(Object[] arguments) {
            HostCaller caller = HostCaller.of(arguments);
            return ((WasiThreads) caller.state()).spawn(caller, (Integer) HostCaller.argument(arguments, 0), this);
        }

        @Override
        public String getName() {
            return WasiThreadsProvider.MODULE_NAME + "." + THREAD_SPAWN;
        }
    }
}
