package dev.twasm.binary;

import dev.twasm.model.AddressType;
import dev.twasm.model.ArrayType;
import dev.twasm.model.CompositeType;
import dev.twasm.model.Features;
import dev.twasm.model.FieldType;
import dev.twasm.model.FuncType;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.StructType;
import dev.twasm.model.SubType;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the types of the binary format (spec 3.0 §5.3 "Types"): recursion groups of sub types of
 * function, structure and array types, limits,
 * memory, table and global types. Value and reference types are read by {@link Types}.
 */
final class TypeDecoder {
    /** The byte 0x60 introducing a function type, as the signed 7-bit number the spec reads. */
    private static final long FUNC_TYPE_FORM = Types.FUNC_TYPE - 0x80;

    private TypeDecoder() {
    }

    /** The bytes introducing a structure type, an array type (GC), as signed 7-bit numbers. */
    private static final long STRUCT_TYPE_FORM = 0x5F - 0x80;
    private static final long ARRAY_TYPE_FORM = 0x5E - 0x80;
    /** {@code rec}, {@code sub} and {@code sub final} (spec 3.0 §5.3.8), as signed 7-bit numbers. */
    private static final long REC_FORM = 0x4E - 0x80;
    private static final long SUB_FORM = 0x50 - 0x80;
    private static final long SUB_FINAL_FORM = 0x4F - 0x80;
    /** The packed storage types {@code i8} and {@code i16} of GC fields. */
    private static final int I8 = 0x78;
    private static final int I16 = 0x77;

