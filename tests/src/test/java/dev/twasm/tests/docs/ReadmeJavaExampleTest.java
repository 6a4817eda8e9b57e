package dev.twasm.tests.docs;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java example of the README, executed. {@link DocsExamplesTest} checks that the README shows
 * exactly the code between the {@code README-BEGIN} and {@code README-END} markers.
 */
class ReadmeJavaExampleTest {
    @Test
    void readmeExample() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(original);
        }
        assertEquals("log: 42\n7\n", captured.toString(StandardCharsets.UTF_8));
    }

    static void example() {
        // README-BEGIN
        try (Context context = Context.newBuilder("wasm").build()) {
            Value module = context.eval("wasm", """
                            (module
                              (import "env" "log" (func $log (param i32)))
                              (func (export "add") (param i32 i32) (result i32)
                                (call $log (i32.const 42))
                                (i32.add (local.get 0) (local.get 1))))
                            """);
            ProxyExecutable log = args -> {
                System.out.println("log: " + args[0].asInt());
                return null;
            };
            Value instance = module.newInstance(ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(Map.of("log", log)))));
            Value add = instance.getMember("exports").getMember("add");
            System.out.println(add.execute(3, 4).asInt());
        }
        // README-END
    }
}
