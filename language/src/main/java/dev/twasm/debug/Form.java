package dev.twasm.debug;

/**
 * The attribute forms (DWARF 5 §7.5.6, {@code DW_FORM_*}, plus the GNU extensions of DWARF 4 that
 * clang and GCC emit), each with the class of value it encodes; {@link Unit#readValue} reads them.
 */
enum Form {
    ADDR(0x01, Kind.ADDRESS),
    BLOCK2(0x03, Kind.BLOCK),
    BLOCK4(0x04, Kind.BLOCK),
    DATA2(0x05, Kind.CONSTANT),
    DATA4(0x06, Kind.CONSTANT),
    DATA8(0x07, Kind.CONSTANT),
    STRING(0x08, Kind.STRING),
    BLOCK(0x09, Kind.BLOCK),
    BLOCK1(0x0a, Kind.BLOCK),
    DATA1(0x0b, Kind.CONSTANT),
    FLAG(0x0c, Kind.CONSTANT),
    SDATA(0x0d, Kind.CONSTANT),
    STRP(0x0e, Kind.STRING),
    UDATA(0x0f, Kind.CONSTANT),
    REF_ADDR(0x10, Kind.REFERENCE),
    REF1(0x11, Kind.REFERENCE),
    REF2(0x12, Kind.REFERENCE),
    REF4(0x13, Kind.REFERENCE),
    REF8(0x14, Kind.REFERENCE),
    REF_UDATA(0x15, Kind.REFERENCE),
    INDIRECT(0x16, Kind.CONSTANT),
    SEC_OFFSET(0x17, Kind.CONSTANT),
    EXPRLOC(0x18, Kind.BLOCK),
    FLAG_PRESENT(0x19, Kind.CONSTANT),
    STRX(0x1a, Kind.STRING),
    ADDRX(0x1b, Kind.ADDRESS),
    REF_SUP4(0x1c, Kind.OTHER),
    STRP_SUP(0x1d, Kind.OTHER),
    DATA16(0x1e, Kind.OTHER),
    LINE_STRP(0x1f, Kind.STRING),
    REF_SIG8(0x20, Kind.OTHER),
    IMPLICIT_CONST(0x21, Kind.CONSTANT),
    LOCLISTX(0x22, Kind.CONSTANT),
    RNGLISTX(0x23, Kind.CONSTANT),
    REF_SUP8(0x24, Kind.OTHER),
    STRX1(0x25, Kind.STRING),
    STRX2(0x26, Kind.STRING),
    STRX3(0x27, Kind.STRING),
    STRX4(0x28, Kind.STRING),
    ADDRX1(0x29, Kind.ADDRESS),
    ADDRX2(0x2a, Kind.ADDRESS),
    ADDRX3(0x2b, Kind.ADDRESS),
    ADDRX4(0x2c, Kind.ADDRESS),
    GNU_ADDR_INDEX(0x1f01, Kind.ADDRESS),
    GNU_STR_INDEX(0x1f02, Kind.STRING),
    GNU_REF_ALT(0x1f20, Kind.OTHER),
    GNU_STRP_ALT(0x1f21, Kind.OTHER);

    /** The class of value a form encodes (DWARF 5 §7.5.5). */
    enum Kind {
        ADDRESS,
        BLOCK,
        CONSTANT,
        REFERENCE,
        STRING,
        /** A value this decoder reads past but does not use (supplementary files, type signatures, 16-byte data). */
        OTHER
    }

    final int code;
    final Kind kind;

    Form(int code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    private static final Form[] BY_CODE = new Form[0x2d];

    static {
        for (Form form : values()) {
            if (form.code < BY_CODE.length) {
                BY_CODE[form.code] = form;
            }
        }
    }

    /** The form of this code, or null for an unknown one (whose size cannot be known, so its unit is unreadable). */
    static Form of(long code) {
        if (code >= 0 && code < BY_CODE.length) {
            return BY_CODE[(int) code];
        }
        for (Form form : values()) {
            if (form.code == code) {
                return form;
            }
        }
        return null;
    }
}
