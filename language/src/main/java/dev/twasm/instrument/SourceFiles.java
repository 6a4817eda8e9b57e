package dev.twasm.instrument;

import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.debug.SourceFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Truffle sources of the C/Rust files a module's DWARF line tables name: one per file path,
 * all made when the module's sources are, then shared (thread-safe, immutable). A relative path is resolved against the directory of the module's own
 * source file. The content is read through that context's {@link TruffleFile} (so the context's
 * file-system policy applies) when the file is readable; otherwise the source has no content
 * ({@link Source#CONTENT_NONE}), with the path as its name and a {@code file:} URI, and line-based
 * sections, breakpoints and stepping still work on it.
 *
 * <p>Made eagerly, not per file on first use, because sections are also asked for on threads that
 * have no context (the CPU sampler's, Graal's compiler threads): the environment whose policy
 * applies is found once, when the module's sources are made ({@code ModuleSources.of}).
 */
final class SourceFiles {
    private final String moduleDirectory;
    /** The directory of the module's source name (as the user named it), for the names of sources without content. */
    private final String nameDirectory;
    private final Map<String, Source> sources = new HashMap<>();

    /**
     * @param modulePath the path of the module's source file, or null
     * @param moduleName the name of the module's source (the file as the user named it), or null
     * @param files the files the line tables name
     * @param env the environment of the context whose file-system policy decides what is read, or
     *            null to read nothing
     */
    SourceFiles(String modulePath, String moduleName, List<SourceFile> files, TruffleLanguage.Env env) {
        this.moduleDirectory = directoryOf(modulePath);
        this.nameDirectory = namesModuleFile(moduleName, modulePath) ? directoryOf(moduleName) : moduleDirectory;
        for (SourceFile file : files) {
            sources.computeIfAbsent(file.path(), path -> create(path, env));
        }
    }

    /** Whether the module's source name is a path (maybe relative) of its file, as the launcher names it. */
    private static boolean namesModuleFile(String moduleName, String modulePath) {
        try {
            return moduleName != null && modulePath != null
                            && Path.of(moduleName).toAbsolutePath().normalize().equals(Path.of(modulePath).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false; // a name that is no path
        }
    }

    private static String directoryOf(String path) {
        Path parent = path == null ? null : Path.of(path).getParent();
        return parent == null ? null : parent.toString();
    }

    Source source(SourceFile file) {
        Source source = sources.get(file.path());
        // The line tables name only the files they list; a file outside them gets a source without content.
        return source != null ? source : withoutContent(file.path());
    }

    private static String resolve(String directory, String path) {
        if (directory != null && !Path.of(path).isAbsolute()) {
            return Path.of(directory).resolve(path).normalize().toString();
        }
        return path;
    }

    private Source create(String path, TruffleLanguage.Env env) {
        // Read through the path as the user named the module (relative if it was), so that tools print it so.
        String resolved = resolve(nameDirectory, path);
        if (env == null) {
            return withoutContent(path);
        }
        try {
            TruffleFile file = env.getPublicTruffleFile(resolved);
            if (file.isReadable()) {
                return Source.newBuilder("wasm", file).mimeType("text/plain").build();
            }
        } catch (Exception e) {
            // no access to the file system, or an unreadable file: no content
        }
        return withoutContent(path);
    }

    /**
     * A source without content for the DWARF {@code path}: named as the module's file was named
     * (relative if it was, so tools print what the user typed), with the absolute {@code file:} URI.
     */
    private Source withoutContent(String path) {
        String name = resolve(nameDirectory, path);
        return Source.newBuilder("wasm", "", name).content(Source.CONTENT_NONE).mimeType("text/plain")
                        .uri(Path.of(resolve(moduleDirectory, path)).toAbsolutePath().normalize().toUri()).build();
    }
}
