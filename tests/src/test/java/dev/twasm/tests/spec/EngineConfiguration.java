package dev.twasm.tests.spec;

import org.graalvm.polyglot.Engine;

import java.util.Map;

/**
 * The two ways the conformance suite runs: in the interpreter only, and with every function
 * compiled by Graal on its first call, so partial-evaluation bugs surface in tests.
 */
public enum EngineConfiguration {
    INTERPRETER(Map.of("engine.Compilation", "false")),
    COMPILED(Map.of("engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false",
                    "engine.CompilationFailureAction", "Throw"));

    private final Map<String, String> options;

    EngineConfiguration(Map<String, String> options) {
        this.options = options;
    }

    public Engine createEngine() {
        return Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).option("engine.WarnInterpreterOnly", "false").build();
    }

    public String label() {
        return name().toLowerCase();
    }
}
