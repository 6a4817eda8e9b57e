package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Opcode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<String> kinds(String text) {
        Tokens tokens = Lexer.tokenize(text);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < tokens.count() - 1; i++) {
            result.add(tokens.kind(i) + ":" + tokens.text(i));
        }
        return result;
    }

    private static String lexError(String text) {
        return assertThrows(MalformedModuleException.class, () -> Lexer.tokenize(text)).reason();
    }

    @Test
    void tokensAndSeparators() {
        assertEquals(List.of("LPAR:(", "KEYWORD:func", "ID:$f", "LPAR:(", "KEYWORD:nop", "RPAR:)", "KEYWORD:nop", "RPAR:)"), kinds("(func $f(nop)nop)"));
        assertEquals(List.of("NAT:0x1_0000", "INT:-1", "FLOAT:1.5e3", "FLOAT:nan:0x1", "FLOAT:-inf", "STRING:\"a b\"", "KEYWORD:offset=4"),
                        kinds("0x1_0000 -1 1.5e3 nan:0x1 -inf \"a b\" offset=4"));
        assertEquals(List.of("RESERVED:0drop", "RESERVED:$l\"a\"", "RESERVED:\"a\"\"b\"", "RESERVED:$\"a\"b", "KEYWORD:i32.const0", "RESERVED:1_",
                        "RESERVED:a,b"), kinds("0drop $l\"a\" \"a\"\"b\" $\"a\"b i32.const0 1_ a,b"));
        // Wasm 3.0: quoted identifiers, and a lone $ is an empty one
        assertEquals(List.of("ID:$\"a b\"", "ID:$c"), kinds("$\"a b\" $c"));
        assertEquals("$a b", Lexer.tokenize("$\"a\\20b\"").id(0));
        assertTrue(assertThrows(MalformedModuleException.class, () -> Lexer.tokenize("(func $ )")).getMessage().contains("empty identifier"));
        assertEquals(List.of("KEYWORD:a", "KEYWORD:b", "KEYWORD:c", "KEYWORD:d"), kinds("a;;x\nb(;x(;y;)z;)c ;; x\rd"));
        assertEquals(List.of("LPAR:(", "KEYWORD:module", "RPAR:)"), kinds("(@a (x \")\") (;);) ;; )\n)(module (@b))"));
    }

    @Test
    void keywordsAreTagged() {
        Tokens tokens = Lexer.tokenize("i32.add func nan:canonical foo");
        assertSame(Opcode.I32_ADD, tokens.keyword(0));
        assertSame(Keyword.FUNC, tokens.keyword(1));
        assertSame(Keyword.NAN_CANONICAL, tokens.keyword(2));
        assertEquals(null, tokens.keyword(3));
    }

    @Test
    void matchingParentheses() {
        Tokens tokens = Lexer.tokenize("(a (b) (c (d)))(");
        assertEquals(11, tokens.partner(0));
        assertEquals(4, tokens.partner(2));
        assertEquals(10, tokens.partner(7 - 2));
        assertEquals(-1, tokens.partner(12));
    }

    @Test
    void lexicalErrors() {
        assertEquals("unclosed string literal", lexError("\"abc"));
        assertEquals("unclosed string literal", lexError("\"ab\nc\""));
        assertEquals("illegal control character in string literal", lexError("\"a\tb\""));
        assertEquals("illegal escape", lexError("\"\\q\""));
        assertEquals("illegal escape", lexError("\"\\u{d800}\""));
        assertEquals("illegal escape", lexError("\"\\u{110000}\""));
        assertEquals("illegal escape", lexError("\"\\4\""));
        assertEquals("unclosed comment", lexError("(; (; ;)"));
        assertEquals("malformed UTF-8 encoding", lexError("(; \uD800 ;)"));
        assertEquals("malformed UTF-8 encoding", lexError(StringLiteral.decodeSource(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'})));
    }

    @Test
    void errorLocations() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> Lexer.tokenize("(module\n  \"abc"));
        assertEquals("at line 2, column 3", e.location());
    }

    @Test
    void sourceDecodingKeepsInvalidBytes() {
        assertEquals("a\u00e9\uDCFFb", StringLiteral.decodeSource(new byte[] {'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 'b'}));
        assertEquals("\uDCED\uDCA0\uDC80", StringLiteral.decodeSource(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }
}
