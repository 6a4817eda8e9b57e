package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.BlockType;
import dev.twasm.model.Expr;
import dev.twasm.model.Features;
import dev.twasm.model.Opcode;
import dev.twasm.model.ValType;

/**
 * Reads the instructions of an {@link Expr} one at a time (spec §5.4 "Instructions"), decoding the
 * opcode and its immediates into this reader's fields. No object is allocated per instruction
 * except {@code br_table} label vectors and typed {@code select} annotations, so the validator and
 * the node builder can both stream through large function bodies cheaply.
 *
 * <p>Usage: {@code while (reader.hasNext()) { Opcode op = reader.next(); ... reader.index() ... }}.
 * Malformed encodings (unknown opcodes, bad LEB128s, truncated immediates, non-zero reserved
 * bytes) raise {@link MalformedModuleException} with the offset in the module.
 */
public final class CodeReader {
    private final BinaryInput in;
    private final Features features;

    private Opcode opcode;
    private int instructionOffset;
    private int index;
    private int index2;
    private BlockType blockType;
    private int[] labels;
    private int defaultLabel;
    private int alignLog2;
    private long memoryOffset;
    private long i64;
    private ValType refType;
    private ValType refType2;
    private ValType[] selectTypes;
    private long v128Hi;
    private byte[] shuffleLanes;
    private int lane;
    private Opcode.CatchKind[] catchKinds;
    private int[] catchTags;

    /**
     * A reader of decoded code: the module was decoded with some {@link Features}, so every memarg
     * encoding of Wasm 3.0 is accepted here.
     */
    public CodeReader(Expr expr) {
        this(expr.code(), 0, expr.code().length, expr.moduleOffset(), ALL);
    }

    public CodeReader(byte[] code, int start, int end, int moduleOffsetOfArray) {
        this(code, start, end, moduleOffsetOfArray, ALL);
    }

    /** A reader that decodes only what {@code features} allow (the decoder's first pass). */
    public CodeReader(byte[] code, int start, int end, int moduleOffsetOfArray, Features features) {
        this.in = new BinaryInput(code, start, end, moduleOffsetOfArray);
        this.features = features;
    }

    private static final Features ALL = Features.WASM_3_0;

    public boolean hasNext() {
        return !in.atEnd();
    }

    /** The module offset of the next instruction (or of the end of the code). */
    public int offset() {
        return in.offset();
    }

    /** Decodes the next instruction and its immediates. */
    public Opcode next() {
        instructionOffset = in.offset();
        int b = in.readByte();
        Opcode op;
        if (b == Opcode.PREFIX_FC || b == Opcode.PREFIX_GC || b == Opcode.PREFIX_SIMD || b == Opcode.PREFIX_ATOMIC) {
            op = prefixed(b, in.readU32());
        } else {
            op = Opcode.fromByte(b);
            if (op == null || !features.exceptionHandling() && op.isExceptionHandling()
                            || !features.functionReferences() && op.isFunctionReferences()) {
                throw new MalformedModuleException("illegal opcode " + String.format("%02x", b), instructionOffset);
            }
        }
        opcode = op;
        readImmediates(op.immediates());
        if (op == Opcode.REF_TEST || op == Opcode.REF_CAST) {
            refType = refType.withNullable(false);
        }
        return op;
    }

    /**
     * The instruction {@code prefix sub} (spec §5.4: a prefix byte and a u32 subopcode); an
     * unknown one is "illegal opcode" with both numbers.
     */
    private Opcode prefixed(int prefix, long sub) {
        Opcode op = switch (prefix) {
            case Opcode.PREFIX_FC -> Opcode.fromFcSubopcode(sub);
            case Opcode.PREFIX_GC -> Opcode.fromGcSubopcode(sub);
            case Opcode.PREFIX_ATOMIC -> Opcode.fromAtomicSubopcode(sub);
            default -> Opcode.fromSimdSubopcode(sub);
        };
        if (op == null) {
            throw new MalformedModuleException("illegal opcode " + String.format("%02x %02x", prefix, sub), instructionOffset);
        }
        return op;
    }

