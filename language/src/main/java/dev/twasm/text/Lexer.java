package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;

import java.util.Arrays;

/**
 * The lexer of the text format (spec §6.2 "Lexical Format"): splits a source text into
 * {@link Tokens}, skipping white space, line comments and nested block comments, and setting aside
 * annotations ({@code (@id ...)}, Wasm 3.0) with their own tokens ({@link Annotation}).
 *
 * <p>Tokens other than parentheses are maximal runs of token characters: identifier characters
 * (spec §6.3.5 "idchar"), string literals and the characters the spec reserves. Following the
 * longest-match rule, a run is a single token, so a keyword or number glued to another token
 * ({@code i32.const0}, {@code 0drop}, {@code $l"a"}, {@code "a""b"}) becomes one
 * {@link TokenKind#RESERVED} token, which the parser reports as "unknown operator". Errors that the
 * reference interpreter's lexer raises (unclosed strings and comments, illegal escapes and control
 * characters, malformed UTF-8, empty identifiers and annotation ids, illegal characters in
 * annotations) are raised here with its wording. An identifier is {@code $} followed by identifier
 * characters or (Wasm 3.0) by one string, its name: the token then carries {@code $name}
 * ({@link Tokens#id(int)}).
 */
final class Lexer {
    private final String text;
    private final int length;
    private final Tokens tokens;

    private Lexer(String text) {
        this.text = text;
        this.length = text.length();
        this.tokens = new Tokens(text);
    }

    static Tokens tokenize(String text) {
        Lexer lexer = new Lexer(text);
        lexer.lex(0, lexer.tokens, -1);
        lexer.tokens.add(TokenKind.EOF, lexer.length, lexer.length, null);
        return lexer.tokens;
    }

    private MalformedModuleException error(String reason, int offset) {
        return tokens.errorAt(reason, offset);
    }

