package dev.twasm.tests.polyglot;

import org.graalvm.polyglot.Context;

/** Contexts for the polyglot tests: JavaScript with the WebAssembly API on twasm, Python, and Wasm. */
final class Polyglot {
    private Polyglot() {
    }

    static Context.Builder builder(String... languages) {
        return Context.newBuilder(languages).allowAllAccess(true).option("js.webassembly", "true")
                        .option("engine.WarnInterpreterOnly", "false");
    }

    static Context jsContext() {
        return builder("js", "wasm").build();
    }
}
