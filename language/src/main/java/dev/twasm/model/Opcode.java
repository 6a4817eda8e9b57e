package dev.twasm.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Every WebAssembly 2.0 instruction except SIMD (spec §2.4 "Instructions", §5.4 "Binary
 * Instructions"), as one table: mnemonic, binary opcode, the kind of immediates that follow it, and
 * for instructions whose typing is a fixed {@code [t1*] -> [t2*]} (numeric, conversion, memory
 * access) that signature.
 *
 * <p>The decoder, text parser, validator and node builder all key off this table, so the
 * instruction set is written down once. Opcodes after the {@code 0xFC} prefix are numbered
 * {@code 0xFC00 | subopcode}. {@code select} with a type annotation ({@code 0x1C}) is
 * {@link #SELECT_T}; both have the mnemonic {@code select}.
 */
public enum Opcode {
    UNREACHABLE(0x00, "unreachable", Immediates.NONE),
    NOP(0x01, "nop", Immediates.NONE),
    BLOCK(0x02, "block", Immediates.BLOCK_TYPE),
    LOOP(0x03, "loop", Immediates.BLOCK_TYPE),
    IF(0x04, "if", Immediates.BLOCK_TYPE),
    ELSE(0x05, "else", Immediates.NONE),
    END(0x0B, "end", Immediates.NONE),
    BR(0x0C, "br", Immediates.LABEL),
    BR_IF(0x0D, "br_if", Immediates.LABEL),
    BR_TABLE(0x0E, "br_table", Immediates.BR_TABLE),
    RETURN(0x0F, "return", Immediates.NONE),
    CALL(0x10, "call", Immediates.FUNC),
    CALL_INDIRECT(0x11, "call_indirect", Immediates.CALL_INDIRECT),
    DROP(0x1A, "drop", Immediates.NONE),
    SELECT(0x1B, "select", Immediates.NONE),
    SELECT_T(0x1C, "select", Immediates.SELECT_TYPES),
    LOCAL_GET(0x20, "local.get", Immediates.LOCAL),
    LOCAL_SET(0x21, "local.set", Immediates.LOCAL),
    LOCAL_TEE(0x22, "local.tee", Immediates.LOCAL),
    GLOBAL_GET(0x23, "global.get", Immediates.GLOBAL),
    GLOBAL_SET(0x24, "global.set", Immediates.GLOBAL),
    TABLE_GET(0x25, "table.get", Immediates.TABLE),
    TABLE_SET(0x26, "table.set", Immediates.TABLE),
    I32_LOAD(0x28, "i32.load", Immediates.MEMARG, "i:i", 2),
    I64_LOAD(0x29, "i64.load", Immediates.MEMARG, "i:l", 3),
    F32_LOAD(0x2A, "f32.load", Immediates.MEMARG, "i:f", 2),
    F64_LOAD(0x2B, "f64.load", Immediates.MEMARG, "i:d", 3),
    I32_LOAD8_S(0x2C, "i32.load8_s", Immediates.MEMARG, "i:i", 0),
    I32_LOAD8_U(0x2D, "i32.load8_u", Immediates.MEMARG, "i:i", 0),
    I32_LOAD16_S(0x2E, "i32.load16_s", Immediates.MEMARG, "i:i", 1),
    I32_LOAD16_U(0x2F, "i32.load16_u", Immediates.MEMARG, "i:i", 1),
    I64_LOAD8_S(0x30, "i64.load8_s", Immediates.MEMARG, "i:l", 0),
    I64_LOAD8_U(0x31, "i64.load8_u", Immediates.MEMARG, "i:l", 0),
    I64_LOAD16_S(0x32, "i64.load16_s", Immediates.MEMARG, "i:l", 1),
    I64_LOAD16_U(0x33, "i64.load16_u", Immediates.MEMARG, "i:l", 1),
    I64_LOAD32_S(0x34, "i64.load32_s", Immediates.MEMARG, "i:l", 2),
    I64_LOAD32_U(0x35, "i64.load32_u", Immediates.MEMARG, "i:l", 2),
    I32_STORE(0x36, "i32.store", Immediates.MEMARG, "ii:", 2),
    I64_STORE(0x37, "i64.store", Immediates.MEMARG, "il:", 3),
    F32_STORE(0x38, "f32.store", Immediates.MEMARG, "if:", 2),
    F64_STORE(0x39, "f64.store", Immediates.MEMARG, "id:", 3),
    I32_STORE8(0x3A, "i32.store8", Immediates.MEMARG, "ii:", 0),
    I32_STORE16(0x3B, "i32.store16", Immediates.MEMARG, "ii:", 1),
    I64_STORE8(0x3C, "i64.store8", Immediates.MEMARG, "il:", 0),
    I64_STORE16(0x3D, "i64.store16", Immediates.MEMARG, "il:", 1),
    I64_STORE32(0x3E, "i64.store32", Immediates.MEMARG, "il:", 2),
    MEMORY_SIZE(0x3F, "memory.size", Immediates.MEMORY),
    MEMORY_GROW(0x40, "memory.grow", Immediates.MEMORY),
    I32_CONST(0x41, "i32.const", Immediates.I32),
    I64_CONST(0x42, "i64.const", Immediates.I64),
    F32_CONST(0x43, "f32.const", Immediates.F32),
    F64_CONST(0x44, "f64.const", Immediates.F64),
    I32_EQZ(0x45, "i32.eqz", Immediates.NONE, "i:i"),
    I32_EQ(0x46, "i32.eq", Immediates.NONE, "ii:i"),
    I32_NE(0x47, "i32.ne", Immediates.NONE, "ii:i"),
    I32_LT_S(0x48, "i32.lt_s", Immediates.NONE, "ii:i"),
    I32_LT_U(0x49, "i32.lt_u", Immediates.NONE, "ii:i"),
    I32_GT_S(0x4A, "i32.gt_s", Immediates.NONE, "ii:i"),
    I32_GT_U(0x4B, "i32.gt_u", Immediates.NONE, "ii:i"),
    I32_LE_S(0x4C, "i32.le_s", Immediates.NONE, "ii:i"),
    I32_LE_U(0x4D, "i32.le_u", Immediates.NONE, "ii:i"),
    I32_GE_S(0x4E, "i32.ge_s", Immediates.NONE, "ii:i"),
    I32_GE_U(0x4F, "i32.ge_u", Immediates.NONE, "ii:i"),
    I64_EQZ(0x50, "i64.eqz", Immediates.NONE, "l:i"),
    I64_EQ(0x51, "i64.eq", Immediates.NONE, "ll:i"),
    I64_NE(0x52, "i64.ne", Immediates.NONE, "ll:i"),
    I64_LT_S(0x53, "i64.lt_s", Immediates.NONE, "ll:i"),
    I64_LT_U(0x54, "i64.lt_u", Immediates.NONE, "ll:i"),
    I64_GT_S(0x55, "i64.gt_s", Immediates.NONE, "ll:i"),
    I64_GT_U(0x56, "i64.gt_u", Immediates.NONE, "ll:i"),
    I64_LE_S(0x57, "i64.le_s", Immediates.NONE, "ll:i"),
    I64_LE_U(0x58, "i64.le_u", Immediates.NONE, "ll:i"),
    I64_GE_S(0x59, "i64.ge_s", Immediates.NONE, "ll:i"),
    I64_GE_U(0x5A, "i64.ge_u", Immediates.NONE, "ll:i"),
    F32_EQ(0x5B, "f32.eq", Immediates.NONE, "ff:i"),
    F32_NE(0x5C, "f32.ne", Immediates.NONE, "ff:i"),
    F32_LT(0x5D, "f32.lt", Immediates.NONE, "ff:i"),
    F32_GT(0x5E, "f32.gt", Immediates.NONE, "ff:i"),
    F32_LE(0x5F, "f32.le", Immediates.NONE, "ff:i"),
    F32_GE(0x60, "f32.ge", Immediates.NONE, "ff:i"),
    F64_EQ(0x61, "f64.eq", Immediates.NONE, "dd:i"),
    F64_NE(0x62, "f64.ne", Immediates.NONE, "dd:i"),
    F64_LT(0x63, "f64.lt", Immediates.NONE, "dd:i"),
    F64_GT(0x64, "f64.gt", Immediates.NONE, "dd:i"),
    F64_LE(0x65, "f64.le", Immediates.NONE, "dd:i"),
    F64_GE(0x66, "f64.ge", Immediates.NONE, "dd:i"),
    I32_CLZ(0x67, "i32.clz", Immediates.NONE, "i:i"),
    I32_CTZ(0x68, "i32.ctz", Immediates.NONE, "i:i"),
    I32_POPCNT(0x69, "i32.popcnt", Immediates.NONE, "i:i"),
    I32_ADD(0x6A, "i32.add", Immediates.NONE, "ii:i"),
    I32_SUB(0x6B, "i32.sub", Immediates.NONE, "ii:i"),
    I32_MUL(0x6C, "i32.mul", Immediates.NONE, "ii:i"),
    I32_DIV_S(0x6D, "i32.div_s", Immediates.NONE, "ii:i"),
    I32_DIV_U(0x6E, "i32.div_u", Immediates.NONE, "ii:i"),
    I32_REM_S(0x6F, "i32.rem_s", Immediates.NONE, "ii:i"),
    I32_REM_U(0x70, "i32.rem_u", Immediates.NONE, "ii:i"),
    I32_AND(0x71, "i32.and", Immediates.NONE, "ii:i"),
    I32_OR(0x72, "i32.or", Immediates.NONE, "ii:i"),
    I32_XOR(0x73, "i32.xor", Immediates.NONE, "ii:i"),
    I32_SHL(0x74, "i32.shl", Immediates.NONE, "ii:i"),
    I32_SHR_S(0x75, "i32.shr_s", Immediates.NONE, "ii:i"),
    I32_SHR_U(0x76, "i32.shr_u", Immediates.NONE, "ii:i"),
    I32_ROTL(0x77, "i32.rotl", Immediates.NONE, "ii:i"),
    I32_ROTR(0x78, "i32.rotr", Immediates.NONE, "ii:i"),
    I64_CLZ(0x79, "i64.clz", Immediates.NONE, "l:l"),
    I64_CTZ(0x7A, "i64.ctz", Immediates.NONE, "l:l"),
    I64_POPCNT(0x7B, "i64.popcnt", Immediates.NONE, "l:l"),
    I64_ADD(0x7C, "i64.add", Immediates.NONE, "ll:l"),
    I64_SUB(0x7D, "i64.sub", Immediates.NONE, "ll:l"),
    I64_MUL(0x7E, "i64.mul", Immediates.NONE, "ll:l"),
    I64_DIV_S(0x7F, "i64.div_s", Immediates.NONE, "ll:l"),
    I64_DIV_U(0x80, "i64.div_u", Immediates.NONE, "ll:l"),
    I64_REM_S(0x81, "i64.rem_s", Immediates.NONE, "ll:l"),
    I64_REM_U(0x82, "i64.rem_u", Immediates.NONE, "ll:l"),
    I64_AND(0x83, "i64.and", Immediates.NONE, "ll:l"),
    I64_OR(0x84, "i64.or", Immediates.NONE, "ll:l"),
    I64_XOR(0x85, "i64.xor", Immediates.NONE, "ll:l"),
    I64_SHL(0x86, "i64.shl", Immediates.NONE, "ll:l"),
    I64_SHR_S(0x87, "i64.shr_s", Immediates.NONE, "ll:l"),
    I64_SHR_U(0x88, "i64.shr_u", Immediates.NONE, "ll:l"),
    I64_ROTL(0x89, "i64.rotl", Immediates.NONE, "ll:l"),
    I64_ROTR(0x8A, "i64.rotr", Immediates.NONE, "ll:l"),
    F32_ABS(0x8B, "f32.abs", Immediates.NONE, "f:f"),
    F32_NEG(0x8C, "f32.neg", Immediates.NONE, "f:f"),
    F32_CEIL(0x8D, "f32.ceil", Immediates.NONE, "f:f"),
    F32_FLOOR(0x8E, "f32.floor", Immediates.NONE, "f:f"),
    F32_TRUNC(0x8F, "f32.trunc", Immediates.NONE, "f:f"),
    F32_NEAREST(0x90, "f32.nearest", Immediates.NONE, "f:f"),
    F32_SQRT(0x91, "f32.sqrt", Immediates.NONE, "f:f"),
    F32_ADD(0x92, "f32.add", Immediates.NONE, "ff:f"),
    F32_SUB(0x93, "f32.sub", Immediates.NONE, "ff:f"),
    F32_MUL(0x94, "f32.mul", Immediates.NONE, "ff:f"),
    F32_DIV(0x95, "f32.div", Immediates.NONE, "ff:f"),
    F32_MIN(0x96, "f32.min", Immediates.NONE, "ff:f"),
    F32_MAX(0x97, "f32.max", Immediates.NONE, "ff:f"),
    F32_COPYSIGN(0x98, "f32.copysign", Immediates.NONE, "ff:f"),
    F64_ABS(0x99, "f64.abs", Immediates.NONE, "d:d"),
    F64_NEG(0x9A, "f64.neg", Immediates.NONE, "d:d"),
    F64_CEIL(0x9B, "f64.ceil", Immediates.NONE, "d:d"),
    F64_FLOOR(0x9C, "f64.floor", Immediates.NONE, "d:d"),
    F64_TRUNC(0x9D, "f64.trunc", Immediates.NONE, "d:d"),
    F64_NEAREST(0x9E, "f64.nearest", Immediates.NONE, "d:d"),
    F64_SQRT(0x9F, "f64.sqrt", Immediates.NONE, "d:d"),
    F64_ADD(0xA0, "f64.add", Immediates.NONE, "dd:d"),
    F64_SUB(0xA1, "f64.sub", Immediates.NONE, "dd:d"),
    F64_MUL(0xA2, "f64.mul", Immediates.NONE, "dd:d"),
    F64_DIV(0xA3, "f64.div", Immediates.NONE, "dd:d"),
    F64_MIN(0xA4, "f64.min", Immediates.NONE, "dd:d"),
    F64_MAX(0xA5, "f64.max", Immediates.NONE, "dd:d"),
    F64_COPYSIGN(0xA6, "f64.copysign", Immediates.NONE, "dd:d"),
    I32_WRAP_I64(0xA7, "i32.wrap_i64", Immediates.NONE, "l:i"),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", Immediates.NONE, "f:i"),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", Immediates.NONE, "f:i"),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", Immediates.NONE, "d:i"),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", Immediates.NONE, "d:i"),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", Immediates.NONE, "i:l"),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", Immediates.NONE, "i:l"),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", Immediates.NONE, "f:l"),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", Immediates.NONE, "f:l"),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", Immediates.NONE, "d:l"),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", Immediates.NONE, "d:l"),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", Immediates.NONE, "i:f"),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", Immediates.NONE, "i:f"),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", Immediates.NONE, "l:f"),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", Immediates.NONE, "l:f"),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", Immediates.NONE, "d:f"),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", Immediates.NONE, "i:d"),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", Immediates.NONE, "i:d"),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", Immediates.NONE, "l:d"),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", Immediates.NONE, "l:d"),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", Immediates.NONE, "f:d"),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", Immediates.NONE, "f:i"),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", Immediates.NONE, "d:l"),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", Immediates.NONE, "i:f"),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", Immediates.NONE, "l:d"),
    I32_EXTEND8_S(0xC0, "i32.extend8_s", Immediates.NONE, "i:i"),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", Immediates.NONE, "i:i"),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", Immediates.NONE, "l:l"),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", Immediates.NONE, "l:l"),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", Immediates.NONE, "l:l"),
    REF_NULL(0xD0, "ref.null", Immediates.REF_TYPE),
    REF_IS_NULL(0xD1, "ref.is_null", Immediates.NONE),
    REF_FUNC(0xD2, "ref.func", Immediates.FUNC),
    I32_TRUNC_SAT_F32_S(0xFC00, "i32.trunc_sat_f32_s", Immediates.NONE, "f:i"),
    I32_TRUNC_SAT_F32_U(0xFC01, "i32.trunc_sat_f32_u", Immediates.NONE, "f:i"),
    I32_TRUNC_SAT_F64_S(0xFC02, "i32.trunc_sat_f64_s", Immediates.NONE, "d:i"),
    I32_TRUNC_SAT_F64_U(0xFC03, "i32.trunc_sat_f64_u", Immediates.NONE, "d:i"),
    I64_TRUNC_SAT_F32_S(0xFC04, "i64.trunc_sat_f32_s", Immediates.NONE, "f:l"),
    I64_TRUNC_SAT_F32_U(0xFC05, "i64.trunc_sat_f32_u", Immediates.NONE, "f:l"),
    I64_TRUNC_SAT_F64_S(0xFC06, "i64.trunc_sat_f64_s", Immediates.NONE, "d:l"),
    I64_TRUNC_SAT_F64_U(0xFC07, "i64.trunc_sat_f64_u", Immediates.NONE, "d:l"),
    MEMORY_INIT(0xFC08, "memory.init", Immediates.MEMORY_INIT),
    DATA_DROP(0xFC09, "data.drop", Immediates.DATA),
    MEMORY_COPY(0xFC0A, "memory.copy", Immediates.MEMORY_COPY),
    MEMORY_FILL(0xFC0B, "memory.fill", Immediates.MEMORY),
    TABLE_INIT(0xFC0C, "table.init", Immediates.TABLE_INIT),
    ELEM_DROP(0xFC0D, "elem.drop", Immediates.ELEM),
    TABLE_COPY(0xFC0E, "table.copy", Immediates.TABLE_COPY),
    TABLE_GROW(0xFC0F, "table.grow", Immediates.TABLE),
    TABLE_SIZE(0xFC10, "table.size", Immediates.TABLE),
    TABLE_FILL(0xFC11, "table.fill", Immediates.TABLE);

    /** The kind of immediates an instruction carries, in binary order. */
    public enum Immediates {
        NONE,
        /** blocktype */
        BLOCK_TYPE,
        /** labelidx */
        LABEL,
        /** vec(labelidx) labelidx */
        BR_TABLE,
        /** funcidx */
        FUNC,
        /** typeidx tableidx */
        CALL_INDIRECT,
        /** vec(valtype) */
        SELECT_TYPES,
        /** localidx */
        LOCAL,
        /** globalidx */
        GLOBAL,
        /** tableidx */
        TABLE,
        /** memarg: alignment exponent and offset */
        MEMARG,
        /** a memory index (a reserved 0x00 byte in Wasm 2.0) */
        MEMORY,
        I32,
        I64,
        F32,
        F64,
        /** reftype */
        REF_TYPE,
        /** dataidx memidx */
        MEMORY_INIT,
        /** dataidx */
        DATA,
        /** memidx memidx (destination, source) */
        MEMORY_COPY,
        /** elemidx tableidx */
        TABLE_INIT,
        /** elemidx */
        ELEM,
        /** tableidx tableidx (destination, source) */
        TABLE_COPY
    }

    private static final Opcode[] SINGLE_BYTE = new Opcode[256];
    private static final Opcode[] FC_PREFIXED = new Opcode[32];
    private static final Map<String, Opcode> BY_MNEMONIC = new HashMap<>();

    static {
        for (Opcode op : values()) {
            if (op.code < 0x100) {
                SINGLE_BYTE[op.code] = op;
            } else if ((op.code >> 8) == 0xFC) {
                FC_PREFIXED[op.code & 0xFF] = op;
            }
            if (op != SELECT_T) {
                BY_MNEMONIC.put(op.mnemonic, op);
            }
        }
    }

    /** The prefix byte of the {@code 0xFC} instruction group. */
    public static final int PREFIX_FC = 0xFC;
    /** The prefix byte of SIMD instructions (not supported yet). */
    public static final int PREFIX_SIMD = 0xFD;

    private final int code;
    private final String mnemonic;
    private final Immediates immediates;
    private final ValType[] params;
    private final ValType[] results;
    private final int naturalAlignmentLog2;

    Opcode(int code, String mnemonic, Immediates immediates) {
        this(code, mnemonic, immediates, null, -1);
    }

    Opcode(int code, String mnemonic, Immediates immediates, String signature) {
        this(code, mnemonic, immediates, signature, -1);
    }

    Opcode(int code, String mnemonic, Immediates immediates, String signature, int naturalAlignmentLog2) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.immediates = immediates;
        if (signature != null) {
            int colon = signature.indexOf(':');
            this.params = parseTypes(signature.substring(0, colon));
            this.results = parseTypes(signature.substring(colon + 1));
        } else {
            this.params = null;
            this.results = null;
        }
        this.naturalAlignmentLog2 = naturalAlignmentLog2;
    }

    private static ValType[] parseTypes(String s) {
        ValType[] types = new ValType[s.length()];
        for (int i = 0; i < s.length(); i++) {
            types[i] = switch (s.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                default -> throw new IllegalArgumentException(s);
            };
        }
        return types;
    }

    /** The opcode: a byte, or {@code 0xFC00 | subopcode} for the 0xFC group. */
    public int code() {
        return code;
    }

    /** The text-format mnemonic, e.g. {@code i32.add}. */
    public String mnemonic() {
        return mnemonic;
    }

    public Immediates immediates() {
        return immediates;
    }

    /** Whether this instruction has a fixed signature ({@link #params()}, {@link #results()}). */
    public boolean hasFixedSignature() {
        return params != null;
    }

    /** The operand types of a fixed-signature instruction (bottom of stack first), else null. */
    public ValType[] params() {
        return params;
    }

    /** The result types of a fixed-signature instruction, else null. */
    public ValType[] results() {
        return results;
    }

    /** For loads and stores: log2 of the access width in bytes (the largest valid alignment). */
    public int naturalAlignmentLog2() {
        return naturalAlignmentLog2;
    }

    public boolean isMemoryAccess() {
        return immediates == Immediates.MEMARG;
    }

    /** The instruction with single-byte opcode {@code b}, or null when {@code b} is no opcode. */
    public static Opcode fromByte(int b) {
        return SINGLE_BYTE[b & 0xFF];
    }

    /** The instruction with opcode {@code 0xFC sub}, or null when there is none. */
    public static Opcode fromFcSubopcode(long sub) {
        return sub >= 0 && sub < FC_PREFIXED.length ? FC_PREFIXED[(int) sub] : null;
    }

    /** The instruction with this text mnemonic, or null. {@code select} maps to {@link #SELECT}. */
    public static Opcode fromMnemonic(String mnemonic) {
        return BY_MNEMONIC.get(mnemonic);
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