    /**
     * Lexes tokens from {@code i} into {@code out}: at top level ({@code annotationStart < 0}) up
     * to the end of the text, in the body of the annotation that starts at
     * {@code annotationStart} up to its closing parenthesis, returning the offset after it.
     */
    private int lex(int i, Tokens out, int annotationStart) {
        boolean inAnnotation = annotationStart >= 0;
        int[] openStack = new int[16];
        int openCount = 0;
        while (i < length) {
            char c = text.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\r' -> i++;
                case '(' -> {
                    if (i + 1 < length && text.charAt(i + 1) == ';') {
                        i = skipBlockComment(i);
                    } else if (!inAnnotation && i + 1 < length && text.charAt(i + 1) == '@') {
                        i = annotation(i, out); // inside an annotation, (@ is a parenthesis like any other
                    } else {
                        int index = out.add(TokenKind.LPAR, i, i + 1, null);
                        if (openCount == openStack.length) {
                            openStack = Arrays.copyOf(openStack, openCount * 2);
                        }
                        openStack[openCount++] = index;
                        i++;
                    }
                }
                case ')' -> {
                    if (inAnnotation && openCount == 0) {
                        return i + 1;
                    }
                    int index = out.add(TokenKind.RPAR, i, i + 1, null);
                    if (openCount > 0) {
                        out.setPartner(openStack[--openCount], index);
                    }
                    i++;
                }
                default -> {
                    if (c == ';' && i + 1 < length && text.charAt(i + 1) == ';') {
                        i = skipLineComment(i);
                    } else {
                        i = scanRun(i, out, inAnnotation);
                    }
                }
            }
        }
        if (inAnnotation) {
            throw error("unclosed annotation", annotationStart);
        }
        return i;
    }

    /**
     * An annotation {@code (@id ...)} (spec 3.0 §6.2.4 "Annotations") at {@code start}: its id is a
     * run of identifier characters or a non-empty name in quotes ("empty annotation id"
     * otherwise), its body any tokens with balanced parentheses. It is not a token of
     * {@code owner} (the parser never sees it where it expects tokens) but recorded in
     * {@code owner} with the index of the token that follows it, its body lexed into a
     * {@link Tokens} of its own. Returns the offset after its closing parenthesis.
     */
    private int annotation(int start, Tokens owner) {
        int i = start + 2;
        String id;
        if (i < length && text.charAt(i) == '"') {
            int close;
            try {
                close = scanString(i);
            } catch (MalformedModuleException e) {
                throw error("empty annotation id", start);
            }
            id = StringLiteral.utf8OrNull(StringLiteral.bytes(text, i, close));
            if (id == null) {
                throw error("malformed UTF-8 encoding", i);
            }
            i = close;
        } else {
            while (i < length && isIdChar(text.charAt(i))) {
                i++;
            }
            id = text.substring(start + 2, i);
        }
        if (id.isEmpty()) {
            throw error("empty annotation id", start);
        }
        Tokens body = new Tokens(text, 8);
        int end = lex(i, body, start);
        body.add(TokenKind.EOF, end - 1, end - 1, null);
        owner.addAnnotation(new Annotation(id, owner.count(), start, body));
        return end;
    }

    /** Skips {@code ;; ...} up to the end of the line (LF, CR or CR LF). */
    private int skipLineComment(int start) {
        int i = start + 2;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            i = skipChar(i);
        }
        return i;
    }

    /** Skips a block comment {@code (; ... ;)}, which may nest. */
    private int skipBlockComment(int start) {
        int depth = 0;
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '(' && i + 1 < length && text.charAt(i + 1) == ';') {
                depth++;
                i += 2;
            } else if (c == ';' && i + 1 < length && text.charAt(i + 1) == ')') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i = skipChar(i);
            }
        }
        throw error("unclosed comment", start);
    }

    /** Steps over one character, rejecting unpaired surrogates (bytes that were not UTF-8). */
    private int skipChar(int i) {
        char c = text.charAt(i);
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                return i + 2;
            }
            throw error("malformed UTF-8 encoding", i);
        }
        return i + 1;
    }

    /** Identifier characters (spec §6.3.5 "idchar"). */
    static boolean isIdChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '/', ':', '<', '=', '>', '?', '@', '\\', '^', '_', '`', '|', '~' ->
                true;
            default -> false;
        };
    }

    private static boolean endsRun(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')';
    }

    /**
     * Scans a maximal run of token characters and strings starting at {@code start} into
     * {@code out}. Inside annotations, characters that no token may contain (controls, non-ASCII
     * outside strings) are an "illegal character".
     */
    private int scanRun(int start, Tokens out, boolean inAnnotation) {
        if (text.charAt(start) == '$') {
            int end = quotedIdentifier(start, out);
            if (end >= 0) {
                return end;
            }
        }
        int i = start;
        int strings = 0;
        boolean others = false;
        boolean allIdChars = true;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"') {
                i = scanString(i);
                strings++;
            } else if (endsRun(c) || c == ';' && i + 1 < length && text.charAt(i + 1) == ';') {
                break;
            } else {
                if (!isIdChar(c)) {
                    allIdChars = false;
                    if (inAnnotation && (c < 0x20 || c >= 0x7F)) {
                        skipChar(i); // an unpaired surrogate is malformed UTF-8 rather than a character
                        throw error("illegal character", i);
                    }
                }
                others = true;
                i = skipChar(i);
            }
        }
        TokenKind kind;
        if (strings > 0) {
            kind = strings == 1 && !others ? TokenKind.STRING : TokenKind.RESERVED;
        } else if (!allIdChars) {
            kind = TokenKind.RESERVED;
        } else if (i - start == 1 && text.charAt(start) == '$') {
            throw error("empty identifier", start);
        } else {
            kind = classifyIdRun(start, i);
        }
        Object keyword = kind == TokenKind.KEYWORD ? KeywordTable.lookup(text, start, i) : null;
        out.add(kind, start, i, keyword);
        return i;
    }

    /**
     * A quoted identifier {@code $"name"} (Wasm 3.0, spec §6.3.5) at {@code start}: added to
     * {@code out} with its name, and the offset after it returned. Returns -1 when the run is not
     * one (a {@code $} before an identifier character, or a string followed by more token
     * characters: one reserved token). A {@code $} before anything else, a string that does not
     * lex or is empty is an "empty identifier"; a name that is not UTF-8 is malformed.
     */
    private int quotedIdentifier(int start, Tokens out) {
        int i = start + 1;
        if (i < length && isIdChar(text.charAt(i))) {
            return -1;
        }
        if (i >= length || text.charAt(i) != '"') {
            if (i < length && !endsRun(text.charAt(i)) && text.charAt(i) != ';') {
                return -1; // $ glued to other reserved characters: a reserved token
            }
            throw error("empty identifier", start);
        }
        int close;
        try {
            close = scanString(i);
        } catch (MalformedModuleException e) {
            throw error("empty identifier", start);
        }
        if (close < length && !endsRun(text.charAt(close)) && !(text.charAt(close) == ';' && close + 1 < length && text.charAt(close + 1) == ';')) {
            return -1;
        }
        byte[] bytes = StringLiteral.bytes(text, i, close);
        if (bytes.length == 0) {
            throw error("empty identifier", start);
        }
        String name = StringLiteral.utf8OrNull(bytes);
        if (name == null) {
            throw error("malformed UTF-8 encoding", start);
        }
        out.add(TokenKind.ID, start, close, "$" + name);
        return close;
    }

    private TokenKind classifyIdRun(int start, int end) {
        char first = text.charAt(start);
        if (first == '$') {
            return end - start > 1 ? TokenKind.ID : TokenKind.RESERVED;
        }
        TokenKind number = NumberLiteral.classify(text, start, end);
        if (number != null) {
            return number;
        }
        return first >= 'a' && first <= 'z' ? TokenKind.KEYWORD : TokenKind.RESERVED;
    }

    /**
     * Checks a string literal (spec §6.3.3) starting at the quote at {@code start} and returns
     * the offset after its closing quote. Its bytes are decoded later by {@link StringLiteral}.
     */
    private int scanString(int start) {
        int i = start + 1;
        while (true) {
            if (i >= length) {
                throw error("unclosed string literal", start);
            }
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = scanEscape(i);
            } else if (c == '\n') {
                throw error("unclosed string literal", start);
            } else if (c < 0x20 || c == 0x7F) {
                throw error("illegal control character in string literal", i);
            } else {
                i = skipChar(i);
            }
        }
    }

    private int scanEscape(int backslash) {
        int i = backslash + 1;
        if (i >= length) {
            throw error("unclosed string literal", backslash);
        }
        char c = text.charAt(i);
        switch (c) {
            case 'n', 'r', 't', '\\', '\'', '"' -> {
                return i + 1;
            }
            case 'u' -> {
                if (i + 1 >= length || text.charAt(i + 1) != '{') {
                    throw error("illegal escape", backslash);
                }
                int j = i + 2;
                long value = 0;
                int digits = 0;
                boolean underscoreOk = false;
                while (j < length && text.charAt(j) != '}') {
                    char d = text.charAt(j);
                    if (d == '_' && underscoreOk) {
                        underscoreOk = false;
                    } else {
                        if (!isHexDigit(d)) {
                            throw error("illegal escape", backslash);
                        }
                        int v = Character.digit(d, 16);
                        value = Math.min(value * 16 + v, 0x7FFF_FFFFL);
                        digits++;
                        underscoreOk = true;
                    }
                    j++;
                }
                if (j >= length || digits == 0 || !underscoreOk || value >= 0x11_0000 || value >= 0xD800 && value < 0xE000) {
                    throw error("illegal escape", backslash);
                }
                return j + 1;
            }
            default -> {
                if (isHexDigit(c) && i + 1 < length && isHexDigit(text.charAt(i + 1))) {
                    return i + 2;
                }
                throw error("illegal escape", backslash);
            }
        }
    }

    static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
