package dev.twasm.instrument;

import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.source.Source;
import dev.twasm.WasmContext;
import dev.twasm.debug.SourceFile;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Truffle sources of the C/Rust files a module's DWARF line tables name: one per file path,
 * made on first use and then shared (thread-safe). A relative path is resolved against the
 * directory of the module's own source file. The content is read through the current context's
 * {@link TruffleFile} (so the context's file-system policy applies) when the file is readable;
 * otherwise the source has no content ({@link Source#CONTENT_NONE}), with the path as its name and
 * a {@code file:} URI, and line-based sections, breakpoints and stepping still work on it.
 */
final class SourceFiles {
    private final String moduleDirectory;
    private final ConcurrentHashMap<String, Source> sources = new ConcurrentHashMap<>();

    /** @param modulePath the path of the module's source file, or null */
    SourceFiles(String modulePath) {
        Path parent = modulePath == null ? null : Path.of(modulePath).getParent();
        this.moduleDirectory = parent == null ? null : parent.toString();
    }

    Source source(SourceFile file) {
        return sources.computeIfAbsent(file.path(), this::create);
    }

    private Source create(String path) {
        String resolved = path;
        if (moduleDirectory != null && !Path.of(path).isAbsolute()) {
            resolved = Path.of(moduleDirectory).resolve(path).normalize().toString();
        }
        try {
            TruffleFile file = WasmContext.get(null).env().getPublicTruffleFile(resolved);
            if (file.isReadable()) {
                return Source.newBuilder("wasm", file).mimeType("text/plain").build();
            }
        } catch (Exception | AssertionError e) {
            // no context on this thread, no access to the file system, or an unreadable file: no content
        }
        return Source.newBuilder("wasm", "", resolved).content(Source.CONTENT_NONE).mimeType("text/plain")
                        .uri(Path.of(resolved).toAbsolutePath().toUri()).build();
    }
}
