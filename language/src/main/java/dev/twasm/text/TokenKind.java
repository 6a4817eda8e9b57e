package dev.twasm.text;

/**
 * The kinds of tokens of the text format (spec §6.2.2 "Tokens"). Numbers are split
 * by shape the way the reference interpreter does: an unsigned integer ({@code uN}), a signed
 * integer ({@code sN}) and a float ({@code fN}); which one an instruction accepts is decided by the
 * parser.
 */
enum TokenKind {
    LPAR,
    RPAR,
    /** A keyword: a run of identifier characters starting with a lowercase letter. */
    KEYWORD,
    /** An identifier: {@code $} followed by at least one identifier character. */
    ID,
    /** An integer literal without sign. */
    NAT,
    /** An integer literal with sign. */
    INT,
    /** A float literal: with a fraction or exponent, or {@code inf}, {@code nan}, {@code nan:0x...}. */
    FLOAT,
    STRING,
    /** Any other run of token characters (spec "reserved"): always an error where it is met. */
    RESERVED,
    EOF
}
