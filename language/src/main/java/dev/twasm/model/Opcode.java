package dev.twasm.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Every WebAssembly 2.0 instruction, SIMD included, and of Wasm 3.0 the relaxed SIMD instructions
 * the tail calls {@code return_call} and {@code return_call_indirect}, typed function references, and the exception handling
 * instructions (with the legacy ones of the spec's appendix), and the GC instructions ({@code 0xFB}-prefixed,
 * {@code 0xFB00 | subopcode}), and the threads proposal's atomic instructions ({@code 0xFE}-prefixed, {@code 0xFE00 | subopcode})
 * (spec §2.4 "Instructions", §5.4 "Binary Instructions"), as one table: mnemonic, binary opcode,
 * the kind of immediates that follow it, and for instructions whose typing is a fixed
 * {@code [t1*] -> [t2*]} (numeric, conversion, memory access, every vector instruction) that
 * signature.
 *
 * <p>The decoder, text parser, validator and node builder all key off this table, so the
 * instruction set is written down once. Opcodes after the {@code 0xFC} prefix are numbered
 * {@code 0xFC00 | subopcode}, those after the {@code 0xFD} (vector) prefix
 * {@code 0xFD0000 | subopcode}. {@code select} with a type annotation ({@code 0x1C}) is
 * {@link #SELECT_T}; both have the mnemonic {@code select}.
 */
public enum Opcode {
    UNREACHABLE(0x00, "unreachable", Immediates.NONE),
    NOP(0x01, "nop", Immediates.NONE),
    BLOCK(0x02, "block", Immediates.BLOCK_TYPE),
    LOOP(0x03, "loop", Immediates.BLOCK_TYPE),
    IF(0x04, "if", Immediates.BLOCK_TYPE),
    ELSE(0x05, "else", Immediates.NONE),
    /** Legacy exception handling (Wasm 3.0 appendix): {@code try bt instr* (catch x instr*)* (catch_all instr*)? end}. */
    TRY(0x06, "try", Immediates.BLOCK_TYPE),
    CATCH(0x07, "catch", Immediates.TAG),
    THROW(0x08, "throw", Immediates.TAG),
    RETHROW(0x09, "rethrow", Immediates.LABEL),
    THROW_REF(0x0A, "throw_ref", Immediates.NONE),
    END(0x0B, "end", Immediates.NONE),
    BR(0x0C, "br", Immediates.LABEL),
    BR_IF(0x0D, "br_if", Immediates.LABEL),
    BR_TABLE(0x0E, "br_table", Immediates.BR_TABLE),
    RETURN(0x0F, "return", Immediates.NONE),
    CALL(0x10, "call", Immediates.FUNC),
    CALL_INDIRECT(0x11, "call_indirect", Immediates.CALL_INDIRECT),
    RETURN_CALL(0x12, "return_call", Immediates.FUNC),
    RETURN_CALL_INDIRECT(0x13, "return_call_indirect", Immediates.CALL_INDIRECT),
    /** Typed function references (Wasm 3.0): {@code call_ref x} calls a {@code (ref null x)} operand. */
    CALL_REF(0x14, "call_ref", Immediates.TYPE),
    RETURN_CALL_REF(0x15, "return_call_ref", Immediates.TYPE),
    DELEGATE(0x18, "delegate", Immediates.LABEL),
    CATCH_ALL(0x19, "catch_all", Immediates.NONE),
    DROP(0x1A, "drop", Immediates.NONE),
    SELECT(0x1B, "select", Immediates.NONE),
    SELECT_T(0x1C, "select", Immediates.SELECT_TYPES),
    TRY_TABLE(0x1F, "try_table", Immediates.TRY_TABLE),
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
    /** GC (Wasm 3.0): {@code ref.eq}, identity of two {@code eqref}s (value equality of i31s). */
    REF_EQ(0xD3, "ref.eq", Immediates.NONE),
    REF_AS_NON_NULL(0xD4, "ref.as_non_null", Immediates.NONE),
    BR_ON_NULL(0xD5, "br_on_null", Immediates.LABEL),
    BR_ON_NON_NULL(0xD6, "br_on_non_null", Immediates.LABEL),
    // Threads (the threads proposal, "Atomic Memory Accesses"): 0xFE and a u32 subopcode, numbered
    // 0xFE00 | subopcode. Every access takes a memarg whose alignment must be exactly the natural one.
    MEMORY_ATOMIC_NOTIFY(0xFE00, "memory.atomic.notify", Immediates.MEMARG, "ii:i", 2),
    MEMORY_ATOMIC_WAIT32(0xFE01, "memory.atomic.wait32", Immediates.MEMARG, "iil:i", 2),
    MEMORY_ATOMIC_WAIT64(0xFE02, "memory.atomic.wait64", Immediates.MEMARG, "ill:i", 3),
    /** {@code atomic.fence}: its immediate is one reserved zero byte. */
    ATOMIC_FENCE(0xFE03, "atomic.fence", Immediates.ZERO_BYTE),
    I32_ATOMIC_LOAD(0xFE10, "i32.atomic.load", Immediates.MEMARG, "i:i", 2),
    I64_ATOMIC_LOAD(0xFE11, "i64.atomic.load", Immediates.MEMARG, "i:l", 3),
    I32_ATOMIC_LOAD8_U(0xFE12, "i32.atomic.load8_u", Immediates.MEMARG, "i:i", 0),
    I32_ATOMIC_LOAD16_U(0xFE13, "i32.atomic.load16_u", Immediates.MEMARG, "i:i", 1),
    I64_ATOMIC_LOAD8_U(0xFE14, "i64.atomic.load8_u", Immediates.MEMARG, "i:l", 0),
    I64_ATOMIC_LOAD16_U(0xFE15, "i64.atomic.load16_u", Immediates.MEMARG, "i:l", 1),
    I64_ATOMIC_LOAD32_U(0xFE16, "i64.atomic.load32_u", Immediates.MEMARG, "i:l", 2),
    I32_ATOMIC_STORE(0xFE17, "i32.atomic.store", Immediates.MEMARG, "ii:", 2),
    I64_ATOMIC_STORE(0xFE18, "i64.atomic.store", Immediates.MEMARG, "il:", 3),
    I32_ATOMIC_STORE8(0xFE19, "i32.atomic.store8", Immediates.MEMARG, "ii:", 0),
    I32_ATOMIC_STORE16(0xFE1A, "i32.atomic.store16", Immediates.MEMARG, "ii:", 1),
    I64_ATOMIC_STORE8(0xFE1B, "i64.atomic.store8", Immediates.MEMARG, "il:", 0),
    I64_ATOMIC_STORE16(0xFE1C, "i64.atomic.store16", Immediates.MEMARG, "il:", 1),
    I64_ATOMIC_STORE32(0xFE1D, "i64.atomic.store32", Immediates.MEMARG, "il:", 2),
    I32_ATOMIC_RMW_ADD(0xFE1E, "i32.atomic.rmw.add", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_ADD(0xFE1F, "i64.atomic.rmw.add", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_ADD_U(0xFE20, "i32.atomic.rmw8.add_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_ADD_U(0xFE21, "i32.atomic.rmw16.add_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_ADD_U(0xFE22, "i64.atomic.rmw8.add_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_ADD_U(0xFE23, "i64.atomic.rmw16.add_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_ADD_U(0xFE24, "i64.atomic.rmw32.add_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_SUB(0xFE25, "i32.atomic.rmw.sub", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_SUB(0xFE26, "i64.atomic.rmw.sub", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_SUB_U(0xFE27, "i32.atomic.rmw8.sub_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_SUB_U(0xFE28, "i32.atomic.rmw16.sub_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_SUB_U(0xFE29, "i64.atomic.rmw8.sub_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_SUB_U(0xFE2A, "i64.atomic.rmw16.sub_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_SUB_U(0xFE2B, "i64.atomic.rmw32.sub_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_AND(0xFE2C, "i32.atomic.rmw.and", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_AND(0xFE2D, "i64.atomic.rmw.and", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_AND_U(0xFE2E, "i32.atomic.rmw8.and_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_AND_U(0xFE2F, "i32.atomic.rmw16.and_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_AND_U(0xFE30, "i64.atomic.rmw8.and_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_AND_U(0xFE31, "i64.atomic.rmw16.and_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_AND_U(0xFE32, "i64.atomic.rmw32.and_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_OR(0xFE33, "i32.atomic.rmw.or", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_OR(0xFE34, "i64.atomic.rmw.or", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_OR_U(0xFE35, "i32.atomic.rmw8.or_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_OR_U(0xFE36, "i32.atomic.rmw16.or_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_OR_U(0xFE37, "i64.atomic.rmw8.or_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_OR_U(0xFE38, "i64.atomic.rmw16.or_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_OR_U(0xFE39, "i64.atomic.rmw32.or_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_XOR(0xFE3A, "i32.atomic.rmw.xor", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_XOR(0xFE3B, "i64.atomic.rmw.xor", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_XOR_U(0xFE3C, "i32.atomic.rmw8.xor_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_XOR_U(0xFE3D, "i32.atomic.rmw16.xor_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_XOR_U(0xFE3E, "i64.atomic.rmw8.xor_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_XOR_U(0xFE3F, "i64.atomic.rmw16.xor_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_XOR_U(0xFE40, "i64.atomic.rmw32.xor_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_XCHG(0xFE41, "i32.atomic.rmw.xchg", Immediates.MEMARG, "ii:i", 2),
    I64_ATOMIC_RMW_XCHG(0xFE42, "i64.atomic.rmw.xchg", Immediates.MEMARG, "il:l", 3),
    I32_ATOMIC_RMW8_XCHG_U(0xFE43, "i32.atomic.rmw8.xchg_u", Immediates.MEMARG, "ii:i", 0),
    I32_ATOMIC_RMW16_XCHG_U(0xFE44, "i32.atomic.rmw16.xchg_u", Immediates.MEMARG, "ii:i", 1),
    I64_ATOMIC_RMW8_XCHG_U(0xFE45, "i64.atomic.rmw8.xchg_u", Immediates.MEMARG, "il:l", 0),
    I64_ATOMIC_RMW16_XCHG_U(0xFE46, "i64.atomic.rmw16.xchg_u", Immediates.MEMARG, "il:l", 1),
    I64_ATOMIC_RMW32_XCHG_U(0xFE47, "i64.atomic.rmw32.xchg_u", Immediates.MEMARG, "il:l", 2),
    I32_ATOMIC_RMW_CMPXCHG(0xFE48, "i32.atomic.rmw.cmpxchg", Immediates.MEMARG, "iii:i", 2),
    I64_ATOMIC_RMW_CMPXCHG(0xFE49, "i64.atomic.rmw.cmpxchg", Immediates.MEMARG, "ill:l", 3),
    I32_ATOMIC_RMW8_CMPXCHG_U(0xFE4A, "i32.atomic.rmw8.cmpxchg_u", Immediates.MEMARG, "iii:i", 0),
    I32_ATOMIC_RMW16_CMPXCHG_U(0xFE4B, "i32.atomic.rmw16.cmpxchg_u", Immediates.MEMARG, "iii:i", 1),
    I64_ATOMIC_RMW8_CMPXCHG_U(0xFE4C, "i64.atomic.rmw8.cmpxchg_u", Immediates.MEMARG, "ill:l", 0),
    I64_ATOMIC_RMW16_CMPXCHG_U(0xFE4D, "i64.atomic.rmw16.cmpxchg_u", Immediates.MEMARG, "ill:l", 1),
    I64_ATOMIC_RMW32_CMPXCHG_U(0xFE4E, "i64.atomic.rmw32.cmpxchg_u", Immediates.MEMARG, "ill:l", 2),
    // GC (spec 3.0 §5.4.6 "Reference Instructions"): 0xFB and a u32 subopcode, numbered 0xFB00 | subopcode.
    STRUCT_NEW(0xFB00, "struct.new", Immediates.TYPE),
    STRUCT_NEW_DEFAULT(0xFB01, "struct.new_default", Immediates.TYPE),
    STRUCT_GET(0xFB02, "struct.get", Immediates.TYPE_FIELD),
    STRUCT_GET_S(0xFB03, "struct.get_s", Immediates.TYPE_FIELD),
    STRUCT_GET_U(0xFB04, "struct.get_u", Immediates.TYPE_FIELD),
    STRUCT_SET(0xFB05, "struct.set", Immediates.TYPE_FIELD),
    ARRAY_NEW(0xFB06, "array.new", Immediates.TYPE),
    ARRAY_NEW_DEFAULT(0xFB07, "array.new_default", Immediates.TYPE),
    /** {@code array.new_fixed x n}: the count {@code n} is the second index immediate. */
    ARRAY_NEW_FIXED(0xFB08, "array.new_fixed", Immediates.TYPE_COUNT),
    ARRAY_NEW_DATA(0xFB09, "array.new_data", Immediates.TYPE_DATA),
    ARRAY_NEW_ELEM(0xFB0A, "array.new_elem", Immediates.TYPE_ELEM),
    ARRAY_GET(0xFB0B, "array.get", Immediates.TYPE),
    ARRAY_GET_S(0xFB0C, "array.get_s", Immediates.TYPE),
    ARRAY_GET_U(0xFB0D, "array.get_u", Immediates.TYPE),
    ARRAY_SET(0xFB0E, "array.set", Immediates.TYPE),
    ARRAY_LEN(0xFB0F, "array.len", Immediates.NONE),
    ARRAY_FILL(0xFB10, "array.fill", Immediates.TYPE),
    /** {@code array.copy x y}: destination type {@code x}, source type {@code y}. */
    ARRAY_COPY(0xFB11, "array.copy", Immediates.TYPE_TYPE),
    ARRAY_INIT_DATA(0xFB12, "array.init_data", Immediates.TYPE_DATA),
    ARRAY_INIT_ELEM(0xFB13, "array.init_elem", Immediates.TYPE_ELEM),
    /** {@code ref.test (ref ht)}; {@link #REF_TEST_NULL} is {@code ref.test (ref null ht)}, the same mnemonic. */
    REF_TEST(0xFB14, "ref.test", Immediates.REF_TYPE),
    REF_TEST_NULL(0xFB15, "ref.test", Immediates.REF_TYPE),
    /** {@code ref.cast (ref ht)}; {@link #REF_CAST_NULL} is {@code ref.cast (ref null ht)}, the same mnemonic. */
    REF_CAST(0xFB16, "ref.cast", Immediates.REF_TYPE),
    REF_CAST_NULL(0xFB17, "ref.cast", Immediates.REF_TYPE),
    /** {@code br_on_cast l rt1 rt2}: branches when the operand (of type {@code rt1}) is an {@code rt2}. */
    BR_ON_CAST(0xFB18, "br_on_cast", Immediates.BR_ON_CAST),
    /** {@code br_on_cast_fail l rt1 rt2}: branches when the operand (of type {@code rt1}) is not an {@code rt2}. */
    BR_ON_CAST_FAIL(0xFB19, "br_on_cast_fail", Immediates.BR_ON_CAST),
    ANY_CONVERT_EXTERN(0xFB1A, "any.convert_extern", Immediates.NONE),
    EXTERN_CONVERT_ANY(0xFB1B, "extern.convert_any", Immediates.NONE),
    REF_I31(0xFB1C, "ref.i31", Immediates.NONE),
    I31_GET_S(0xFB1D, "i31.get_s", Immediates.NONE),
    I31_GET_U(0xFB1E, "i31.get_u", Immediates.NONE),
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
    TABLE_FILL(0xFC11, "table.fill", Immediates.TABLE),
    // SIMD (spec §5.4.10 "Vector Instructions"): 0xFD and a u32 subopcode, numbered 0xFD0000 | subopcode.
    // Subopcodes 0x100-0x113 are relaxed SIMD (Wasm 3.0).
    V128_LOAD(0xFD0000, "v128.load", Immediates.MEMARG, "i:v", 4),
    V128_LOAD8X8_S(0xFD0001, "v128.load8x8_s", Immediates.MEMARG, "i:v", 3),
    V128_LOAD8X8_U(0xFD0002, "v128.load8x8_u", Immediates.MEMARG, "i:v", 3),
    V128_LOAD16X4_S(0xFD0003, "v128.load16x4_s", Immediates.MEMARG, "i:v", 3),
    V128_LOAD16X4_U(0xFD0004, "v128.load16x4_u", Immediates.MEMARG, "i:v", 3),
    V128_LOAD32X2_S(0xFD0005, "v128.load32x2_s", Immediates.MEMARG, "i:v", 3),
    V128_LOAD32X2_U(0xFD0006, "v128.load32x2_u", Immediates.MEMARG, "i:v", 3),
    V128_LOAD8_SPLAT(0xFD0007, "v128.load8_splat", Immediates.MEMARG, "i:v", 0),
    V128_LOAD16_SPLAT(0xFD0008, "v128.load16_splat", Immediates.MEMARG, "i:v", 1),
    V128_LOAD32_SPLAT(0xFD0009, "v128.load32_splat", Immediates.MEMARG, "i:v", 2),
    V128_LOAD64_SPLAT(0xFD000A, "v128.load64_splat", Immediates.MEMARG, "i:v", 3),
    V128_STORE(0xFD000B, "v128.store", Immediates.MEMARG, "iv:", 4),
    V128_CONST(0xFD000C, "v128.const", Immediates.V128, ":v"),
    I8X16_SHUFFLE(0xFD000D, "i8x16.shuffle", Immediates.SHUFFLE, "vv:v"),
    I8X16_SWIZZLE(0xFD000E, "i8x16.swizzle", Immediates.NONE, "vv:v"),
    I8X16_SPLAT(0xFD000F, "i8x16.splat", Immediates.NONE, "i:v"),
    I16X8_SPLAT(0xFD0010, "i16x8.splat", Immediates.NONE, "i:v"),
    I32X4_SPLAT(0xFD0011, "i32x4.splat", Immediates.NONE, "i:v"),
    I64X2_SPLAT(0xFD0012, "i64x2.splat", Immediates.NONE, "l:v"),
    F32X4_SPLAT(0xFD0013, "f32x4.splat", Immediates.NONE, "f:v"),
    F64X2_SPLAT(0xFD0014, "f64x2.splat", Immediates.NONE, "d:v"),
    I8X16_EXTRACT_LANE_S(0xFD0015, "i8x16.extract_lane_s", Immediates.LANE, "v:i"),
    I8X16_EXTRACT_LANE_U(0xFD0016, "i8x16.extract_lane_u", Immediates.LANE, "v:i"),
    I8X16_REPLACE_LANE(0xFD0017, "i8x16.replace_lane", Immediates.LANE, "vi:v"),
    I16X8_EXTRACT_LANE_S(0xFD0018, "i16x8.extract_lane_s", Immediates.LANE, "v:i"),
    I16X8_EXTRACT_LANE_U(0xFD0019, "i16x8.extract_lane_u", Immediates.LANE, "v:i"),
    I16X8_REPLACE_LANE(0xFD001A, "i16x8.replace_lane", Immediates.LANE, "vi:v"),
    I32X4_EXTRACT_LANE(0xFD001B, "i32x4.extract_lane", Immediates.LANE, "v:i"),
    I32X4_REPLACE_LANE(0xFD001C, "i32x4.replace_lane", Immediates.LANE, "vi:v"),
    I64X2_EXTRACT_LANE(0xFD001D, "i64x2.extract_lane", Immediates.LANE, "v:l"),
    I64X2_REPLACE_LANE(0xFD001E, "i64x2.replace_lane", Immediates.LANE, "vl:v"),
    F32X4_EXTRACT_LANE(0xFD001F, "f32x4.extract_lane", Immediates.LANE, "v:f"),
    F32X4_REPLACE_LANE(0xFD0020, "f32x4.replace_lane", Immediates.LANE, "vf:v"),
    F64X2_EXTRACT_LANE(0xFD0021, "f64x2.extract_lane", Immediates.LANE, "v:d"),
    F64X2_REPLACE_LANE(0xFD0022, "f64x2.replace_lane", Immediates.LANE, "vd:v"),
    I8X16_EQ(0xFD0023, "i8x16.eq", Immediates.NONE, "vv:v"),
    I8X16_NE(0xFD0024, "i8x16.ne", Immediates.NONE, "vv:v"),
    I8X16_LT_S(0xFD0025, "i8x16.lt_s", Immediates.NONE, "vv:v"),
    I8X16_LT_U(0xFD0026, "i8x16.lt_u", Immediates.NONE, "vv:v"),
    I8X16_GT_S(0xFD0027, "i8x16.gt_s", Immediates.NONE, "vv:v"),
    I8X16_GT_U(0xFD0028, "i8x16.gt_u", Immediates.NONE, "vv:v"),
    I8X16_LE_S(0xFD0029, "i8x16.le_s", Immediates.NONE, "vv:v"),
    I8X16_LE_U(0xFD002A, "i8x16.le_u", Immediates.NONE, "vv:v"),
    I8X16_GE_S(0xFD002B, "i8x16.ge_s", Immediates.NONE, "vv:v"),
    I8X16_GE_U(0xFD002C, "i8x16.ge_u", Immediates.NONE, "vv:v"),
    I16X8_EQ(0xFD002D, "i16x8.eq", Immediates.NONE, "vv:v"),
    I16X8_NE(0xFD002E, "i16x8.ne", Immediates.NONE, "vv:v"),
    I16X8_LT_S(0xFD002F, "i16x8.lt_s", Immediates.NONE, "vv:v"),
    I16X8_LT_U(0xFD0030, "i16x8.lt_u", Immediates.NONE, "vv:v"),
    I16X8_GT_S(0xFD0031, "i16x8.gt_s", Immediates.NONE, "vv:v"),
    I16X8_GT_U(0xFD0032, "i16x8.gt_u", Immediates.NONE, "vv:v"),
    I16X8_LE_S(0xFD0033, "i16x8.le_s", Immediates.NONE, "vv:v"),
    I16X8_LE_U(0xFD0034, "i16x8.le_u", Immediates.NONE, "vv:v"),
    I16X8_GE_S(0xFD0035, "i16x8.ge_s", Immediates.NONE, "vv:v"),
    I16X8_GE_U(0xFD0036, "i16x8.ge_u", Immediates.NONE, "vv:v"),
    I32X4_EQ(0xFD0037, "i32x4.eq", Immediates.NONE, "vv:v"),
    I32X4_NE(0xFD0038, "i32x4.ne", Immediates.NONE, "vv:v"),
    I32X4_LT_S(0xFD0039, "i32x4.lt_s", Immediates.NONE, "vv:v"),
    I32X4_LT_U(0xFD003A, "i32x4.lt_u", Immediates.NONE, "vv:v"),
    I32X4_GT_S(0xFD003B, "i32x4.gt_s", Immediates.NONE, "vv:v"),
    I32X4_GT_U(0xFD003C, "i32x4.gt_u", Immediates.NONE, "vv:v"),
    I32X4_LE_S(0xFD003D, "i32x4.le_s", Immediates.NONE, "vv:v"),
    I32X4_LE_U(0xFD003E, "i32x4.le_u", Immediates.NONE, "vv:v"),
    I32X4_GE_S(0xFD003F, "i32x4.ge_s", Immediates.NONE, "vv:v"),
    I32X4_GE_U(0xFD0040, "i32x4.ge_u", Immediates.NONE, "vv:v"),
    F32X4_EQ(0xFD0041, "f32x4.eq", Immediates.NONE, "vv:v"),
    F32X4_NE(0xFD0042, "f32x4.ne", Immediates.NONE, "vv:v"),
    F32X4_LT(0xFD0043, "f32x4.lt", Immediates.NONE, "vv:v"),
    F32X4_GT(0xFD0044, "f32x4.gt", Immediates.NONE, "vv:v"),
    F32X4_LE(0xFD0045, "f32x4.le", Immediates.NONE, "vv:v"),
    F32X4_GE(0xFD0046, "f32x4.ge", Immediates.NONE, "vv:v"),
    F64X2_EQ(0xFD0047, "f64x2.eq", Immediates.NONE, "vv:v"),
    F64X2_NE(0xFD0048, "f64x2.ne", Immediates.NONE, "vv:v"),
    F64X2_LT(0xFD0049, "f64x2.lt", Immediates.NONE, "vv:v"),
    F64X2_GT(0xFD004A, "f64x2.gt", Immediates.NONE, "vv:v"),
    F64X2_LE(0xFD004B, "f64x2.le", Immediates.NONE, "vv:v"),
    F64X2_GE(0xFD004C, "f64x2.ge", Immediates.NONE, "vv:v"),
    V128_NOT(0xFD004D, "v128.not", Immediates.NONE, "v:v"),
    V128_AND(0xFD004E, "v128.and", Immediates.NONE, "vv:v"),
    V128_ANDNOT(0xFD004F, "v128.andnot", Immediates.NONE, "vv:v"),
    V128_OR(0xFD0050, "v128.or", Immediates.NONE, "vv:v"),
    V128_XOR(0xFD0051, "v128.xor", Immediates.NONE, "vv:v"),
    V128_BITSELECT(0xFD0052, "v128.bitselect", Immediates.NONE, "vvv:v"),
    V128_ANY_TRUE(0xFD0053, "v128.any_true", Immediates.NONE, "v:i"),
    V128_LOAD8_LANE(0xFD0054, "v128.load8_lane", Immediates.MEMARG_LANE, "iv:v", 0),
    V128_LOAD16_LANE(0xFD0055, "v128.load16_lane", Immediates.MEMARG_LANE, "iv:v", 1),
    V128_LOAD32_LANE(0xFD0056, "v128.load32_lane", Immediates.MEMARG_LANE, "iv:v", 2),
    V128_LOAD64_LANE(0xFD0057, "v128.load64_lane", Immediates.MEMARG_LANE, "iv:v", 3),
    V128_STORE8_LANE(0xFD0058, "v128.store8_lane", Immediates.MEMARG_LANE, "iv:", 0),
    V128_STORE16_LANE(0xFD0059, "v128.store16_lane", Immediates.MEMARG_LANE, "iv:", 1),
    V128_STORE32_LANE(0xFD005A, "v128.store32_lane", Immediates.MEMARG_LANE, "iv:", 2),
    V128_STORE64_LANE(0xFD005B, "v128.store64_lane", Immediates.MEMARG_LANE, "iv:", 3),
    V128_LOAD32_ZERO(0xFD005C, "v128.load32_zero", Immediates.MEMARG, "i:v", 2),
    V128_LOAD64_ZERO(0xFD005D, "v128.load64_zero", Immediates.MEMARG, "i:v", 3),
    F32X4_DEMOTE_F64X2_ZERO(0xFD005E, "f32x4.demote_f64x2_zero", Immediates.NONE, "v:v"),
    F64X2_PROMOTE_LOW_F32X4(0xFD005F, "f64x2.promote_low_f32x4", Immediates.NONE, "v:v"),
    I8X16_ABS(0xFD0060, "i8x16.abs", Immediates.NONE, "v:v"),
    I8X16_NEG(0xFD0061, "i8x16.neg", Immediates.NONE, "v:v"),
    I8X16_POPCNT(0xFD0062, "i8x16.popcnt", Immediates.NONE, "v:v"),
    I8X16_ALL_TRUE(0xFD0063, "i8x16.all_true", Immediates.NONE, "v:i"),
    I8X16_BITMASK(0xFD0064, "i8x16.bitmask", Immediates.NONE, "v:i"),
    I8X16_NARROW_I16X8_S(0xFD0065, "i8x16.narrow_i16x8_s", Immediates.NONE, "vv:v"),
    I8X16_NARROW_I16X8_U(0xFD0066, "i8x16.narrow_i16x8_u", Immediates.NONE, "vv:v"),
    F32X4_CEIL(0xFD0067, "f32x4.ceil", Immediates.NONE, "v:v"),
    F32X4_FLOOR(0xFD0068, "f32x4.floor", Immediates.NONE, "v:v"),
    F32X4_TRUNC(0xFD0069, "f32x4.trunc", Immediates.NONE, "v:v"),
    F32X4_NEAREST(0xFD006A, "f32x4.nearest", Immediates.NONE, "v:v"),
    I8X16_SHL(0xFD006B, "i8x16.shl", Immediates.NONE, "vi:v"),
    I8X16_SHR_S(0xFD006C, "i8x16.shr_s", Immediates.NONE, "vi:v"),
    I8X16_SHR_U(0xFD006D, "i8x16.shr_u", Immediates.NONE, "vi:v"),
    I8X16_ADD(0xFD006E, "i8x16.add", Immediates.NONE, "vv:v"),
    I8X16_ADD_SAT_S(0xFD006F, "i8x16.add_sat_s", Immediates.NONE, "vv:v"),
    I8X16_ADD_SAT_U(0xFD0070, "i8x16.add_sat_u", Immediates.NONE, "vv:v"),
    I8X16_SUB(0xFD0071, "i8x16.sub", Immediates.NONE, "vv:v"),
    I8X16_SUB_SAT_S(0xFD0072, "i8x16.sub_sat_s", Immediates.NONE, "vv:v"),
    I8X16_SUB_SAT_U(0xFD0073, "i8x16.sub_sat_u", Immediates.NONE, "vv:v"),
    F64X2_CEIL(0xFD0074, "f64x2.ceil", Immediates.NONE, "v:v"),
    F64X2_FLOOR(0xFD0075, "f64x2.floor", Immediates.NONE, "v:v"),
    I8X16_MIN_S(0xFD0076, "i8x16.min_s", Immediates.NONE, "vv:v"),
    I8X16_MIN_U(0xFD0077, "i8x16.min_u", Immediates.NONE, "vv:v"),
    I8X16_MAX_S(0xFD0078, "i8x16.max_s", Immediates.NONE, "vv:v"),
    I8X16_MAX_U(0xFD0079, "i8x16.max_u", Immediates.NONE, "vv:v"),
    F64X2_TRUNC(0xFD007A, "f64x2.trunc", Immediates.NONE, "v:v"),
    I8X16_AVGR_U(0xFD007B, "i8x16.avgr_u", Immediates.NONE, "vv:v"),
    I16X8_EXTADD_PAIRWISE_I8X16_S(0xFD007C, "i16x8.extadd_pairwise_i8x16_s", Immediates.NONE, "v:v"),
    I16X8_EXTADD_PAIRWISE_I8X16_U(0xFD007D, "i16x8.extadd_pairwise_i8x16_u", Immediates.NONE, "v:v"),
    I32X4_EXTADD_PAIRWISE_I16X8_S(0xFD007E, "i32x4.extadd_pairwise_i16x8_s", Immediates.NONE, "v:v"),
    I32X4_EXTADD_PAIRWISE_I16X8_U(0xFD007F, "i32x4.extadd_pairwise_i16x8_u", Immediates.NONE, "v:v"),
    I16X8_ABS(0xFD0080, "i16x8.abs", Immediates.NONE, "v:v"),
    I16X8_NEG(0xFD0081, "i16x8.neg", Immediates.NONE, "v:v"),
    I16X8_Q15MULR_SAT_S(0xFD0082, "i16x8.q15mulr_sat_s", Immediates.NONE, "vv:v"),
    I16X8_ALL_TRUE(0xFD0083, "i16x8.all_true", Immediates.NONE, "v:i"),
    I16X8_BITMASK(0xFD0084, "i16x8.bitmask", Immediates.NONE, "v:i"),
    I16X8_NARROW_I32X4_S(0xFD0085, "i16x8.narrow_i32x4_s", Immediates.NONE, "vv:v"),
    I16X8_NARROW_I32X4_U(0xFD0086, "i16x8.narrow_i32x4_u", Immediates.NONE, "vv:v"),
    I16X8_EXTEND_LOW_I8X16_S(0xFD0087, "i16x8.extend_low_i8x16_s", Immediates.NONE, "v:v"),
    I16X8_EXTEND_HIGH_I8X16_S(0xFD0088, "i16x8.extend_high_i8x16_s", Immediates.NONE, "v:v"),
    I16X8_EXTEND_LOW_I8X16_U(0xFD0089, "i16x8.extend_low_i8x16_u", Immediates.NONE, "v:v"),
    I16X8_EXTEND_HIGH_I8X16_U(0xFD008A, "i16x8.extend_high_i8x16_u", Immediates.NONE, "v:v"),
    I16X8_SHL(0xFD008B, "i16x8.shl", Immediates.NONE, "vi:v"),
    I16X8_SHR_S(0xFD008C, "i16x8.shr_s", Immediates.NONE, "vi:v"),
    I16X8_SHR_U(0xFD008D, "i16x8.shr_u", Immediates.NONE, "vi:v"),
    I16X8_ADD(0xFD008E, "i16x8.add", Immediates.NONE, "vv:v"),
    I16X8_ADD_SAT_S(0xFD008F, "i16x8.add_sat_s", Immediates.NONE, "vv:v"),
    I16X8_ADD_SAT_U(0xFD0090, "i16x8.add_sat_u", Immediates.NONE, "vv:v"),
    I16X8_SUB(0xFD0091, "i16x8.sub", Immediates.NONE, "vv:v"),
    I16X8_SUB_SAT_S(0xFD0092, "i16x8.sub_sat_s", Immediates.NONE, "vv:v"),
    I16X8_SUB_SAT_U(0xFD0093, "i16x8.sub_sat_u", Immediates.NONE, "vv:v"),
    F64X2_NEAREST(0xFD0094, "f64x2.nearest", Immediates.NONE, "v:v"),
    I16X8_MUL(0xFD0095, "i16x8.mul", Immediates.NONE, "vv:v"),
    I16X8_MIN_S(0xFD0096, "i16x8.min_s", Immediates.NONE, "vv:v"),
    I16X8_MIN_U(0xFD0097, "i16x8.min_u", Immediates.NONE, "vv:v"),
    I16X8_MAX_S(0xFD0098, "i16x8.max_s", Immediates.NONE, "vv:v"),
    I16X8_MAX_U(0xFD0099, "i16x8.max_u", Immediates.NONE, "vv:v"),
    I16X8_AVGR_U(0xFD009B, "i16x8.avgr_u", Immediates.NONE, "vv:v"),
    I16X8_EXTMUL_LOW_I8X16_S(0xFD009C, "i16x8.extmul_low_i8x16_s", Immediates.NONE, "vv:v"),
    I16X8_EXTMUL_HIGH_I8X16_S(0xFD009D, "i16x8.extmul_high_i8x16_s", Immediates.NONE, "vv:v"),
    I16X8_EXTMUL_LOW_I8X16_U(0xFD009E, "i16x8.extmul_low_i8x16_u", Immediates.NONE, "vv:v"),
    I16X8_EXTMUL_HIGH_I8X16_U(0xFD009F, "i16x8.extmul_high_i8x16_u", Immediates.NONE, "vv:v"),
    I32X4_ABS(0xFD00A0, "i32x4.abs", Immediates.NONE, "v:v"),
    I32X4_NEG(0xFD00A1, "i32x4.neg", Immediates.NONE, "v:v"),
    I32X4_ALL_TRUE(0xFD00A3, "i32x4.all_true", Immediates.NONE, "v:i"),
    I32X4_BITMASK(0xFD00A4, "i32x4.bitmask", Immediates.NONE, "v:i"),
    I32X4_EXTEND_LOW_I16X8_S(0xFD00A7, "i32x4.extend_low_i16x8_s", Immediates.NONE, "v:v"),
    I32X4_EXTEND_HIGH_I16X8_S(0xFD00A8, "i32x4.extend_high_i16x8_s", Immediates.NONE, "v:v"),
    I32X4_EXTEND_LOW_I16X8_U(0xFD00A9, "i32x4.extend_low_i16x8_u", Immediates.NONE, "v:v"),
    I32X4_EXTEND_HIGH_I16X8_U(0xFD00AA, "i32x4.extend_high_i16x8_u", Immediates.NONE, "v:v"),
    I32X4_SHL(0xFD00AB, "i32x4.shl", Immediates.NONE, "vi:v"),
    I32X4_SHR_S(0xFD00AC, "i32x4.shr_s", Immediates.NONE, "vi:v"),
    I32X4_SHR_U(0xFD00AD, "i32x4.shr_u", Immediates.NONE, "vi:v"),
    I32X4_ADD(0xFD00AE, "i32x4.add", Immediates.NONE, "vv:v"),
    I32X4_SUB(0xFD00B1, "i32x4.sub", Immediates.NONE, "vv:v"),
    I32X4_MUL(0xFD00B5, "i32x4.mul", Immediates.NONE, "vv:v"),
    I32X4_MIN_S(0xFD00B6, "i32x4.min_s", Immediates.NONE, "vv:v"),
    I32X4_MIN_U(0xFD00B7, "i32x4.min_u", Immediates.NONE, "vv:v"),
    I32X4_MAX_S(0xFD00B8, "i32x4.max_s", Immediates.NONE, "vv:v"),
    I32X4_MAX_U(0xFD00B9, "i32x4.max_u", Immediates.NONE, "vv:v"),
    I32X4_DOT_I16X8_S(0xFD00BA, "i32x4.dot_i16x8_s", Immediates.NONE, "vv:v"),
    I32X4_EXTMUL_LOW_I16X8_S(0xFD00BC, "i32x4.extmul_low_i16x8_s", Immediates.NONE, "vv:v"),
    I32X4_EXTMUL_HIGH_I16X8_S(0xFD00BD, "i32x4.extmul_high_i16x8_s", Immediates.NONE, "vv:v"),
    I32X4_EXTMUL_LOW_I16X8_U(0xFD00BE, "i32x4.extmul_low_i16x8_u", Immediates.NONE, "vv:v"),
    I32X4_EXTMUL_HIGH_I16X8_U(0xFD00BF, "i32x4.extmul_high_i16x8_u", Immediates.NONE, "vv:v"),
    I64X2_ABS(0xFD00C0, "i64x2.abs", Immediates.NONE, "v:v"),
    I64X2_NEG(0xFD00C1, "i64x2.neg", Immediates.NONE, "v:v"),
    I64X2_ALL_TRUE(0xFD00C3, "i64x2.all_true", Immediates.NONE, "v:i"),
    I64X2_BITMASK(0xFD00C4, "i64x2.bitmask", Immediates.NONE, "v:i"),
    I64X2_EXTEND_LOW_I32X4_S(0xFD00C7, "i64x2.extend_low_i32x4_s", Immediates.NONE, "v:v"),
    I64X2_EXTEND_HIGH_I32X4_S(0xFD00C8, "i64x2.extend_high_i32x4_s", Immediates.NONE, "v:v"),
    I64X2_EXTEND_LOW_I32X4_U(0xFD00C9, "i64x2.extend_low_i32x4_u", Immediates.NONE, "v:v"),
    I64X2_EXTEND_HIGH_I32X4_U(0xFD00CA, "i64x2.extend_high_i32x4_u", Immediates.NONE, "v:v"),
    I64X2_SHL(0xFD00CB, "i64x2.shl", Immediates.NONE, "vi:v"),
    I64X2_SHR_S(0xFD00CC, "i64x2.shr_s", Immediates.NONE, "vi:v"),
    I64X2_SHR_U(0xFD00CD, "i64x2.shr_u", Immediates.NONE, "vi:v"),
    I64X2_ADD(0xFD00CE, "i64x2.add", Immediates.NONE, "vv:v"),
    I64X2_SUB(0xFD00D1, "i64x2.sub", Immediates.NONE, "vv:v"),
    I64X2_MUL(0xFD00D5, "i64x2.mul", Immediates.NONE, "vv:v"),
    I64X2_EQ(0xFD00D6, "i64x2.eq", Immediates.NONE, "vv:v"),
    I64X2_NE(0xFD00D7, "i64x2.ne", Immediates.NONE, "vv:v"),
    I64X2_LT_S(0xFD00D8, "i64x2.lt_s", Immediates.NONE, "vv:v"),
    I64X2_GT_S(0xFD00D9, "i64x2.gt_s", Immediates.NONE, "vv:v"),
    I64X2_LE_S(0xFD00DA, "i64x2.le_s", Immediates.NONE, "vv:v"),
    I64X2_GE_S(0xFD00DB, "i64x2.ge_s", Immediates.NONE, "vv:v"),
    I64X2_EXTMUL_LOW_I32X4_S(0xFD00DC, "i64x2.extmul_low_i32x4_s", Immediates.NONE, "vv:v"),
    I64X2_EXTMUL_HIGH_I32X4_S(0xFD00DD, "i64x2.extmul_high_i32x4_s", Immediates.NONE, "vv:v"),
    I64X2_EXTMUL_LOW_I32X4_U(0xFD00DE, "i64x2.extmul_low_i32x4_u", Immediates.NONE, "vv:v"),
    I64X2_EXTMUL_HIGH_I32X4_U(0xFD00DF, "i64x2.extmul_high_i32x4_u", Immediates.NONE, "vv:v"),
    F32X4_ABS(0xFD00E0, "f32x4.abs", Immediates.NONE, "v:v"),
    F32X4_NEG(0xFD00E1, "f32x4.neg", Immediates.NONE, "v:v"),
    F32X4_SQRT(0xFD00E3, "f32x4.sqrt", Immediates.NONE, "v:v"),
    F32X4_ADD(0xFD00E4, "f32x4.add", Immediates.NONE, "vv:v"),
    F32X4_SUB(0xFD00E5, "f32x4.sub", Immediates.NONE, "vv:v"),
    F32X4_MUL(0xFD00E6, "f32x4.mul", Immediates.NONE, "vv:v"),
    F32X4_DIV(0xFD00E7, "f32x4.div", Immediates.NONE, "vv:v"),
    F32X4_MIN(0xFD00E8, "f32x4.min", Immediates.NONE, "vv:v"),
    F32X4_MAX(0xFD00E9, "f32x4.max", Immediates.NONE, "vv:v"),
    F32X4_PMIN(0xFD00EA, "f32x4.pmin", Immediates.NONE, "vv:v"),
    F32X4_PMAX(0xFD00EB, "f32x4.pmax", Immediates.NONE, "vv:v"),
    F64X2_ABS(0xFD00EC, "f64x2.abs", Immediates.NONE, "v:v"),
    F64X2_NEG(0xFD00ED, "f64x2.neg", Immediates.NONE, "v:v"),
    F64X2_SQRT(0xFD00EF, "f64x2.sqrt", Immediates.NONE, "v:v"),
    F64X2_ADD(0xFD00F0, "f64x2.add", Immediates.NONE, "vv:v"),
    F64X2_SUB(0xFD00F1, "f64x2.sub", Immediates.NONE, "vv:v"),
    F64X2_MUL(0xFD00F2, "f64x2.mul", Immediates.NONE, "vv:v"),
    F64X2_DIV(0xFD00F3, "f64x2.div", Immediates.NONE, "vv:v"),
    F64X2_MIN(0xFD00F4, "f64x2.min", Immediates.NONE, "vv:v"),
    F64X2_MAX(0xFD00F5, "f64x2.max", Immediates.NONE, "vv:v"),
    F64X2_PMIN(0xFD00F6, "f64x2.pmin", Immediates.NONE, "vv:v"),
    F64X2_PMAX(0xFD00F7, "f64x2.pmax", Immediates.NONE, "vv:v"),
    I32X4_TRUNC_SAT_F32X4_S(0xFD00F8, "i32x4.trunc_sat_f32x4_s", Immediates.NONE, "v:v"),
    I32X4_TRUNC_SAT_F32X4_U(0xFD00F9, "i32x4.trunc_sat_f32x4_u", Immediates.NONE, "v:v"),
    F32X4_CONVERT_I32X4_S(0xFD00FA, "f32x4.convert_i32x4_s", Immediates.NONE, "v:v"),
    F32X4_CONVERT_I32X4_U(0xFD00FB, "f32x4.convert_i32x4_u", Immediates.NONE, "v:v"),
    I32X4_TRUNC_SAT_F64X2_S_ZERO(0xFD00FC, "i32x4.trunc_sat_f64x2_s_zero", Immediates.NONE, "v:v"),
    I32X4_TRUNC_SAT_F64X2_U_ZERO(0xFD00FD, "i32x4.trunc_sat_f64x2_u_zero", Immediates.NONE, "v:v"),
    F64X2_CONVERT_LOW_I32X4_S(0xFD00FE, "f64x2.convert_low_i32x4_s", Immediates.NONE, "v:v"),
    F64X2_CONVERT_LOW_I32X4_U(0xFD00FF, "f64x2.convert_low_i32x4_u", Immediates.NONE, "v:v"),
    I8X16_RELAXED_SWIZZLE(0xFD0100, "i8x16.relaxed_swizzle", Immediates.NONE, "vv:v"),
    I32X4_RELAXED_TRUNC_F32X4_S(0xFD0101, "i32x4.relaxed_trunc_f32x4_s", Immediates.NONE, "v:v"),
    I32X4_RELAXED_TRUNC_F32X4_U(0xFD0102, "i32x4.relaxed_trunc_f32x4_u", Immediates.NONE, "v:v"),
    I32X4_RELAXED_TRUNC_F64X2_S_ZERO(0xFD0103, "i32x4.relaxed_trunc_f64x2_s_zero", Immediates.NONE, "v:v"),
    I32X4_RELAXED_TRUNC_F64X2_U_ZERO(0xFD0104, "i32x4.relaxed_trunc_f64x2_u_zero", Immediates.NONE, "v:v"),
    F32X4_RELAXED_MADD(0xFD0105, "f32x4.relaxed_madd", Immediates.NONE, "vvv:v"),
    F32X4_RELAXED_NMADD(0xFD0106, "f32x4.relaxed_nmadd", Immediates.NONE, "vvv:v"),
    F64X2_RELAXED_MADD(0xFD0107, "f64x2.relaxed_madd", Immediates.NONE, "vvv:v"),
    F64X2_RELAXED_NMADD(0xFD0108, "f64x2.relaxed_nmadd", Immediates.NONE, "vvv:v"),
    I8X16_RELAXED_LANESELECT(0xFD0109, "i8x16.relaxed_laneselect", Immediates.NONE, "vvv:v"),
    I16X8_RELAXED_LANESELECT(0xFD010A, "i16x8.relaxed_laneselect", Immediates.NONE, "vvv:v"),
    I32X4_RELAXED_LANESELECT(0xFD010B, "i32x4.relaxed_laneselect", Immediates.NONE, "vvv:v"),
    I64X2_RELAXED_LANESELECT(0xFD010C, "i64x2.relaxed_laneselect", Immediates.NONE, "vvv:v"),
    F32X4_RELAXED_MIN(0xFD010D, "f32x4.relaxed_min", Immediates.NONE, "vv:v"),
    F32X4_RELAXED_MAX(0xFD010E, "f32x4.relaxed_max", Immediates.NONE, "vv:v"),
    F64X2_RELAXED_MIN(0xFD010F, "f64x2.relaxed_min", Immediates.NONE, "vv:v"),
    F64X2_RELAXED_MAX(0xFD0110, "f64x2.relaxed_max", Immediates.NONE, "vv:v"),
    I16X8_RELAXED_Q15MULR_S(0xFD0111, "i16x8.relaxed_q15mulr_s", Immediates.NONE, "vv:v"),
    I16X8_RELAXED_DOT_I8X16_I7X16_S(0xFD0112, "i16x8.relaxed_dot_i8x16_i7x16_s", Immediates.NONE, "vv:v"),
    I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S(0xFD0113, "i32x4.relaxed_dot_i8x16_i7x16_add_s", Immediates.NONE, "vvv:v");

    /** The kind of immediates an instruction carries, in binary order. */
    public enum Immediates {
        NONE,
        /** blocktype */
        BLOCK_TYPE,
        /** labelidx */
        LABEL,
        /** tagidx (exception handling) */
        TAG,
        /** blocktype vec(catch), each catch a kind byte ({@link CatchKind}), a tagidx unless a catch_all, a labelidx */
        TRY_TABLE,
        /** vec(labelidx) labelidx */
        BR_TABLE,
        /** funcidx */
        FUNC,
        /** typeidx ({@code call_ref}, {@code return_call_ref}) */
        TYPE,
        /** typeidx tableidx */
        CALL_INDIRECT,
        /** typeidx fieldidx (struct.get, struct.set) */
        TYPE_FIELD,
        /** typeidx typeidx (array.copy: destination, source) */
        TYPE_TYPE,
        /** typeidx u32 (array.new_fixed: the element count) */
        TYPE_COUNT,
        /** typeidx dataidx */
        TYPE_DATA,
        /** typeidx elemidx */
        TYPE_ELEM,
        /**
         * castflags labelidx heaptype heaptype ({@code br_on_cast}, {@code br_on_cast_fail}): bit 0 of
         * the flags makes the source type nullable, bit 1 the target type
         */
        BR_ON_CAST,
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
        TABLE_COPY,
        /** a 16-byte vector constant ({@code v128.const}) */
        V128,
        /** 16 lane indices, one byte each, below 32 ({@code i8x16.shuffle}) */
        SHUFFLE,
        /** a lane index byte (extract_lane, replace_lane) */
        LANE,
        /** memarg, then a lane index byte (load_lane, store_lane) */
        MEMARG_LANE,
        /** one reserved byte that must be zero ({@code atomic.fence}) */
        ZERO_BYTE
    }

    /**
     * The catch clauses of {@code try_table} (spec §2.4.8, §5.4.1), in the order of their binary
     * kind byte: whether the clause names a tag (else it catches every exception) and whether it
     * passes the caught exception as an {@code exnref} to its label, after the tag's values.
     */
    public enum CatchKind {
        CATCH("catch", true, false),
        CATCH_REF("catch_ref", true, true),
        CATCH_ALL("catch_all", false, false),
        CATCH_ALL_REF("catch_all_ref", false, true);

        private final String keyword;
        private final boolean hasTag;
        private final boolean passesReference;

        CatchKind(String keyword, boolean hasTag, boolean passesReference) {
            this.keyword = keyword;
            this.hasTag = hasTag;
            this.passesReference = passesReference;
        }

        /** The clause's keyword in the text format. */
        public String keyword() {
            return keyword;
        }

        public boolean hasTag() {
            return hasTag;
        }

        /** Whether the label receives the exception itself ({@code catch_ref}, {@code catch_all_ref}). */
        public boolean passesReference() {
            return passesReference;
        }

        /** The clause with binary kind {@code b}, or null. */
        public static CatchKind fromByte(int b) {
            return b >= 0 && b < VALUES.length ? VALUES[b] : null;
        }

        /** The clause whose text keyword is {@code keyword}, or null. */
        public static CatchKind fromKeyword(String keyword) {
            for (CatchKind k : VALUES) {
                if (k.keyword.equals(keyword)) {
                    return k;
                }
            }
            return null;
        }

        private static final CatchKind[] VALUES = values();
    }

    private static final Opcode[] SINGLE_BYTE = new Opcode[256];
    private static final Opcode[] FC_PREFIXED = new Opcode[32];
    private static final Opcode[] GC_PREFIXED = new Opcode[32];
    private static final Opcode[] ATOMIC_PREFIXED = new Opcode[0x4F];
    private static final Opcode[] SIMD_PREFIXED = new Opcode[0x114];
    private static final Map<String, Opcode> BY_MNEMONIC = new HashMap<>();

    static {
        for (Opcode op : values()) {
            if (op.code < 0x100) {
                SINGLE_BYTE[op.code] = op;
            } else if ((op.code >> 8) == 0xFC) {
                FC_PREFIXED[op.code & 0xFF] = op;
            } else if ((op.code >> 8) == 0xFB) {
                GC_PREFIXED[op.code & 0xFF] = op;
            } else if ((op.code >> 8) == 0xFE) {
                ATOMIC_PREFIXED[op.code & 0xFF] = op;
            } else {
                SIMD_PREFIXED[op.code & 0xFFFF] = op;
            }
            if (!op.sharesMnemonic()) {
                BY_MNEMONIC.put(op.mnemonic, op);
            }
        }
    }

    /** The prefix byte of the GC instructions (Wasm 3.0). */
    public static final int PREFIX_GC = 0xFB;
    /** The prefix byte of the {@code 0xFC} instruction group. */
    public static final int PREFIX_FC = 0xFC;
    /** The prefix byte of vector (SIMD) instructions. */
    public static final int PREFIX_SIMD = 0xFD;
    /** The prefix byte of the atomic instructions (threads). */
    public static final int PREFIX_ATOMIC = 0xFE;

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
                case 'v' -> ValType.V128;
                default -> throw new IllegalArgumentException(s);
            };
        }
        return types;
    }

    /**
     * The opcode: a byte, {@code 0xFB00 | subopcode} for GC, {@code 0xFC00 | subopcode} for the 0xFC group, or
     * {@code 0xFD0000 | subopcode} for vector instructions.
     */
    public int code() {
        return code;
    }

    /** The prefix byte ({@link #PREFIX_GC}, {@link #PREFIX_FC}, {@link #PREFIX_ATOMIC} or {@link #PREFIX_SIMD}), or -1 for a one-byte opcode. */
    public int prefix() {
        return code < 0x100 ? -1 : code < 0x10000 ? code >> 8 : PREFIX_SIMD;
    }

    /** The subopcode after the prefix (encoded as a u32), or the opcode byte itself. */
    public int subopcode() {
        return code < 0x100 ? code : code < 0x10000 ? code & 0xFF : code & 0xFFFF;
    }

    /** Whether this is a vector (SIMD or relaxed SIMD) instruction. */
    public boolean isVector() {
        return prefix() == PREFIX_SIMD;
    }

    /** Whether this is one of the relaxed SIMD instructions (Wasm 3.0). */
    public boolean isRelaxed() {
        return isVector() && subopcode() >= 0x100;
    }

    /**
     * For instructions with a lane immediate ({@link Immediates#LANE},
     * {@link Immediates#MEMARG_LANE}): how many lanes the vector has in the instruction's shape,
     * the bound of the lane index. 0 for other instructions.
     */
    public int laneCount() {
        return switch (immediates) {
            case LANE -> switch (mnemonic.substring(0, mnemonic.indexOf('.'))) {
                case "i8x16" -> 16;
                case "i16x8" -> 8;
                case "i32x4", "f32x4" -> 4;
                default -> 2;
            };
            case MEMARG_LANE -> 16 >> naturalAlignmentLog2;
            default -> 0;
        };
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

    /**
     * Whether this is an instruction of exception handling (Wasm 3.0): {@code throw},
     * {@code throw_ref}, {@code try_table}, or one of the legacy {@code try}, {@code catch},
     * {@code catch_all}, {@code delegate}, {@code rethrow}.
     */
    public boolean isExceptionHandling() {
        return switch (this) {
            case TRY, CATCH, THROW, RETHROW, THROW_REF, DELEGATE, CATCH_ALL, TRY_TABLE -> true;
            default -> false;
        };
    }

    /**
     * Whether this is an instruction of typed function references (Wasm 3.0): {@code call_ref},
     * {@code return_call_ref}, {@code ref.as_non_null}, {@code br_on_null}, {@code br_on_non_null}.
     */
    public boolean isFunctionReferences() {
        return switch (this) {
            case CALL_REF, RETURN_CALL_REF, REF_AS_NON_NULL, BR_ON_NULL, BR_ON_NON_NULL -> true;
            default -> false;
        };
    }

    /**
     * Whether this is the second opcode of a mnemonic, which the text format tells apart by its
     * immediates: {@link #SELECT_T}, {@link #REF_TEST_NULL}, {@link #REF_CAST_NULL}.
     */
    public boolean sharesMnemonic() {
        return this == SELECT_T || this == REF_TEST_NULL || this == REF_CAST_NULL;
    }

    /** Whether this is an atomic instruction (threads): one after the {@code 0xFE} prefix. */
    public boolean isAtomic() {
        return prefix() == PREFIX_ATOMIC;
    }

    /** Whether this is an instruction of GC (Wasm 3.0): one after the {@code 0xFB} prefix, or {@code ref.eq}. */
    public boolean isGc() {
        return this == REF_EQ || prefix() == PREFIX_GC;
    }

    /** Loads and stores: instructions with a memarg (including the vector lane loads and stores). */
    public boolean isMemoryAccess() {
        return immediates == Immediates.MEMARG || immediates == Immediates.MEMARG_LANE;
    }

    /** The instruction with single-byte opcode {@code b}, or null when {@code b} is no opcode. */
    public static Opcode fromByte(int b) {
        return SINGLE_BYTE[b & 0xFF];
    }

    /** The instruction with opcode {@code 0xFC sub}, or null when there is none. */
    public static Opcode fromFcSubopcode(long sub) {
        return sub >= 0 && sub < FC_PREFIXED.length ? FC_PREFIXED[(int) sub] : null;
    }

    /** The GC instruction with opcode {@code 0xFB sub}, or null when there is none. */
    public static Opcode fromGcSubopcode(long sub) {
        return sub >= 0 && sub < GC_PREFIXED.length ? GC_PREFIXED[(int) sub] : null;
    }

    /** The atomic instruction with opcode {@code 0xFE sub}, or null when there is none. */
    public static Opcode fromAtomicSubopcode(long sub) {
        return sub >= 0 && sub < ATOMIC_PREFIXED.length ? ATOMIC_PREFIXED[(int) sub] : null;
    }

    /** The vector instruction with opcode {@code 0xFD sub}, or null when there is none. */
    public static Opcode fromSimdSubopcode(long sub) {
        return sub >= 0 && sub < SIMD_PREFIXED.length ? SIMD_PREFIXED[(int) sub] : null;
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
