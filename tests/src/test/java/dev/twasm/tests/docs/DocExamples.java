package dev.twasm.tests.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown document: every fenced block whose info string is
 * {@code <language> example}, paired with the {@code text output} block that must follow it. Reading
 * them from the document itself is what keeps the document and its test from drifting apart.
 */
public record DocExamples(Path document, List<Example> examples) {
    /** One example: its language tag, its code, the output it must print, and where it starts. */
    public record Example(String language, String code, String expectedOutput, int line) {
        @Override
        public String toString() {
            return language + " example at line " + line;
        }
    }

    private static final Pattern FENCE = Pattern.compile("(?m)^```([\\w-]+) (example|output)\\n(.*?)^```$", Pattern.DOTALL);

    /** Reads {@code document}; fails when an example has no output block right after it. */
    public static DocExamples read(Path document) throws IOException {
        String text = Files.readString(document);
        List<Example> examples = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        Example pending = null;
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).lines().count() + 1;
            if (m.group(2).equals("example")) {
                require(pending == null, document, pending);
                pending = new Example(m.group(1), m.group(3), null, line);
            } else {
                require(pending != null, document, "output block at line " + line);
                examples.add(new Example(pending.language(), pending.code(), m.group(3), pending.line()));
                pending = null;
            }
        }
        require(pending == null, document, pending);
        return new DocExamples(document, examples);
    }

    private static void require(boolean ok, Path document, Object where) {
        if (!ok) {
            throw new IllegalStateException(document + ": an example must be followed by its text output block (" + where + ")");
        }
    }

    /** The examples in {@code language}. */
    public List<Example> in(String language) {
        return examples.stream().filter(e -> e.language().equals(language)).toList();
    }
}
