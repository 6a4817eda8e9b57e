package dev.twasm.simd;

import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * The families of vector instructions by how they are executed: each family is one node class in
 * the interpreter, one translation in the baseline tier and, for the families of pure vector
 * functions ({@link #UNARY} to {@link #REDUCE}), one table of functions per {@link SimdOps}
 * implementation. Derived from the opcode table's immediates and signatures, so a new instruction
 * only needs its row in {@link Opcode} and its function in the implementations.
 */
public enum SimdFamily {
    /** {@code [v128] -> [v128]}: {@link SimdOps#unary}. */
    UNARY,
    /** {@code [v128 v128] -> [v128]}: {@link SimdOps#binary}. */
    BINARY,
    /** {@code [v128 v128 v128] -> [v128]}: {@link SimdOps#ternary}. */
    TERNARY,
    /** {@code [v128 i32] -> [v128]} shifts: {@link SimdOps#shift}. */
    SHIFT,
    /** {@code [v128] -> [i32]}: {@link SimdOps#reduce}. */
    REDUCE,
    /** {@code shape.splat}: {@link SimdOps#splat} of the operand's raw bits. */
    SPLAT,
    /** {@code shape.extract_lane(_sx)}: {@link SimdOps#extractLane}, then sign extension or reinterpretation. */
    EXTRACT_LANE,
    /** {@code shape.replace_lane}: {@link SimdOps#replaceLane} with the operand's raw bits. */
    REPLACE_LANE,
    /** {@code i8x16.shuffle}: {@link SimdOps#shuffle}. */
    SHUFFLE,
    /** {@code v128.const}: {@link SimdOps#fromLongs}. */
    CONST,
    /** {@code v128.load}: {@link SimdOps#load}. */
    LOAD,
    /** {@code v128.loadMxN_sx}: a 64-bit load, {@link SimdOps#fromLongs}{@code (bits, 0)}, then the unary {@link #extendOf extend}. */
    LOAD_EXTEND,
    /** {@code v128.loadN_splat}: a scalar load, then {@link SimdOps#splat}. */
    LOAD_SPLAT,
    /** {@code v128.loadN_zero}: a scalar load, zero-extended into {@link SimdOps#fromLongs}. */
    LOAD_ZERO,
    /** {@code v128.loadN_lane}: a scalar load, then {@link SimdOps#replaceLane}. */
    LOAD_LANE,
    /** {@code v128.store}: {@link SimdOps#store}. */
    STORE,
    /** {@code v128.storeN_lane}: {@link SimdOps#extractLane}, then a scalar store. */
    STORE_LANE;

    /** The family of vector instruction {@code op}. */
    public static SimdFamily of(Opcode op) {
        if (!op.isVector()) {
            throw new IllegalArgumentException(op + " is not a vector instruction");
        }
        String mnemonic = op.mnemonic();
        return switch (op.immediates()) {
            case V128 -> CONST;
            case SHUFFLE -> SHUFFLE;
            case LANE -> op.results()[0] == ValType.V128 ? REPLACE_LANE : EXTRACT_LANE;
            case MEMARG_LANE -> op.results().length == 1 ? LOAD_LANE : STORE_LANE;
            case MEMARG -> {
                if (op == Opcode.V128_LOAD) {
                    yield LOAD;
                } else if (op == Opcode.V128_STORE) {
                    yield STORE;
                } else if (mnemonic.endsWith("_splat")) {
                    yield LOAD_SPLAT;
                } else if (mnemonic.endsWith("_zero")) {
                    yield LOAD_ZERO;
                }
                yield LOAD_EXTEND;
            }
            default -> {
                ValType[] params = op.params();
                if (op.results()[0] != ValType.V128) {
                    yield REDUCE;
                } else if (params[0] != ValType.V128) {
                    yield SPLAT;
                } else if (params.length == 1) {
                    yield UNARY;
                } else if (params[1] == ValType.I32) {
                    yield SHIFT;
                }
                yield params.length == 2 ? BINARY : TERNARY;
            }
        };
    }

    /**
     * log2 of the lane width in bytes of a splat, lane or lane-memory instruction (and of the
     * scalar a {@code load_splat} or {@code load_zero} reads): 0 for {@code i8x16}, 3 for
     * {@code i64x2} and {@code f64x2}.
     */
    public static int laneLog2(Opcode op) {
        return switch (of(op)) {
            case LOAD_SPLAT, LOAD_ZERO, LOAD_LANE, STORE_LANE -> op.naturalAlignmentLog2();
            case SPLAT, EXTRACT_LANE, REPLACE_LANE -> switch (op.mnemonic().substring(0, 5)) {
                case "i8x16" -> 0;
                case "i16x8" -> 1;
                case "i32x4", "f32x4" -> 2;
                default -> 3;
            };
            default -> throw new IllegalArgumentException(op + " has no lane width");
        };
    }

    /** For {@link #LOAD_EXTEND}: the unary instruction that widens the low 8 bytes as the load does. */
    public static Opcode extendOf(Opcode load) {
        return switch (load) {
            case V128_LOAD8X8_S -> Opcode.I16X8_EXTEND_LOW_I8X16_S;
            case V128_LOAD8X8_U -> Opcode.I16X8_EXTEND_LOW_I8X16_U;
            case V128_LOAD16X4_S -> Opcode.I32X4_EXTEND_LOW_I16X8_S;
            case V128_LOAD16X4_U -> Opcode.I32X4_EXTEND_LOW_I16X8_U;
            case V128_LOAD32X2_S -> Opcode.I64X2_EXTEND_LOW_I32X4_S;
            case V128_LOAD32X2_U -> Opcode.I64X2_EXTEND_LOW_I32X4_U;
            default -> throw new IllegalArgumentException(load + " is not an extending load");
        };
    }

    /**
     * For {@link #EXTRACT_LANE}: whether the raw lane bits are sign-extended to the i32 result
     * ({@code _s}); {@code _u} and full-width lanes are not.
     */
    public static boolean signExtends(Opcode extract) {
        return extract.mnemonic().endsWith("_s");
    }
}
