/**
 * twasm: a WebAssembly engine on GraalVM Truffle. See {@code dev.twasm.WasmLanguage} for the
 * architecture overview.
 */
module dev.twasm {
    requires org.graalvm.truffle;
    requires org.graalvm.polyglot;
    // GC notifications, for the GC heap limit (dev.twasm.gc.HeapGuard)
    requires jdk.management;
    // The Vector API, optional: dev.twasm.simd.SimdOps uses it when it is in the boot layer.
    requires static jdk.incubator.vector;
    exports dev.twasm.model;
    exports dev.twasm.binary;
    exports dev.twasm.component;
    exports dev.twasm.component.abi;
    exports dev.twasm.exception;
    exports dev.twasm.text;
    exports dev.twasm.text.script;
    exports dev.twasm.validation;
    // Truffle's static object model defines the struct classes (subclasses of WasmStruct that
    // implement StructFactory) outside this module, so their superclass must be exported.
    exports dev.twasm.gc;
    // The interface of built-in host modules (WASI lives in its own module, dev.twasm.wasi).
    exports dev.twasm.host;
    uses dev.twasm.host.HostModuleProvider;
    provides com.oracle.truffle.api.provider.TruffleLanguageProvider with dev.twasm.WasmLanguageProvider;
}
