package dev.twasm.wasi;

import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.host.HostFunction;
import dev.twasm.host.HostModule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * wasi_snapshot_preview1 in one engine: the table of its functions, from one file per family, and
 * their call targets, made on first import and shared by every context of the engine.
 */
final class WasiModule implements HostModule {
    /** Every function of wasi_snapshot_preview1, by name. */
    static final Map<String, WasiFunction> FUNCTIONS = table(List.of(ProcessFunctions.FUNCTIONS, ClockFunctions.FUNCTIONS, PollFunctions.FUNCTIONS,
                    FdFunctions.FUNCTIONS, PathFunctions.FUNCTIONS, SocketFunctions.FUNCTIONS));

    private final TruffleLanguage<?> language;
    private final ConcurrentHashMap<String, HostFunction> targets = new ConcurrentHashMap<>();

    WasiModule(TruffleLanguage<?> language) {
        this.language = language;
    }

    private static Map<String, WasiFunction> table(List<List<WasiFunction>> families) {
        Map<String, WasiFunction> table = new HashMap<>();
        for (List<WasiFunction> family : families) {
            for (WasiFunction function : family) {
                if (table.put(function.name(), function) != null) {
                    throw new IllegalStateException("WASI function defined twice: " + function.name());
                }
            }
        }
        return Map.copyOf(table);
    }

    @Override
    public HostFunction function(String name) {
        WasiFunction function = FUNCTIONS.get(name);
        if (function == null) {
            return null;
        }
        return targets.computeIfAbsent(name, n -> new HostFunction(function.type(), new WasiRootNode(language, function).getCallTarget()));
    }

    @Override
    public Object createState(TruffleLanguage.Env env) {
        return WasiState.create(env);
    }
}
