package dev.twasm.wasi;

import java.util.List;

/**
 * The socket family of wasi_snapshot_preview1 ({@code sock_accept}, {@code sock_recv},
 * {@code sock_send}, {@code sock_shutdown}), which acts only on sockets the host opened for the
 * guest. This engine grants no sockets, so every call fails as POSIX's would on the descriptor
 * given: {@code badf} when it is not open, {@code notsock} when it is something else.
 */
final class SocketFunctions {
    static final List<WasiFunction> FUNCTIONS = List.of(
                    WasiFunction.of("sock_accept", "iir", SocketFunctions::notASocket),
                    WasiFunction.of("sock_recv", "iiiirr", SocketFunctions::notASocket),
                    WasiFunction.of("sock_send", "iiiir", SocketFunctions::notASocket),
                    WasiFunction.of("sock_shutdown", "ii", SocketFunctions::notASocket));

    private SocketFunctions() {
    }

    private static int notASocket(Call c) throws ErrnoException {
        c.wasi.fds.get(c.i32(0));
        return Errno.NOTSOCK.code();
    }
}
