package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The token sequence of a source text, as produced by {@link Lexer}: parallel arrays of kind,
 * start and end offset, the {@link Keyword} or {@link dev.twasm.model.Opcode} of keyword tokens,
 * and for every {@code (} the index of its matching {@code )} (or -1 when it is never closed).
 * Always ends with one {@link TokenKind#EOF} token. Annotations ({@code (@id ...)}) are not
 * tokens: they are kept beside them ({@link #annotations()}), so that parsers meet them only where
 * they look for them. Arrays instead of token objects keep a large text cheap to tokenize and let
 * the parsers look ahead and skip balanced forms in constant time.
 */
final class Tokens {
    private static final TokenKind[] KINDS = TokenKind.values();

    private final String text;
    private byte[] kinds;
    private int[] starts;
    private int[] ends;
    private Object[] keywords;
    private int[] partners;
    private int count;
    private int[] lineStarts;

    private List<Annotation> annotations = List.of();

    Tokens(String text) {
        this(text, Math.max(16, Math.min(text.length() / 3, 1 << 20)));
    }

    /** An empty sequence over {@code text} with room for {@code capacity} tokens. */
    Tokens(String text, int capacity) {
        this.text = text;
        kinds = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        keywords = new Object[capacity];
        partners = new int[capacity];
    }

    int add(TokenKind kind, int start, int end, Object keyword) {
        if (count == kinds.length) {
            int capacity = count + (count >> 1) + 16;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            keywords = Arrays.copyOf(keywords, capacity);
            partners = Arrays.copyOf(partners, capacity);
        }
        kinds[count] = (byte) kind.ordinal();
        starts[count] = start;
        ends[count] = end;
        keywords[count] = keyword;
        partners[count] = -1;
        return count++;
    }

    void setPartner(int lpar, int rpar) {
        partners[lpar] = rpar;
    }

    String source() {
        return text;
    }

    int count() {
        return count;
    }

    /** The kind of token {@code i}; {@link TokenKind#EOF} past the end. */
    TokenKind kind(int i) {
        return i < count ? KINDS[kinds[i]] : TokenKind.EOF;
    }

    int start(int i) {
        return starts[Math.min(i, count - 1)];
    }

    int end(int i) {
        return ends[Math.min(i, count - 1)];
    }

    /** The {@link Keyword} or {@link dev.twasm.model.Opcode} of a keyword token, else null. */
    Object keyword(int i) {
        return i < count && kinds[i] != TokenKind.ID.ordinal() ? keywords[i] : null;
    }

    /**
     * The identifier of ID token {@code i} with its {@code $}: its text, or for a quoted one
     * ({@code $"name"}) {@code $} and the name, so that {@code $"x"} and {@code $x} are the same.
     */
    String id(int i) {
        return keywords[i] instanceof String name ? name : text(i);
    }

    void addAnnotation(Annotation annotation) {
        if (annotations.isEmpty()) {
            annotations = new ArrayList<>();
        }
        annotations.add(annotation);
    }

    /** The annotations between the tokens, in text order; {@link Annotation#before()} places each. */
    List<Annotation> annotations() {
        return annotations;
    }

    /** For a {@code (} token, the index of its matching {@code )}, or -1. */
    int partner(int i) {
        return i < count ? partners[i] : -1;
    }

    String text(int i) {
        return text.substring(start(i), end(i));
    }

    boolean textEquals(int i, String s) {
        int start = start(i);
        return end(i) - start == s.length() && text.regionMatches(start, s, 0, s.length());
    }

    boolean textStartsWith(int i, String prefix) {
        return end(i) - start(i) >= prefix.length() && text.startsWith(prefix, start(i));
    }

    /** An error located at source offset {@code offset}, reported with its line and column. */
    MalformedModuleException errorAt(String reason, int offset) {
        int line = lineIndex(offset);
        return new MalformedModuleException(reason, line + 1, offset - lineStarts()[line] + 1);
    }

    MalformedModuleException errorAtToken(String reason, int token) {
        return errorAt(reason, start(token));
    }

    /** The 1-based line of source offset {@code offset}. */
    int lineOf(int offset) {
        return lineIndex(offset) + 1;
    }

    private int lineIndex(int offset) {
        int index = Arrays.binarySearch(lineStarts(), offset);
        return index >= 0 ? index : -index - 2;
    }

    /** The offsets where lines start, computed on first use (errors and script line numbers). */
    private int[] lineStarts() {
        if (lineStarts == null) {
            int lines = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines++;
                }
            }
            int[] starts = new int[lines];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }
}
