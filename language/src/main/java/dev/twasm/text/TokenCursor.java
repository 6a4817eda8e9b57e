package dev.twasm.text;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.HeapType;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;
import dev.twasm.text.script.VectorShape;

import java.io.ByteArrayOutputStream;

/**
 * A position in a {@link Tokens} sequence with the small parsing steps every production of the
 * text and script grammars is built from: expecting parentheses and keywords, reading strings,
 * names, identifiers and unsigned integers, and reporting errors with the reference interpreter's
 * wording ("unexpected token", or "unknown operator" for reserved tokens and unknown keywords).
 */
class TokenCursor {
    final Tokens tokens;
    int pos;
    /** The meaningful annotations of the module being parsed, or null outside modules (scripts). */
    ModuleAnnotations annotations;

    TokenCursor(Tokens tokens) {
        this.tokens = tokens;
    }

    final TokenKind kind() {
        return tokens.kind(pos);
    }

    final TokenKind kind(int i) {
        return tokens.kind(i);
    }

    final Object keyword() {
        return tokens.keyword(pos);
    }

    final boolean at(TokenKind kind) {
        return tokens.kind(pos) == kind;
    }

    final boolean atKeyword(Keyword k) {
        return tokens.keyword(pos) == k;
    }

    /** Whether the cursor is at {@code (} followed by keyword {@code k}. */
    final boolean atForm(Object k) {
        return tokens.kind(pos) == TokenKind.LPAR && tokens.keyword(pos + 1) == k;
    }

    /**
     * The type names of the module being parsed, for concrete heap types ({@code (ref $t)}), or
     * null outside modules.
     */
    IndexSpace typeNames;

    /** Whether token {@code i} starts a value type: a type keyword or {@code (ref}. */
    final boolean isValType(int i) {
        return tokens.keyword(i) instanceof Keyword k && k.valType() != null
                        || tokens.kind(i) == TokenKind.LPAR && tokens.keyword(i + 1) == Keyword.REF;
    }

    /** The token after the value type that starts at token {@code i} ({@link #isValType}). */
    final int afterValType(int i) {
        if (tokens.kind(i) != TokenKind.LPAR) {
            return i + 1;
        }
        int j = i + 2;
        if (tokens.keyword(j) == Keyword.NULL) {
            j++;
        }
        return tokens.kind(j + 1) == TokenKind.RPAR ? j + 2 : j + 1;
    }

    /** The error for the current token not fitting the grammar here. */
    final MalformedModuleException unexpected() {
        return unexpected(pos);
    }

    final MalformedModuleException unexpected(int i) {
        TokenKind k = tokens.kind(i);
        if (k == TokenKind.RESERVED || k == TokenKind.KEYWORD && tokens.keyword(i) == null && !isMemargKeyword(i)) {
            String text = tokens.text(i);
            return tokens.errorAtToken("unknown operator " + (text.length() > 60 ? text.substring(0, 60) + "..." : text), i);
        }
        return tokens.errorAtToken("unexpected token", i);
    }

    /** {@code offset=N} and {@code align=N} are keywords the lexer cannot tag by table lookup. */
    final boolean isMemargKeyword(int i) {
        return memargValue(i, "offset=") != null || memargValue(i, "align=") != null;
    }

    /** The NAT text after {@code prefix} if token {@code i} is {@code prefix} + a NAT, else null. */
    final String memargValue(int i, String prefix) {
        if (tokens.kind(i) != TokenKind.KEYWORD || !tokens.textStartsWith(i, prefix)) {
            return null;
        }
        int start = tokens.start(i) + prefix.length();
        int end = tokens.end(i);
        return NumberLiteral.classify(tokens.source(), start, end) == TokenKind.NAT ? tokens.source().substring(start, end) : null;
    }

    final MalformedModuleException error(String reason, int token) {
        return tokens.errorAtToken(reason, token);
    }

    final MalformedModuleException error(String reason) {
        return tokens.errorAtToken(reason, pos);
    }

    final void expect(TokenKind kind) {
        if (tokens.kind(pos) != kind) {
            throw unexpected();
        }
        pos++;
    }

    final void expectLPar() {
        expect(TokenKind.LPAR);
    }

    final void expectRPar() {
        expect(TokenKind.RPAR);
    }

    final void expectKeyword(Object k) {
        if (tokens.keyword(pos) != k) {
            throw unexpected();
        }
        pos++;
    }

    /** Consumes {@code (} and keyword {@code k}. */
    final void expectForm(Object k) {
        expectLPar();
        expectKeyword(k);
    }

    /** Consumes an identifier if there is one and returns its text (with {@code $}), else null. */
    final String optionalId() {
        if (tokens.kind(pos) == TokenKind.ID) {
            return tokens.id(pos++);
        }
        return null;
    }

    final byte[] string() {
        if (tokens.kind(pos) != TokenKind.STRING) {
            throw unexpected();
        }
        byte[] bytes = StringLiteral.bytes(tokens.source(), tokens.start(pos), tokens.end(pos));
        pos++;
        return bytes;
    }

    /** A name (spec §6.3.4): a string whose bytes are valid UTF-8. */
    final String name() {
        int at = pos;
        String name = StringLiteral.utf8OrNull(string());
        if (name == null) {
            throw StringLiteral.malformedUtf8(tokens, at);
        }
        return name;
    }

