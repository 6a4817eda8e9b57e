package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The value of a string literal (spec §6.3.3 "Strings"): a sequence of bytes, where characters
 * stand for their UTF-8 encoding and {@code \hh} escapes for single bytes. Names (spec §6.3.4) are
 * strings whose bytes must be valid UTF-8. The lexer has already checked the literal's syntax.
 */
final class StringLiteral {
    private StringLiteral() {
    }

    /** The bytes of the string literal {@code text[start, end)}, quotes included. */
    static byte[] bytes(String text, int start, int end) {
        int from = start + 1;
        int to = end - 1;
        boolean simple = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c >= 0x80) {
                simple = false;
                break;
            }
        }
        if (simple) {
            byte[] result = new byte[to - from];
            for (int i = from; i < to; i++) {
                result[i - from] = (byte) text.charAt(i);
            }
            return result;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c != '\\') {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                writeUtf8(out, cp);
                continue;
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case '\'' -> out.write('\'');
                case '"' -> out.write('"');
                case 'u' -> {
                    int close = text.indexOf('}', i);
                    int cp = 0;
                    for (int j = i + 3; j < close; j++) {
                        if (text.charAt(j) != '_') {
                            cp = cp * 16 + Character.digit(text.charAt(j), 16);
                        }
                    }
                    writeUtf8(out, cp);
                    i = close + 1;
                    continue;
                }
                default -> {
                    out.write(Character.digit(e, 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                    i += 3;
                    continue;
                }
            }
            i += 2;
        }
        return out.toByteArray();
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    /** Decodes a name: strict UTF-8, or null when the bytes are not valid UTF-8. */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Decodes source text given as bytes (the strings of {@code (module quote ...)}). Valid UTF-8
     * is decoded; each byte of an invalid sequence becomes an unpaired surrogate
     * {@code U+DC80..U+DCFF}, which the lexer rejects as "malformed UTF-8 encoding" if the parser
     * reaches it, so no byte is silently lost or replaced.
     */
    static String decodeSource(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                sb.append((char) b);
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                sb.append((char) (0xDC00 | b));
                i++;
                continue;
            }
            int cp = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                cp = cp << 6 | bytes[i + k] & 0x3F;
            }
            sb.appendCodePoint(cp);
            i += length;
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 if it is invalid. */
    private static int sequenceLength(byte[] bytes, int i) {
        int b = bytes[i] & 0xFF;
        int length;
        int min;
        int max = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            min = b == 0xE0 ? 0xA0 : 0x80;
            max = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            min = b == 0xF0 ? 0x90 : 0x80;
            max = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int cont = bytes[i + k] & 0xFF;
            if (cont < 0x80 || cont > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    static MalformedModuleException malformedUtf8(Tokens tokens, int token) {
        return tokens.errorAtToken("malformed UTF-8 encoding", token);
    }
}
