/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for twasm: a built-in host module that the
 * language finds through {@code ServiceLoader}, with capability-based file access through
 * {@code TruffleFile}. See {@code docs/wasi.md}.
 */
module dev.twasm.wasi {
    requires dev.twasm;
    requires org.graalvm.truffle;
    requires org.graalvm.polyglot;
    requires java.management;
    provides dev.twasm.host.HostModuleProvider with dev.twasm.wasi.WasiProvider, dev.twasm.wasi.WasiThreadsProvider;
}
