package dev.twasm.component.abi;

import dev.twasm.component.FuncType;
import dev.twasm.component.ValType;
import dev.twasm.component.ValType.Borrow;
import dev.twasm.component.ValType.Case;
import dev.twasm.component.ValType.Field;
import dev.twasm.component.ValType.FlagsType;
import dev.twasm.component.ValType.ListType;
import dev.twasm.component.ValType.Own;
import dev.twasm.component.ValType.Primitive;
import dev.twasm.component.ValType.RecordType;
import dev.twasm.component.ValType.TupleType;
import dev.twasm.component.ValType.VariantType;
import dev.twasm.component.abi.AbiValue.Bool;
import dev.twasm.component.abi.AbiValue.Char;
import dev.twasm.component.abi.AbiValue.F32;
import dev.twasm.component.abi.AbiValue.F64;
import dev.twasm.component.abi.AbiValue.FlagsValue;
import dev.twasm.component.abi.AbiValue.Handle;
import dev.twasm.component.abi.AbiValue.Int;
import dev.twasm.component.abi.AbiValue.ListValue;
import dev.twasm.component.abi.AbiValue.RecordValue;
import dev.twasm.component.abi.AbiValue.Str;
import dev.twasm.component.abi.AbiValue.VariantValue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The canonical ABI's value transfers for one memory and allocator (the {@code memory} and
 * {@code realloc} canonical options) with {@code string-encoding=utf8}: {@code load} and
 * {@code store} of {@link AbiValue}s in an {@link AbiMemory}, and {@code lift_flat} and
 * {@code lower_flat} between values and flat core values, and {@code lift_flat_values} and
 * {@code lower_flat_values} for a function's parameters and results. The other string encodings
 * ({@code utf16}, {@code latin1+utf16}) are not implemented yet.
 *
 * <p><b>Memory.</b> Little-endian, every value at an address aligned to its
 * {@link Layout#alignment}, records and variant payloads laid out as {@link Layout} computes. A
 * string or list is a pair of i32s (pointer, then length: bytes for a UTF-8 string, elements for a
 * list) pointing to its contents elsewhere in memory, which storing allocates through
 * {@link AbiMemory#realloc}.
 *
 * <p><b>Flat values.</b> A flattening ({@link Layout#flatten}) is carried as a {@code long[]} with
 * one element per {@link FlatType}: an i32 or f32 in the low 32 bits, zero-extended (an f32 by its
 * raw bits, {@link Float#floatToRawIntBits}), an i64 as it is, an f64 by its raw bits
 * ({@link Double#doubleToRawLongBits}). With this encoding the coercions between a variant case's
 * own flat types and the joined slot types ({@code lift_flat_variant}'s and
 * {@code lower_flat_variant}'s reinterpretations, wrapping and extension) keep the bits as they
 * are; lifting an i32 or f32 reads only the low 32 bits of its element, as {@code lift_flat}
 * ignores the bits of an i32 beyond a narrower integer type.
 *
 * <p><b>Floats.</b> Lifting and loading turn every NaN into the canonical NaN
 * ({@code canonicalize_nan32}/{@code 64}); lowering and storing do the same, which is the ABI's
 * deterministic profile of {@code maybe_scramble_nan32}/{@code 64}.
 *
 * <p><b>Traps and errors.</b> What a guest can get wrong is an {@link AbiTrap}: a misaligned or
 * out-of-bounds pointer (given, or returned by {@code realloc}), invalid UTF-8, a discriminant
 * beyond the cases, a {@code char} that is no Unicode scalar value, a list or string too long. A
 * {@code bool} lifts as true for any non-zero byte or i32 ({@code convert_int_to_bool}), and an
 * integer narrower than its flat i32 keeps only its low bits ({@code lift_flat_unsigned},
 * {@code lift_flat_signed}); neither traps. A host value that does not fit its type is an
 * {@link IllegalArgumentException}. Handles are transferred as their table indices: the handle
 * table operations of {@code lift_own}, {@code lift_borrow}, {@code lower_own} and
 * {@code lower_borrow} come with resources.
 */
public final class CanonicalAbi {
    /** The longest string the ABI transfers, in bytes ({@code MAX_STRING_BYTE_LENGTH}). */
    public static final long MAX_STRING_BYTE_LENGTH = (1L << 31) - 1;
    /** The bits of the canonical f32 NaN ({@code CANONICAL_FLOAT32_NAN}). */
    public static final int CANONICAL_F32_NAN = 0x7fc00000;
    /** The bits of the canonical f64 NaN ({@code CANONICAL_FLOAT64_NAN}). */
    public static final long CANONICAL_F64_NAN = 0x7ff8000000000000L;

    /** Java lists hold at most this many elements; a longer list traps. */
    private static final long MAX_LIST_LENGTH = Integer.MAX_VALUE - 8;

    private final Layout layout;
    private final AbiMemory memory;

    public CanonicalAbi(Layout layout, AbiMemory memory) {
        this.layout = layout;
        this.memory = memory;
    }

    public Layout layout() {
        return layout;
    }

    // ---------------------------------------------------------------- load

    /**
     * {@code load}: the value of type {@code t} at {@code ptr}. Traps if {@code ptr} is not
     * aligned to {@code t} or the value does not fit in memory, and on whatever the value points to
     * that is invalid.
     */
    public AbiValue load(int ptr, ValType t) {
        long p = Integer.toUnsignedLong(ptr);
        checkRange(p, layout.alignment(t), layout.size(t), t);
        return loadAt(p, t);
    }

    private AbiValue loadAt(long ptr, ValType t) {
        return switch (layout.despecialize(t)) {
            case Primitive p -> switch (p) {
                case BOOL -> new Bool(readInt(ptr, 1) != 0);
                case U8, S8, U16, S16, U32, S32, U64, S64 -> new Int(p, narrow(p, readInt(ptr, intBytes(p))));
                case F32 -> new F32(canonicalize(Float.intBitsToFloat((int) readInt(ptr, 4))));
                case F64 -> new F64(canonicalize(Double.longBitsToDouble(readInt(ptr, 8))));
                case CHAR -> toChar(readInt(ptr, 4));
                case STRING -> loadString(readInt(ptr, 4), readInt(ptr + 4, 4));
            };
            case ListType(ValType element) -> loadList(readInt(ptr, 4), readInt(ptr + 4, 4), element);
            case RecordType(List<Field> fields) -> {
                List<AbiValue> values = new ArrayList<>(fields.size());
                long p = ptr;
                for (Field f : fields) {
                    p = Layout.alignTo(p, layout.alignment(f.type()));
                    values.add(loadAt(p, f.type()));
                    p += layout.size(f.type());
                }
                yield new RecordValue(values);
            }
            case VariantType(List<Case> cases) -> {
                long index = readInt(ptr, Layout.discriminantSize(cases.size()));
                Case c = caseAt(cases, index);
                yield new VariantValue((int) index, c.type() == null ? null : loadAt(ptr + layout.payloadOffset(cases), c.type()));
            }
            case FlagsType(List<String> labels) -> {
                byte[] bytes = new byte[Layout.flagsSize(labels.size())];
                memory.get((int) ptr, bytes);
                BitSet bits = BitSet.valueOf(bytes);
                bits.clear(labels.size(), Math.max(labels.size(), bits.length()));
                yield new FlagsValue(bits);
            }
            case Own o -> new Handle((int) readInt(ptr, 4));
            case Borrow b -> new Handle((int) readInt(ptr, 4));
            default -> throw new IllegalArgumentException("unsupported type " + t.witName());
        };
    }

    /** {@code load_string_from_range} for UTF-8: {@code byteLength} bytes at {@code ptr}, decoded strictly. */
    private AbiValue loadString(long ptr, long byteLength) {
        checkRange(ptr, 1, byteLength, Primitive.STRING);
        if (byteLength > MAX_STRING_BYTE_LENGTH) {
            throw new AbiTrap("string of " + byteLength + " bytes is too long");
        }
        byte[] bytes = new byte[(int) byteLength];
        memory.get((int) ptr, bytes);
        try {
            return new Str(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new AbiTrap("invalid UTF-8 in a string of " + byteLength + " bytes at 0x" + Long.toHexString(ptr));
        }
    }

    /** {@code load_list_from_range}: {@code length} elements of type {@code element} from {@code ptr} on. */
    private AbiValue loadList(long ptr, long length, ValType element) {
        int size = layout.size(element);
        checkRange(ptr, layout.alignment(element), length * size, element);
        if (length > MAX_LIST_LENGTH) {
            throw new AbiTrap("list of " + length + " elements is too long");
        }
        List<AbiValue> values = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            values.add(loadAt(ptr + i * size, element));
        }
        return new ListValue(values);
    }

    // ---------------------------------------------------------------- store

    /**
     * {@code store}: writes {@code v} of type {@code t} at {@code ptr}, allocating the contents of
     * strings and lists through {@code realloc}. Traps if {@code ptr} is misaligned or the value
     * does not fit in memory, or if {@code realloc} returns such a pointer.
     */
    public void store(AbiValue v, ValType t, int ptr) {
        long p = Integer.toUnsignedLong(ptr);
        checkRange(p, layout.alignment(t), layout.size(t), t);
        storeAt(v, t, p);
    }

    private void storeAt(AbiValue v, ValType t, long ptr) {
        switch (layout.despecialize(t)) {
            case Primitive p -> {
                switch (p) {
                    case BOOL -> writeInt(ptr, expect(v, Bool.class, t).value() ? 1 : 0, 1);
                    case U8, S8, U16, S16, U32, S32, U64, S64 -> writeInt(ptr, integer(v, p), intBytes(p));
                    case F32 -> writeInt(ptr, encode(expect(v, F32.class, t).value()), 4);
                    case F64 -> writeInt(ptr, encode(expect(v, F64.class, t).value()), 8);
                    case CHAR -> writeInt(ptr, expect(v, Char.class, t).codePoint(), 4);
                    case STRING -> {
                        long[] range = storeString(expect(v, Str.class, t).value());
                        writeInt(ptr, range[0], 4);
                        writeInt(ptr + 4, range[1], 4);
                    }
                }
            }
            case ListType(ValType element) -> {
                long[] range = storeList(expect(v, ListValue.class, t).elements(), element);
                writeInt(ptr, range[0], 4);
                writeInt(ptr + 4, range[1], 4);
            }
            case RecordType(List<Field> fields) -> {
                List<AbiValue> values = fields(v, fields, t);
                long p = ptr;
                for (int i = 0; i < fields.size(); i++) {
                    ValType ft = fields.get(i).type();
                    p = Layout.alignTo(p, layout.alignment(ft));
                    storeAt(values.get(i), ft, p);
                    p += layout.size(ft);
                }
            }
            case VariantType(List<Case> cases) -> {
                VariantValue vv = variant(v, cases, t);
                writeInt(ptr, vv.caseIndex(), Layout.discriminantSize(cases.size()));
                ValType payload = cases.get(vv.caseIndex()).type();
                if (payload != null) {
                    storeAt(vv.payload(), payload, ptr + layout.payloadOffset(cases));
                }
            }
            case FlagsType(List<String> labels) -> {
                byte[] bytes = Arrays.copyOf(flags(v, labels, t).toByteArray(), Layout.flagsSize(labels.size()));
                memory.put((int) ptr, bytes);
            }
            case Own o -> writeInt(ptr, expect(v, Handle.class, t).index(), 4);
            case Borrow b -> writeInt(ptr, expect(v, Handle.class, t).index(), 4);
            default -> throw new IllegalArgumentException("unsupported type " + t.witName());
        }
    }

    /** {@code store_string_into_range} for UTF-8: allocates the bytes of {@code s} and copies them; returns {pointer, byte length}. */
    private long[] storeString(String s) {
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(s));
            bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not Unicode (a lone surrogate?)", e);
        }
        if (bytes.length > MAX_STRING_BYTE_LENGTH) {
            throw new AbiTrap("string of " + bytes.length + " bytes is too long");
        }
        long ptr = Integer.toUnsignedLong(memory.realloc(0, 0, 1, bytes.length));
        checkRange(ptr, 1, bytes.length, Primitive.STRING);
        memory.put((int) ptr, bytes);
        return new long[]{ptr, bytes.length};
    }

    /** {@code store_list_into_range}: allocates the elements and stores them; returns {pointer, length}. */
    private long[] storeList(List<AbiValue> elements, ValType element) {
        int size = layout.size(element);
        int align = layout.alignment(element);
        long byteLength = (long) elements.size() * size;
        if (byteLength >= 1L << 32) {
            throw new AbiTrap("list of " + byteLength + " bytes does not fit in memory");
        }
        long ptr = Integer.toUnsignedLong(memory.realloc(0, 0, align, (int) byteLength));
        checkRange(ptr, align, byteLength, element);
        for (int i = 0; i < elements.size(); i++) {
            storeAt(elements.get(i), element, ptr + (long) i * size);
        }
        return new long[]{ptr, elements.size()};
    }

    // ---------------------------------------------------------------- lift_flat

    /**
     * {@code lift_flat}: the value of type {@code t} from its flattening {@code flat} (as many
     * elements as {@link Layout#flatten} gives for {@code t}, encoded as the class comment says).
     * Strings and lists are read from memory.
     */
    public AbiValue liftFlat(ValType t, long[] flat) {
        return liftFlat(List.of(t), flat).getFirst();
    }

    /** {@code lift_flat} of several values from their flattenings one after the other. */
    public List<AbiValue> liftFlat(List<ValType> ts, long[] flat) {
        int expected = layout.flatten(ts).size();
        if (flat.length != expected) {
            throw new IllegalArgumentException(flat.length + " flat values where the types flatten to " + expected);
        }
        int[] cursor = {0};
        List<AbiValue> values = new ArrayList<>(ts.size());
        for (ValType t : ts) {
            values.add(lift(t, flat, cursor));
        }
        return values;
    }

    private AbiValue lift(ValType t, long[] flat, int[] cursor) {
        return switch (layout.despecialize(t)) {
            case Primitive p -> switch (p) {
                case BOOL -> new Bool((int) flat[cursor[0]++] != 0);
                case U8, S8, U16, S16, U32, S32, U64, S64 -> new Int(p, narrow(p, flat[cursor[0]++]));
                case F32 -> new F32(canonicalize(Float.intBitsToFloat((int) flat[cursor[0]++])));
                case F64 -> new F64(canonicalize(Double.longBitsToDouble(flat[cursor[0]++])));
                case CHAR -> toChar(flat[cursor[0]++] & 0xFFFF_FFFFL);
                case STRING -> {
                    long ptr = flat[cursor[0]++] & 0xFFFF_FFFFL;
                    yield loadString(ptr, flat[cursor[0]++] & 0xFFFF_FFFFL);
                }
            };
            case ListType(ValType element) -> {
                long ptr = flat[cursor[0]++] & 0xFFFF_FFFFL;
                yield loadList(ptr, flat[cursor[0]++] & 0xFFFF_FFFFL, element);
            }
            case RecordType(List<Field> fields) -> {
                List<AbiValue> values = new ArrayList<>(fields.size());
                for (Field f : fields) {
                    values.add(lift(f.type(), flat, cursor));
                }
                yield new RecordValue(values);
            }
            case VariantType(List<Case> cases) -> {
                int end = cursor[0] + layout.flatten(t).size();
                long index = flat[cursor[0]++] & 0xFFFF_FFFFL;
                Case c = caseAt(cases, index);
                AbiValue payload = c.type() == null ? null : lift(c.type(), flat, cursor);
                cursor[0] = end;
                yield new VariantValue((int) index, payload);
            }
            case FlagsType(List<String> labels) -> {
                int words = Layout.flagWords(labels.size());
                long[] longs = new long[(words + 1) / 2];
                for (int i = 0; i < words; i++) {
                    longs[i / 2] |= (flat[cursor[0]++] & 0xFFFF_FFFFL) << (32 * (i % 2));
                }
                BitSet bits = BitSet.valueOf(longs);
                bits.clear(labels.size(), Math.max(labels.size(), bits.length()));
                yield new FlagsValue(bits);
            }
            case Own o -> new Handle((int) flat[cursor[0]++]);
            case Borrow b -> new Handle((int) flat[cursor[0]++]);
            default -> throw new IllegalArgumentException("unsupported type " + t.witName());
        };
    }

    // ---------------------------------------------------------------- lower_flat

    /**
     * {@code lower_flat}: the flattening of {@code v} of type {@code t}, encoded as the class
     * comment says; strings and lists are stored in memory first. Slots of a variant that its case
     * does not use are 0.
     */
    public long[] lowerFlat(AbiValue v, ValType t) {
        return lowerFlat(List.of(v), List.of(t));
    }

    /** {@code lower_flat} of several values, their flattenings one after the other. */
    public long[] lowerFlat(List<AbiValue> vs, List<ValType> ts) {
        if (vs.size() != ts.size()) {
            throw new IllegalArgumentException(vs.size() + " values for " + ts.size() + " types");
        }
        long[] out = new long[layout.flatten(ts).size()];
        int[] cursor = {0};
        for (int i = 0; i < vs.size(); i++) {
            lower(vs.get(i), ts.get(i), out, cursor);
        }
        return out;
    }

    private void lower(AbiValue v, ValType t, long[] out, int[] cursor) {
        switch (layout.despecialize(t)) {
            case Primitive p -> {
                switch (p) {
                    case BOOL -> out[cursor[0]++] = expect(v, Bool.class, t).value() ? 1 : 0;
                    case U8, S8, U16, S16, U32, S32 -> out[cursor[0]++] = integer(v, p) & 0xFFFF_FFFFL;
                    case U64, S64 -> out[cursor[0]++] = integer(v, p);
                    case F32 -> out[cursor[0]++] = encode(expect(v, F32.class, t).value()) & 0xFFFF_FFFFL;
                    case F64 -> out[cursor[0]++] = encode(expect(v, F64.class, t).value());
                    case CHAR -> out[cursor[0]++] = expect(v, Char.class, t).codePoint();
                    case STRING -> {
                        long[] range = storeString(expect(v, Str.class, t).value());
                        out[cursor[0]++] = range[0];
                        out[cursor[0]++] = range[1];
                    }
                }
            }
            case ListType(ValType element) -> {
                long[] range = storeList(expect(v, ListValue.class, t).elements(), element);
                out[cursor[0]++] = range[0];
                out[cursor[0]++] = range[1];
            }
            case RecordType(List<Field> fields) -> {
                List<AbiValue> values = fields(v, fields, t);
                for (int i = 0; i < fields.size(); i++) {
                    lower(values.get(i), fields.get(i).type(), out, cursor);
                }
            }
            case VariantType(List<Case> cases) -> {
                int end = cursor[0] + layout.flatten(t).size();
                VariantValue vv = variant(v, cases, t);
                out[cursor[0]++] = vv.caseIndex();
                ValType payload = cases.get(vv.caseIndex()).type();
                if (payload != null) {
                    lower(vv.payload(), payload, out, cursor);
                }
                Arrays.fill(out, cursor[0], end, 0L);
                cursor[0] = end;
            }
            case FlagsType(List<String> labels) -> {
                long[] longs = flags(v, labels, t).toLongArray();
                for (int i = 0; i < Layout.flagWords(labels.size()); i++) {
                    long word = i / 2 < longs.length ? longs[i / 2] : 0;
                    out[cursor[0]++] = (word >>> (32 * (i % 2))) & 0xFFFF_FFFFL;
                }
            }
            case Own o -> out[cursor[0]++] = expect(v, Handle.class, t).index() & 0xFFFF_FFFFL;
            case Borrow b -> out[cursor[0]++] = expect(v, Handle.class, t).index() & 0xFFFF_FFFFL;
            default -> throw new IllegalArgumentException("unsupported type " + t.witName());
        }
    }

    // ---------------------------------------------------------------- lift_flat_values / lower_flat_values

    /** {@code param_types}: the types of {@code ft}'s parameters, in order. */
    public static List<ValType> paramTypes(FuncType ft) {
        return ft.params().stream().map(Field::type).toList();
    }

    /** {@code result_types}: the type of {@code ft}'s result as a list, empty when it has none. */
    public static List<ValType> resultTypes(FuncType ft) {
        return ft.result() == null ? List.of() : List.of(ft.result());
    }

    /**
     * {@code lift_flat_values}: the values of types {@code ts} out of the core values {@code flat}.
     * When {@code ts} flatten to at most {@code maxFlat} values ({@link Layout#MAX_FLAT_PARAMS} for
     * a function's parameters, {@link Layout#MAX_FLAT_RESULTS} for its results), {@code flat} is
     * that flattening and this is {@link #liftFlat(List, long[])}. Beyond the limit {@code flat}
     * is a single i32, the address of the values stored as a tuple, and they are loaded from there:
     * how the host reads the parameters of a call to a lowered import that spilled them, or the
     * results a lifted export returns through a pointer. Traps if that address is misaligned for
     * the tuple or the tuple does not fit in memory.
     */
    public List<AbiValue> liftFlatValues(int maxFlat, List<ValType> ts, long[] flat) {
        if (layout.flatten(ts).size() <= maxFlat) {
            return liftFlat(ts, flat);
        }
        if (flat.length != 1) {
            throw new IllegalArgumentException(flat.length + " flat values where one i32 pointer to the tuple was expected");
        }
        AbiValue tuple = load((int) flat[0], new TupleType(ts));
        return ((RecordValue) tuple).fields();
    }

    /**
     * {@code lower_flat_values} without an out-parameter: the core values for {@code vs} of types
     * {@code ts}. Within {@code maxFlat} flat values this is {@link #lowerFlat(List, List)}; beyond
     * it the values are stored as a tuple in space obtained from {@code realloc} (with the tuple's
     * alignment and size) and the result is that one i32 address. This is how the host passes the
     * parameters of a call into a lifted export ({@link Layout#MAX_FLAT_PARAMS}). Traps if the
     * address {@code realloc} returns is misaligned or the tuple does not fit there.
     */
    public long[] lowerFlatValues(int maxFlat, List<AbiValue> vs, List<ValType> ts) {
        if (layout.flatten(ts).size() <= maxFlat) {
            return lowerFlat(vs, ts);
        }
        TupleType tuple = tuple(vs, ts);
        int ptr = memory.realloc(0, 0, layout.alignment(tuple), layout.size(tuple));
        store(new RecordValue(vs), tuple, ptr);
        return new long[]{Integer.toUnsignedLong(ptr)};
    }

    /**
     * {@code lower_flat_values} with an out-parameter: as {@link #lowerFlat(List, List)} within
     * {@code maxFlat} flat values, when {@code outParam} is not used (the core function has no such
     * parameter then). Beyond the limit the values are stored as a tuple at {@code outParam}, the
     * address the guest passed as its last core argument, and the result is empty. This is how the
     * host returns the results of a call to a lowered import ({@link Layout#MAX_FLAT_RESULTS}).
     * Traps if {@code outParam} is misaligned for the tuple or the tuple does not fit there.
     */
    public long[] lowerFlatValues(int maxFlat, List<AbiValue> vs, List<ValType> ts, int outParam) {
        if (layout.flatten(ts).size() <= maxFlat) {
            return lowerFlat(vs, ts);
        }
        store(new RecordValue(vs), tuple(vs, ts), outParam);
        return new long[0];
    }

    private static TupleType tuple(List<AbiValue> vs, List<ValType> ts) {
        if (vs.size() != ts.size()) {
            throw new IllegalArgumentException(vs.size() + " values for " + ts.size() + " types");
        }
        return new TupleType(ts);
    }

    // ---------------------------------------------------------------- helpers

    /** Traps unless {@code length} bytes at {@code ptr} are aligned to {@code align} and inside the memory. */
    private void checkRange(long ptr, int align, long length, ValType t) {
        if ((ptr & (align - 1)) != 0) {
            throw new AbiTrap("misaligned pointer 0x" + Long.toHexString(ptr) + " for " + t.witName() + " (alignment " + align + ")");
        }
        if (ptr + length > memory.size()) {
            throw new AbiTrap("out of bounds: " + length + " bytes at 0x" + Long.toHexString(ptr) + " for " + t.witName() + " in a memory of "
                            + memory.size() + " bytes");
        }
    }

    private long readInt(long ptr, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (memory.get((int) (ptr + i)) & 0xFF);
        }
        return v;
    }

    private void writeInt(long ptr, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            memory.put((int) (ptr + i), (byte) (v >>> (8 * i)));
        }
    }

    private static int intBytes(Primitive p) {
        return switch (p) {
            case U8, S8 -> 1;
            case U16, S16 -> 2;
            case U32, S32 -> 4;
            default -> 8;
        };
    }

    /** The value of integer type {@code p} in the low bits of {@code bits}, sign- or zero-extended. */
    private static long narrow(Primitive p, long bits) {
        return switch (p) {
            case U8 -> bits & 0xFF;
            case S8 -> (byte) bits;
            case U16 -> bits & 0xFFFF;
            case S16 -> (short) bits;
            case U32 -> bits & 0xFFFF_FFFFL;
            case S32 -> (int) bits;
            default -> bits;
        };
    }

    /** {@code convert_i32_to_char}: traps unless {@code i} is a Unicode scalar value. */
    private static Char toChar(long i) {
        if (!Char.isScalarValue(i)) {
            throw new AbiTrap("invalid char code point 0x" + Long.toHexString(i));
        }
        return new Char((int) i);
    }

    private static Case caseAt(List<Case> cases, long index) {
        if (index >= cases.size()) {
            throw new AbiTrap("invalid discriminant " + index + " for a variant of " + cases.size() + " cases");
        }
        return cases.get((int) index);
    }

    private static float canonicalize(float f) {
        return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_F32_NAN) : f;
    }

    private static double canonicalize(double d) {
        return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_F64_NAN) : d;
    }

    private static int encode(float f) {
        return Float.isNaN(f) ? CANONICAL_F32_NAN : Float.floatToRawIntBits(f);
    }

    private static long encode(double d) {
        return Double.isNaN(d) ? CANONICAL_F64_NAN : Double.doubleToRawLongBits(d);
    }

    private static <T extends AbiValue> T expect(AbiValue v, Class<T> c, ValType t) {
        if (!c.isInstance(v)) {
            throw new IllegalArgumentException("a " + c.getSimpleName() + " expected for " + t.witName() + ", got " + v);
        }
        return c.cast(v);
    }

    private static long integer(AbiValue v, Primitive p) {
        Int i = expect(v, Int.class, p);
        if (i.type() != p) {
            throw new IllegalArgumentException("a " + p.witName() + " expected, got " + i);
        }
        return i.value();
    }

    private static List<AbiValue> fields(AbiValue v, List<Field> fields, ValType t) {
        List<AbiValue> values = expect(v, RecordValue.class, t).fields();
        if (values.size() != fields.size()) {
            throw new IllegalArgumentException(values.size() + " field values for " + t.witName());
        }
        return values;
    }

    private static VariantValue variant(AbiValue v, List<Case> cases, ValType t) {
        VariantValue vv = expect(v, VariantValue.class, t);
        if (vv.caseIndex() >= cases.size()) {
            throw new IllegalArgumentException("case " + vv.caseIndex() + " of " + t.witName());
        }
        if ((cases.get(vv.caseIndex()).type() == null) != (vv.payload() == null)) {
            throw new IllegalArgumentException("case " + vv.caseIndex() + " of " + t.witName() + (vv.payload() == null ? " needs" : " has no") + " payload");
        }
        return vv;
    }

    private static BitSet flags(AbiValue v, List<String> labels, ValType t) {
        BitSet bits = expect(v, FlagsValue.class, t).bits();
        if (bits.length() > labels.size()) {
            throw new IllegalArgumentException("flag " + (bits.length() - 1) + " set in " + t.witName());
        }
        return bits;
    }
}