    /** Concatenates the strings at the cursor (possibly none). */
    final byte[] strings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (at(TokenKind.STRING)) {
            out.writeBytes(string());
        }
        return out.toByteArray();
    }

    /** An unsigned 32-bit integer token ({@code u32}). */
    final long u32() {
        return natural(NumberLiteral::u32, "i32 constant out of range");
    }

    /** A natural number up to 2^64 - 1 (as a {@code long}), or "i64 constant out of range". */
    final long u64() {
        return natural(NumberLiteral::u64, "i64 constant out of range");
    }

    /** A natural-number token read by {@code reader}, which throws {@code OutOfRange} beyond its range. */
    private long natural(java.util.function.ToLongFunction<String> reader, String outOfRange) {
        if (tokens.kind(pos) != TokenKind.NAT) {
            throw unexpected();
        }
        try {
            return reader.applyAsLong(tokens.text(pos++));
        } catch (NumberLiteral.OutOfRange e) {
            throw error(outOfRange, pos - 1);
        }
    }

    /** A value type: a keyword ({@code i32}, {@code funcref}, ...) or {@code (ref null? heaptype)}. */
    final ValType valType() {
        if (tokens.keyword(pos) instanceof Keyword k && k.valType() != null) {
            pos++;
            return k.valType();
        }
        if (atForm(Keyword.REF)) {
            pos += 2;
            boolean nullable = atKeyword(Keyword.NULL);
            if (nullable) {
                pos++;
            }
            ValType t = heapType(nullable);
            expectRPar();
            return t;
        }
        throw unexpected();
    }

    /** A reference type: a shorthand keyword or {@code (ref null? heaptype)}. */
    final ValType refType() {
        int at = pos;
        if (!isValType(at)) {
            throw unexpected();
        }
        ValType t = valType();
        if (!t.isReference()) {
            throw unexpected(at);
        }
        return t;
    }

    /** The heap type after {@code ref.null}, as the type of its null: {@code func} is {@code funcref}. */
    final ValType heapType() {
        return heapType(true);
    }

    /** A heap type (spec 3.0 §6.4.2): an abstract heap type keyword or a type index. */
    private ValType heapType(boolean nullable) {
        if (tokens.keyword(pos) instanceof Keyword k) {
            for (HeapType h : HeapType.values()) {
                if (h.textName().equals(k.text())) {
                    pos++;
                    return ValType.ref(nullable, h);
                }
            }
        }
        if (typeNames != null && IndexSpace.atReference(this)) {
            return ValType.ref(nullable, IndexSpace.clamp(typeNames.resolve(this)));
        }
        throw unexpected();
    }

    /** The shape of a {@code v128.const} ({@code i8x16}, ..., {@code f64x2}). */
    final VectorShape vectorShape() {
        if (tokens.keyword(pos) instanceof Keyword k && k.shape() != null) {
            pos++;
            return k.shape();
        }
        throw unexpected();
    }

    /**
     * Checks that exactly {@code shape.laneCount()} lane literals follow (spec §6.5.9 "Vector
     * Instructions": {@code v128.const shape num^n}), before any lane is read, as the reference
     * interpreter does: too few or too many numbers are "wrong number of lane literals", whatever
     * their values. With {@code patterns}, {@code nan:canonical} and {@code nan:arithmetic} count as
     * lanes (script result patterns).
     */
    final void expectLaneCount(VectorShape shape, boolean patterns) {
        int lanes = shape.laneCount();
        for (int i = pos; i < pos + lanes; i++) {
            if (!isLaneLiteral(i, patterns)) {
                TokenKind k = tokens.kind(i);
                if (k == TokenKind.RPAR || k == TokenKind.LPAR || k == TokenKind.EOF) {
                    throw error("wrong number of lane literals", i);
                }
                throw unexpected(i);
            }
        }
        if (isLaneLiteral(pos + lanes, patterns)) {
            throw error("wrong number of lane literals", pos + lanes);
        }
    }

    private boolean isLaneLiteral(int i, boolean patterns) {
        TokenKind k = tokens.kind(i);
        if (k == TokenKind.NAT || k == TokenKind.INT || k == TokenKind.FLOAT) {
            return true;
        }
        Object keyword = tokens.keyword(i);
        return patterns && (keyword == Keyword.NAN_CANONICAL || keyword == Keyword.NAN_ARITHMETIC);
    }

    /**
     * One lane literal of {@code shape}: its bits, zero-extended to 64. Integer lanes take integer
     * tokens, signed or unsigned ({@code -2^(N-1) .. 2^N-1}); float lanes any number, with the
     * rules of {@code f32.const} and {@code f64.const}.
     */
    final long laneLiteral(VectorShape shape) {
        TokenKind k = tokens.kind(pos);
        if (!(k == TokenKind.NAT || k == TokenKind.INT || k == TokenKind.FLOAT && shape.isFloat())) {
            throw unexpected();
        }
        String text = tokens.text(pos++);
        try {
            return switch (shape) {
                case F32X4 -> NumberLiteral.f32Bits(text) & 0xFFFF_FFFFL;
                case F64X2 -> NumberLiteral.f64Bits(text);
                case I64X2 -> NumberLiteral.integer(text, 64);
                default -> NumberLiteral.integer(text, shape.laneBits()) & ((1L << shape.laneBits()) - 1);
            };
        } catch (NumberLiteral.OutOfRange e) {
            throw error("constant out of range", pos - 1);
        }
    }

    /** The lanes of a {@code v128.const} after its shape, as the vector's halves {@code {lo, hi}}. */
    final long[] v128Lanes(VectorShape shape) {
        expectLaneCount(shape, false);
        long[] lanes = new long[shape.laneCount()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = laneLiteral(shape);
        }
        return shape.pack(lanes);
    }

    /** Skips a balanced form starting at the {@code (} under the cursor. */
    final void skipForm() {
        int close = tokens.partner(pos);
        if (close < 0) {
            pos = tokens.count() - 1;
            throw unexpected();
        }
        pos = close + 1;
    }

    final boolean atOpcode() {
        return tokens.keyword(pos) instanceof Opcode;
    }
}
