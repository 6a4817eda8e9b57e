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
     * {@code limits ::= 0x00 min | 0x01 min max} (spec §5.3.7). The flag is read as a 1-bit LEB128
     * number, as in the reference interpreter: other values are "integer too large".
     */
    static Limits limits(BinaryInput in) {
        boolean hasMax = in.readUnsigned(1) == 1;
        long min = in.readU32();
        long max = hasMax ? in.readU32() : Limits.NO_MAX;
        return new Limits(min, max);
    }

    /** {@code memtype ::= limits} (spec §5.3.8). */
    static MemoryType memoryType(BinaryInput in) {
        return new MemoryType(limits(in));
    }

    /** {@code tabletype ::= reftype limits} (spec §5.3.9). */
    static TableType tableType(BinaryInput in) {
        ValType elemType = Types.readRefType(in);
        return new TableType(elemType, limits(in));
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
