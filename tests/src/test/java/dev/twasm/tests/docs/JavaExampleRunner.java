package dev.twasm.tests.docs;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Java program given as source text, the way a reader of the docs would: compiles it with
 * the JDK's compiler ({@code javax.tools}) against the modules this test JVM runs with (the polyglot
 * API and the engine), loads it, and calls its {@code main}, returning what it printed.
 */
final class JavaExampleRunner {
    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+class\\s+(\\w+)");

    private JavaExampleRunner() {
    }

    static String run(String source) throws Exception {
        Matcher m = CLASS_NAME.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("the example declares no public class");
        }
        String className = m.group(1);
        Path dir = Files.createTempDirectory("twasm-doc-example");
        try {
            Path file = dir.resolve(className + ".java");
            Files.writeString(file, source);
            compile(file, dir);
            try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{dir.toUri().toURL()}, JavaExampleRunner.class.getClassLoader())) {
                Method main = loader.loadClass(className).getMethod("main", String[].class);
                return captureOut(() -> main.invoke(null, (Object) new String[0]));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void compile(Path file, Path outputDir) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (var files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", outputDir.toString(),
                            "--module-path", System.getProperty("jdk.module.path"),
                            "--add-modules", "org.graalvm.polyglot");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            if (!ok) {
                throw new IllegalStateException("the example does not compile: " + diagnostics.getDiagnostics());
            }
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private static String captureOut(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
