package dev.twasm.tests.spec;

import org.graalvm.polyglot.Engine;

import java.util.Map;

/**
 * The three ways the conformance suite runs: the AST in the interpreter only; the AST with every
 * function compiled by Graal on its first call, so partial-evaluation bugs surface in tests; and
 * the baseline tier only (every function translated to JVM bytecode and never leaving that tier,
 * strictly: a translation failure other than a JVM size limit is an error, not a fallback).
 */
public enum EngineConfiguration {
    INTERPRETER(Map.of("engine.Compilation", "false", "wasm.Baseline", "false")),
    COMPILED(Map.of("engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false",
                    "engine.CompilationFailureAction", "Throw", "wasm.Baseline", "false")),
    BASELINE(Map.of("engine.Compilation", "false", "wasm.Baseline", "true", "wasm.BaselineThreshold", Long.toString(Long.MAX_VALUE),
                    "wasm.BaselineStrict", "true"));

    private final Map<String, String> options;

    EngineConfiguration(Map<String, String> options) {
        this.options = options;
    }

    /** The engine options that select this configuration. */
    public Map<String, String> options() {
        return options;
    }

    public Engine createEngine() {
        return Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).option("engine.WarnInterpreterOnly", "false").build();
    }

    public String label() {
        return name().toLowerCase();
    }
}
