package dev.twasm.tests.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory tree as comparable text: one line per entry, sorted by path, giving its kind and, for
 * a file its contents (hex), for a link its target. Timestamps are left out: two runs differ there.
 */
final class DirectoryTree {
    private DirectoryTree() {
    }

    static String of(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    lines.add("link " + name + " -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add("dir  " + name);
                } else {
                    lines.add("file " + name + " " + HexFormat.of().formatHex(Files.readAllBytes(path)));
                }
            }
        }
        return String.join("\n", lines);
    }
}