    private void readImmediates(Opcode.Immediates kind) {
        switch (kind) {
            case NONE -> {
            }
            case BLOCK_TYPE -> blockType = readBlockType();
            case LABEL, TAG, FUNC, TYPE, LOCAL, GLOBAL, TABLE, DATA, ELEM -> index = readIndex();
            case TRY_TABLE -> {
                blockType = readBlockType();
                readCatches();
            }
            case BR_TABLE -> {
                // Each label takes at least one byte, so the length check bounds the allocation.
                int count = in.readLength();
                labels = new int[count];
                for (int i = 0; i < count; i++) {
                    labels[i] = readIndex();
                }
                defaultLabel = readIndex();
            }
            case CALL_INDIRECT -> {
                index = readIndex();
                index2 = readIndex();
            }
            case SELECT_TYPES -> {
                int count = in.readLength();
                selectTypes = new ValType[count];
                for (int i = 0; i < count; i++) {
                    selectTypes[i] = Types.readValType(in);
                }
            }
            case MEMARG -> readMemarg();
            case MEMARG_LANE -> {
                readMemarg();
                lane = in.readByte();
            }
            case LANE -> lane = in.readByte();
            case V128 -> {
                i64 = readLittleEndianLong();
                v128Hi = readLittleEndianLong();
            }
            case SHUFFLE -> shuffleLanes = in.readBytes(16);
            case MEMORY -> index = readMemoryIndex();
            case ZERO_BYTE -> readZeroByte();
            case I32 -> i64 = in.readS32();
            case I64 -> i64 = in.readS64();
            case F32 -> i64 = in.readF32Bits();
            case F64 -> i64 = in.readF64Bits();
            case REF_TYPE -> refType = Types.readHeapType(in, true);
            case MEMORY_INIT -> {
                index = readIndex();
                index2 = readMemoryIndex();
            }
            case MEMORY_COPY -> {
                index = readMemoryIndex();
                index2 = readMemoryIndex();
            }
            case TABLE_INIT, TYPE_FIELD, TYPE_TYPE, TYPE_DATA, TYPE_ELEM -> {
                index = readIndex();
                index2 = readIndex();
            }
            case TYPE_COUNT -> {
                index = readIndex();
                index2 = (int) Math.min(in.readU32(), Integer.MAX_VALUE);
            }
            case BR_ON_CAST -> {
                int at = in.index();
                int flags = in.readByte();
                if ((flags & ~3) != 0) {
                    throw in.malformedAt("malformed cast flags", at);
                }
                index = readIndex();
                refType = Types.readHeapType(in, (flags & 1) != 0);
                refType2 = Types.readHeapType(in, (flags & 2) != 0);
            }
            case TABLE_COPY -> {
                index = readIndex();
                index2 = readIndex();
            }
        }
    }

    /**
     * A memarg (spec §5.4.6): the flags are the alignment exponent, below 32 in Wasm 2.0; with
     * multi-memory (Wasm 3.0), bit 6 of the flags says a memory index follows them, flags from
     * 128 are malformed and any exponent below 64 is left to validation ("alignment must not be
     * larger than natural"). The offset is a u32, or with memory64 a u64 (validation bounds it by
     * the memory's address type).
     */
    private void readMemarg() {
        long flags = in.readU32();
        index = 0;
        if (features.multiMemory() && (flags & 0x40) != 0 && flags < 0x80) {
            flags &= ~0x40L;
            index = readIndex();
        }
        if (flags >= (features.multiMemory() ? 64 : 32)) {
            throw in.malformedAt("malformed memop flags", in.index() - 1);
        }
        alignLog2 = (int) flags;
        memoryOffset = features.memory64() ? in.readUnsigned(64) : in.readU32();
    }

    /**
     * {@code try_table}'s {@code vec(catch)} (spec §5.4.1): per clause a kind byte, a tag index
     * unless it is a {@code catch_all}, and a label; the labels go to {@link #labels()}.
     */
    private void readCatches() {
        // Each clause takes at least two bytes, so the length check bounds the allocation.
        int count = in.readLength();
        catchKinds = new Opcode.CatchKind[count];
        catchTags = new int[count];
        labels = new int[count];
        for (int i = 0; i < count; i++) {
            int at = in.index();
            Opcode.CatchKind kind = Opcode.CatchKind.fromByte(in.readByte());
            if (kind == null) {
                throw in.malformedAt("malformed catch clause", at);
            }
            catchKinds[i] = kind;
            catchTags[i] = kind.hasTag() ? readIndex() : -1;
            labels[i] = readIndex();
        }
    }

