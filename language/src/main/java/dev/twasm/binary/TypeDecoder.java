package dev.twasm.binary;

import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

/**
 * Reads the composite types of the binary format (spec §5.3 "Types"): function types, limits,
 * memory, table and global types. Value and reference types are read by {@link Types}.
 */
final class TypeDecoder {
    /** The byte 0x60 introducing a function type, as the signed 7-bit number the spec reads. */
    private static final long FUNC_TYPE_FORM = Types.FUNC_TYPE - 0x80;

    private TypeDecoder() {
    }

    /** {@code functype ::= 0x60 vec(valtype) vec(valtype)} (spec §5.3.6). */
    static FuncType funcType(BinaryInput in) {
        if (in.readSigned(7) != FUNC_TYPE_FORM) {
            throw in.malformedAt("malformed function type", in.index() - 1);
        }
        ValType[] params = resultType(in);
        ValType[] results = resultType(in);
        return new FuncType(params, results);
    }

    /** {@code resulttype ::= vec(valtype)} (spec §5.3.5). */
    private static ValType[] resultType(BinaryInput in) {
        ValType[] types = new ValType[in.readLength()];
        for (int i = 0; i < types.length; i++) {
            types[i] = Types.readValType(in);
        }
        return types;
    }

    /**
     * {@code limits ::= 0x00 min | 0x01 min max} (spec §5.3.7). In Wasm 2.0 the flag is read as a
     * 1-bit LEB128 number, as in the reference interpreter (other values are "integer too large")
     * and the bounds are u32s. With {@code wasm30} (memory64, spec 3.0 §5.3.8) the flag is a byte
     * and the bounds u64s, which validation restricts; flags 4 and 5 (64-bit address types) are
     * not implemented, other flags are "malformed limits flags".
     */
    static Limits limits(BinaryInput in, boolean wasm30) {
        if (!wasm30) {
            boolean hasMax = in.readUnsigned(1) == 1;
            long min = in.readU32();
            long max = hasMax ? in.readU32() : Limits.NO_MAX;
            return new Limits(min, max);
        }
        int at = in.index();
        int flags = in.readByte();
        if (flags == 4 || flags == 5) {
            throw in.malformedAt("64-bit address types (memory64, table64) are not implemented", at);
        }
        if (flags > 1) {
            throw in.malformedAt("malformed limits flags", at);
        }
        long min = bound(in.readUnsigned(64));
        long max = flags == 1 ? bound(in.readUnsigned(64)) : Limits.NO_MAX;
        return new Limits(min, max);
    }

    /** A u64 bound; one that does not fit a signed long is out of every range, kept as the largest long. */
    private static long bound(long u64) {
        return u64 < 0 ? Long.MAX_VALUE : u64;
    }

    /** {@code memtype ::= limits} (spec §5.3.8). */
    static MemoryType memoryType(BinaryInput in, boolean wasm30) {
        return new MemoryType(limits(in, wasm30));
    }

    /** {@code tabletype ::= reftype limits} (spec §5.3.9). */
    static TableType tableType(BinaryInput in, boolean wasm30) {
        ValType elemType = Types.readRefType(in);
        return new TableType(elemType, limits(in, wasm30));
    }

    /** {@code globaltype ::= valtype mut}, {@code mut ::= 0x00 | 0x01} (spec §5.3.10). */
    static GlobalType globalType(BinaryInput in) {
        ValType type = Types.readValType(in);
        int mutability = in.readByte();
        if (mutability > 1) {
            throw in.malformedAt("malformed mutability", in.index() - 1);
        }
        return new GlobalType(type, mutability == 1);
    }
}
