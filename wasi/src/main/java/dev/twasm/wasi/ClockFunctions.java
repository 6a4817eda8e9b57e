package dev.twasm.wasi;

import java.util.List;

/**
 * The clock family of wasi_snapshot_preview1: {@code clock_res_get} and {@code clock_time_get}
 * over the clocks of {@link WasiState#now}: realtime, a monotonic clock starting at the context's
 * WASI start, and the CPU time of the thread running the guest (for both CPU-time clocks).
 */
final class ClockFunctions {
    static final List<WasiFunction> FUNCTIONS = List.of(
                    WasiFunction.of("clock_res_get", "iR", c -> {
                        c.resultI64(1, WasiState.resolution(c.i32(0)));
                        return 0;
                    }),
                    // The precision parameter (the lag the caller tolerates) does not matter here: every clock is read directly.
                    WasiFunction.of("clock_time_get", "iIR", c -> {
                        c.resultI64(2, c.wasi.now(c.i32(0)));
                        return 0;
                    }));

    private ClockFunctions() {
    }
}