    /**
     * One entry of the type section, a recursion group (spec 3.0 §5.3.8): {@code rectype ::= 0x4E
     * vec(subtype) | subtype}, {@code subtype ::= 0x50 vec(typeidx) comptype | 0x4F vec(typeidx)
     * comptype | comptype}, the last two forms meaning a group of one, the last one final without
     * supertypes.
     */
    static List<SubType> recType(BinaryInput in) {
        int at = in.index();
        long form = in.readSigned(7);
        if (form == REC_FORM) {
            int n = in.readLength();
            List<SubType> group = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                group.add(subType(in, in.index(), in.readSigned(7)));
            }
            return group;
        }
        return List.of(subType(in, at, form));
    }

    private static SubType subType(BinaryInput in, int at, long form) {
        if (form == SUB_FORM || form == SUB_FINAL_FORM) {
            int[] supers = new int[in.readLength()];
            for (int i = 0; i < supers.length; i++) {
                supers[i] = in.readIndex();
            }
            int compAt = in.index();
            return new SubType(form == SUB_FINAL_FORM, supers, compositeType(in, compAt, in.readSigned(7)));
        }
        return SubType.plain(compositeType(in, at, form));
    }

    /** {@code comptype ::= 0x5E arraytype | 0x5F structtype | 0x60 functype} (spec 3.0 §5.3.7). */
    private static CompositeType compositeType(BinaryInput in, int at, long form) {
        if (form == FUNC_TYPE_FORM) {
            ValType[] params = resultType(in);
            ValType[] results = resultType(in);
            return new FuncType(params, results);
        }
        if (form == STRUCT_TYPE_FORM) {
            FieldType[] fields = new FieldType[in.readLength()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fieldType(in);
            }
            return new StructType(List.of(fields));
        }
        if (form == ARRAY_TYPE_FORM) {
            return new ArrayType(fieldType(in));
        }
        throw in.malformedAt("malformed function type", at);
    }

    /** Wasm 2.0's type section entry: {@code functype ::= 0x60 vec(valtype) vec(valtype)} only. */
    static FuncType funcType(BinaryInput in) {
        int at = in.index();
        if (in.readSigned(7) != FUNC_TYPE_FORM) {
            throw in.malformedAt("malformed function type", at);
        }
        ValType[] params = resultType(in);
        ValType[] results = resultType(in);
        return new FuncType(params, results);
    }

    /** {@code fieldtype ::= storagetype mut}, {@code storagetype ::= valtype | 0x78 (i8) | 0x77 (i16)}. */
    private static FieldType fieldType(BinaryInput in) {
        int b = in.peekByte();
        ValType valType = null;
        FieldType.PackedType packed = null;
        if (b == I8 || b == I16) {
            in.readByte();
            packed = b == I8 ? FieldType.PackedType.I8 : FieldType.PackedType.I16;
        } else {
            valType = Types.readValType(in);
        }
        int mutability = in.readByte();
        if (mutability > 1) {
            throw in.malformedAt("malformed mutability", in.index() - 1);
        }
        return new FieldType(valType, packed, mutability == 1);
    }

    /** {@code resulttype ::= vec(valtype)} (spec §5.3.5). */
    private static ValType[] resultType(BinaryInput in) {
        ValType[] types = new ValType[in.readLength()];
        for (int i = 0; i < types.length; i++) {
            types[i] = Types.readValType(in);
        }
        return types;
    }

    /** Bit 0 of the limits' flags: a maximum follows the minimum. */
    static final int LIMITS_HAS_MAX = 0b001;
    /** Bit 1 of the limits' flags (threads proposal): the memory is {@code shared}. */
    static final int LIMITS_SHARED = 0b010;
    /** Bit 2 of the limits' flags (memory64): the address type is {@code i64}. */
    static final int LIMITS_I64 = 0b100;

    /**
     * Limits as the binary format encodes them, with what their flags say besides: the address
     * type and, for a memory, whether it is {@code shared}.
     */
    private record DecodedLimits(AddressType addressType, Limits limits, boolean shared) {
        /**
         * Wasm 2.0's {@code limits ::= 0x00 min | 0x01 min max} (spec 2.0 §5.3.7), u32 sizes. The
         * flag is read as a 1-bit LEB128 number, as in the 2.0 reference interpreter: other values
         * are "integer too large". Where {@code sharable} (a memory, with the threads proposal) it
         * is a 2-bit number, {@code 0x02 min} and {@code 0x03 min max} being shared memories.
         */
        static DecodedLimits wasm2(BinaryInput in, boolean sharable) {
            int flags = (int) in.readUnsigned(sharable ? 2 : 1);
            long min = in.readU32();
            long max = (flags & LIMITS_HAS_MAX) != 0 ? in.readU32() : Limits.NO_MAX;
            return new DecodedLimits(AddressType.I32, new Limits(min, max), (flags & LIMITS_SHARED) != 0);
        }

        /**
         * Wasm 3.0's limits with their address type (spec 3.0 §5.3.7): a flags byte, bit 0 for a
         * maximum and bit 2 for the {@code i64} address type, and where {@code sharable} (a memory)
         * bit 1 for {@code shared} (threads), then u64 sizes; any other flags byte is
         * "malformed limits flags".
         */
        static DecodedLimits wasm3(BinaryInput in, boolean sharable) {
            int flags = in.readByte();
            int known = LIMITS_HAS_MAX | LIMITS_I64 | (sharable ? LIMITS_SHARED : 0);
            if ((flags & ~known) != 0) {
                throw in.malformedAt("malformed limits flags", in.index() - 1);
            }
            AddressType addressType = (flags & LIMITS_I64) != 0 ? AddressType.I64 : AddressType.I32;
            // sizes are u64s for both address types; validation bounds them by the type
            long min = in.readUnsigned(64);
            boolean hasMax = (flags & LIMITS_HAS_MAX) != 0;
            long max = hasMax ? in.readUnsigned(64) : Limits.NO_MAX;
            return new DecodedLimits(addressType, new Limits(min, max, hasMax), (flags & LIMITS_SHARED) != 0);
        }

        static DecodedLimits read(BinaryInput in, Features features, boolean sharable) {
            return features.memory64() ? wasm3(in, sharable) : wasm2(in, sharable && features.threads());
        }
    }

    /**
     * {@code memtype ::= addrtype limits} (spec 3.0 §5.3.8), with the threads proposal's
     * {@code shared} flag; Wasm 2.0's form without memory64.
     */
    static MemoryType memoryType(BinaryInput in, Features features) {
        DecodedLimits limits = DecodedLimits.read(in, features, true);
        return new MemoryType(limits.addressType(), limits.limits(), limits.shared());
    }

    /** {@code tabletype ::= reftype addrtype limits} (spec 3.0 §5.3.9); 2.0's form without memory64. Tables are never shared. */
    static TableType tableType(BinaryInput in, Features features) {
        ValType elemType = Types.readRefType(in);
        DecodedLimits limits = DecodedLimits.read(in, features, false);
        return new TableType(limits.addressType(), elemType, limits.limits());
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