    private long readLittleEndianLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) in.readByte() << (8 * i);
        }
        return value;
    }

    private int readIndex() {
        // Indices beyond int range can never be valid; clamped so validation reports "unknown ...".
        return in.readIndex();
    }

    /**
     * Wasm 2.0 encodes the memory index of memory instructions as a reserved 0x00 byte; with
     * multi-memory it is a memory index.
     */
    private int readMemoryIndex() {
        if (features.multiMemory()) {
            return readIndex();
        }
        readZeroByte();
        return 0;
    }

    /** A reserved byte that must be 0x00 ({@code atomic.fence}'s, threads), else "zero byte expected" as for 2.0's memory index. */
    private void readZeroByte() {
        if (in.readByte() != 0) {
            throw in.malformedAt("zero byte expected", in.index() - 1);
        }
    }

    private BlockType readBlockType() {
        int b = in.peekByte();
        if (b == 0x40) {
            in.readByte();
            return BlockType.EMPTY;
        }
        if (b == Types.REF || b == Types.REF_NULL) {
            in.readByte();
            return BlockType.of(Types.readHeapType(in, b == Types.REF_NULL));
        }
        ValType t = Types.valTypeOrNull(b);
        if (t != null) {
            in.readByte();
            return BlockType.of(t);
        }
        long typeIndex = in.readSigned(33);
        if (typeIndex < 0) {
            throw in.malformedAt("malformed block type", instructionOffset + 1);
        }
        return BlockType.ofTypeIndex((int) Math.min(typeIndex, Integer.MAX_VALUE));
    }

    // ---- the current instruction -------------------------------------------------------------

    public Opcode opcode() {
        return opcode;
    }

    /** Module offset of the current instruction's first byte. */
    public int instructionOffset() {
        return instructionOffset;
    }

    /**
     * The first index immediate: label, function, local, global, table, data or element index;
     * the type index of {@code call_indirect}; the destination of {@code table.copy} and
     * {@code memory.copy}; the segment of {@code memory.init} and {@code table.init}; the memory of
     * {@code memory.size}, {@code memory.grow}, {@code memory.fill} and of loads and stores.
     */
    public int index() {
        return index;
    }

    /**
     * The second index immediate: the table of {@code call_indirect} and {@code table.init}, the
     * memory of {@code memory.init}, the source of {@code table.copy} and {@code memory.copy}; of
     * the GC instructions the field of {@code struct.get/set}, the source type of
     * {@code array.copy}, the count of {@code array.new_fixed} and the data or element segment of
     * {@code array.new_data/elem} and {@code array.init_data/elem} (the first index is their type).
     */
    public int index2() {
        return index2;
    }

    public BlockType blockType() {
        return blockType;
    }

    /** The catch clauses of {@code try_table}, in order; their labels are {@link #labels()}. */
    public Opcode.CatchKind[] catchKinds() {
        return catchKinds;
    }

    /** The tag index of each catch clause of {@code try_table}; -1 for {@code catch_all} clauses. */
    public int[] catchTags() {
        return catchTags;
    }

    /** The label vector of {@code br_table} (without the default), or the labels of {@code try_table}'s catch clauses. */
    public int[] labels() {
        return labels;
    }

    public int defaultLabel() {
        return defaultLabel;
    }

    /** The alignment exponent of a memarg (below 32; larger flags are malformed). */
    public int alignLog2() {
        return alignLog2;
    }

    /** The offset of a memarg, unsigned. */
    public long memoryOffset() {
        return memoryOffset;
    }

    public int i32() {
        return (int) i64;
    }

    public long i64() {
        return i64;
    }

    public int f32Bits() {
        return (int) i64;
    }

    public long f64Bits() {
        return i64;
    }

    /**
     * The type of {@code ref.null}, the target type of {@code ref.test} and {@code ref.cast}, or
     * the source type of {@code br_on_cast} and {@code br_on_cast_fail}.
     */
    public ValType refType() {
        return refType;
    }

    /** The target type of {@code br_on_cast} and {@code br_on_cast_fail}. */
    public ValType refType2() {
        return refType2;
    }

    /** Bytes 0-7 of a {@code v128.const}, little-endian (lane 0 of i64x2). */
    public long v128Lo() {
        return i64;
    }

    /** Bytes 8-15 of a {@code v128.const}, little-endian (lane 1 of i64x2). */
    public long v128Hi() {
        return v128Hi;
    }

    /** The 16 lane indices of {@code i8x16.shuffle}, unchecked (validation bounds them by 32). */
    public byte[] shuffleLanes() {
        return shuffleLanes;
    }

    /** The lane index of an extract_lane, replace_lane, load_lane or store_lane, unchecked. */
    public int lane() {
        return lane;
    }

    /** The annotation of typed {@code select}. */
    public ValType[] selectTypes() {
        return selectTypes;
    }
}
