package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;

import java.util.Arrays;

/**
 * The lexer of the text format (spec §6.2 "Lexical Format"): splits a source text into
 * {@link Tokens}, skipping white space, line comments and nested block comments.
 *
 * <p>Tokens other than parentheses are maximal runs of token characters: identifier characters
 * (spec §6.3.5 "idchar"), string literals and the characters the spec reserves. Following the
 * longest-match rule, a run is a single token, so a keyword or number glued to another token
 * ({@code i32.const0}, {@code 0drop}, {@code $l"a"}, {@code "a""b"}) becomes one
 * {@link TokenKind#RESERVED} token, which the parser reports as "unknown operator". Errors that the
 * reference interpreter's lexer raises (unclosed strings and comments, illegal escapes and control
 * characters, malformed UTF-8) are raised here with its wording.
 */
final class Lexer {
    private final String text;
    private final int length;
    private final Tokens tokens;
    private int[] openStack = new int[64];
    private int openCount;

    private Lexer(String text) {
        this.text = text;
        this.length = text.length();
        this.tokens = new Tokens(text);
    }

    static Tokens tokenize(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private MalformedModuleException error(String reason, int offset) {
        return tokens.errorAt(reason, offset);
    }

    private void run() {
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\r' -> i++;
                case '(' -> {
                    if (i + 1 < length && text.charAt(i + 1) == ';') {
                        i = skipBlockComment(i);
                    } else if (startsAnnotation(i)) {
                        i = skipAnnotation(i);
                    } else {
                        int index = tokens.add(TokenKind.LPAR, i, i + 1, null);
                        if (openCount == openStack.length) {
                            openStack = Arrays.copyOf(openStack, openCount * 2);
                        }
                        openStack[openCount++] = index;
                        i++;
                    }
                }
                case ')' -> {
                    int index = tokens.add(TokenKind.RPAR, i, i + 1, null);
                    if (openCount > 0) {
                        tokens.setPartner(openStack[--openCount], index);
                    }
                    i++;
                }
                default -> {
                    if (c == ';' && i + 1 < length && text.charAt(i + 1) == ';') {
                        i = skipLineComment(i);
                    } else {
                        i = scanRun(i);
                    }
                }
            }
        }
        tokens.add(TokenKind.EOF, length, length, null);
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

    private boolean startsAnnotation(int i) {
        return i + 2 < length && text.charAt(i + 1) == '@' && (isIdChar(text.charAt(i + 2)) || text.charAt(i + 2) == '"');
    }

    /**
     * Skips an annotation {@code (@id ...)} (the annotations of Wasm 3.0, spec §6.2.4 there):
     * balanced parentheses, strings and comments, ignored like white space.
     */
    private int skipAnnotation(int start) {
        int depth = 0;
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"') {
                i = scanString(i);
            } else if (c == '(' && i + 1 < length && text.charAt(i + 1) == ';') {
                i = skipBlockComment(i);
            } else if (c == ';' && i + 1 < length && text.charAt(i + 1) == ';') {
                i = skipLineComment(i);
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
                if (depth == 0) {
                    return i;
                }
            } else {
                i = skipChar(i);
            }
        }
        throw error("unclosed annotation", start);
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

    /** Scans a maximal run of token characters and strings starting at {@code start}. */
    private int scanRun(int start) {
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
        } else {
            kind = classifyIdRun(start, i);
        }
        Object keyword = kind == TokenKind.KEYWORD ? KeywordTable.lookup(text, start, i) : null;
        tokens.add(kind, start, i, keyword);
        return i;
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
