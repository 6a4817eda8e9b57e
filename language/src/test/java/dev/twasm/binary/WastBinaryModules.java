package dev.twasm.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test scaffolding, not a wast parser: finds the {@code (module $id? binary "..."*)} forms of a
 * {@code .wast} script with the command they appear in, reading just enough of the text format
 * (parentheses, comments, string literals with their escapes) to do so. The real script parser
 * lives in {@code dev.twasm.text}.
 */
final class WastBinaryModules {
    /**
     * A binary module of a script.
     *
     * @param command the top-level command it appears in ({@code module}, {@code assert_malformed}, ...)
     * @param expectedMessage the failure message the command expects, or null
     */
    record Case(String file, int line, String command, byte[] bytes, String expectedMessage) {
        boolean malformed() {
            return command.equals("assert_malformed");
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + command;
        }
    }

    /** A parenthesised list; its items are lists, atoms (String) or string literals (byte[]). */
    private record SList(int line, List<Object> items) {
        String head() {
            return !items.isEmpty() && items.get(0) instanceof String s ? s : "";
        }
    }

    private final byte[] src;
    private int pos;
    private int line = 1;

    private WastBinaryModules(byte[] src) {
        this.src = src;
    }

    static List<Case> read(Path file) {
        byte[] src;
        try {
            src = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        for (SList command : new WastBinaryModules(src).topLevel()) {
            String name = file.getFileName().toString();
            if (isBinaryModule(command)) {
                cases.add(new Case(name, command.line(), "module", bytes(command), null));
                continue;
            }
            for (int i = 1; i < command.items().size(); i++) {
                if (command.items().get(i) instanceof SList module && isBinaryModule(module)) {
                    String message = null;
                    if (i + 1 < command.items().size() && command.items().get(i + 1) instanceof byte[] m) {
                        message = new String(m, StandardCharsets.UTF_8);
                    }
                    cases.add(new Case(name, module.line(), command.head(), bytes(module), message));
                }
            }
        }
        return cases;
    }

    private static boolean isBinaryModule(SList list) {
        List<Object> items = list.items();
        if (!list.head().equals("module")) {
            return false;
        }
        int i = items.size() > 1 && items.get(1) instanceof String id && id.startsWith("$") ? 2 : 1;
        return i < items.size() && "binary".equals(items.get(i));
    }

    private static byte[] bytes(SList module) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object item : module.items()) {
            if (item instanceof byte[] b) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    // ---- reading ----------------------------------------------------------------------------

    private List<SList> topLevel() {
        List<SList> result = new ArrayList<>();
        while (skipSpaceAndComments()) {
            if (src[pos] != '(') {
                throw error("expected (");
            }
            result.add(list());
        }
        return result;
    }

    private SList list() {
        int startLine = line;
        pos++; // (
        List<Object> items = new ArrayList<>();
        while (true) {
            if (!skipSpaceAndComments()) {
                throw error("unclosed (");
            }
            byte c = src[pos];
            if (c == ')') {
                pos++;
                return new SList(startLine, items);
            } else if (c == '(') {
                items.add(list());
            } else if (c == '"') {
                items.add(string());
            } else {
                int start = pos;
                while (pos < src.length && !isDelimiter(src[pos])) {
                    pos++;
                }
                items.add(new String(src, start, pos - start, StandardCharsets.UTF_8));
            }
        }
    }

    private static boolean isDelimiter(byte c) {
        return c == '(' || c == ')' || c == '"' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Skips blanks, {@code ;; line} and nested {@code (; block ;)} comments; false at the end. */
    private boolean skipSpaceAndComments() {
        while (pos < src.length) {
            byte c = src[pos];
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';' && at(1) == ';') {
                while (pos < src.length && src[pos] != '\n') {
                    pos++;
                }
            } else if (c == '(' && at(1) == ';') {
                int depth = 0;
                do {
                    if (pos >= src.length) {
                        throw error("unclosed block comment");
                    }
                    if (src[pos] == '(' && at(1) == ';') {
                        depth++;
                        pos += 2;
                    } else if (src[pos] == ';' && at(1) == ')') {
                        depth--;
                        pos += 2;
                    } else {
                        line += src[pos] == '\n' ? 1 : 0;
                        pos++;
                    }
                } while (depth > 0);
            } else {
                return true;
            }
        }
        return false;
    }

    private int at(int ahead) {
        return pos + ahead < src.length ? src[pos + ahead] : -1;
    }

    /** A string literal with its escapes: two hex digits, t, n, r, quotes, backslash, and u{hex}. */
    private byte[] string() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++; // "
        while (true) {
            if (pos >= src.length) {
                throw error("unclosed string");
            }
            byte c = src[pos++];
            if (c == '"') {
                return out.toByteArray();
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            byte e = src[pos++];
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"', '\'', '\\' -> out.write(e);
                case 'u' -> {
                    int close = pos;
                    while (src[close] != '}') {
                        close++;
                    }
                    int codePoint = Integer.parseInt(new String(src, pos + 1, close - pos - 1, StandardCharsets.US_ASCII), 16);
                    out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    pos = close + 1;
                }
                default -> {
                    out.write(Integer.parseInt(new String(src, pos - 1, 2, StandardCharsets.US_ASCII), 16));
                    pos++;
                }
            }
        }
    }

    private IllegalStateException error(String message) {
        return new IllegalStateException(message + " at line " + line);
    }
}
