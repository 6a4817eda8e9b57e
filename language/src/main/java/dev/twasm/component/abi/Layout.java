package dev.twasm.component.abi;

import dev.twasm.component.Component;
import dev.twasm.component.ComponentExport;
import dev.twasm.component.ComponentImport;
import dev.twasm.component.Declaration;
import dev.twasm.component.Definition;
import dev.twasm.component.ExternDesc;
import dev.twasm.component.FuncType;
import dev.twasm.component.InstanceType;
import dev.twasm.component.Sort;
import dev.twasm.component.TypeDefinition;
import dev.twasm.component.ValType;
import dev.twasm.component.ValType.Borrow;
import dev.twasm.component.ValType.Case;
import dev.twasm.component.ValType.EnumType;
import dev.twasm.component.ValType.Field;
import dev.twasm.component.ValType.FlagsType;
import dev.twasm.component.ValType.ListType;
import dev.twasm.component.ValType.OptionType;
import dev.twasm.component.ValType.Own;
import dev.twasm.component.ValType.Primitive;
import dev.twasm.component.ValType.RecordType;
import dev.twasm.component.ValType.ResultType;
import dev.twasm.component.ValType.TupleType;
import dev.twasm.component.ValType.TypeRef;
import dev.twasm.component.ValType.VariantType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Where a component value type lives in linear memory and in core values: the canonical ABI's
 * {@code despecialize}, {@code alignment}, {@code elem_size}, {@code flatten_type} and
 * {@code flatten_functype}.
 *
 * <p>A layout resolves type indices ({@link TypeRef}) through the function it is made with, for a
 * component {@link #of(Component)}; {@link #NO_TYPE_INDICES} is for types built without them.
 * Despecialization rewrites a tuple as a record of fields {@code "0"}, {@code "1"}, ..., an enum
 * as a variant of payload-less cases, {@code option<T>} as {@code variant { none, some(T) }} and
 * {@code result<T, E>} as {@code variant { ok(T?), error(E?) }}; after it only the primitives,
 * lists, records, variants, flags and handles remain. Results for the types that type indices
 * lead to are cached (by identity of the type object), so a type that many others refer to is
 * computed once, and types built on the fly are not retained. A type index that is not a value type, a cycle
 * of type indices, a type larger than the 32-bit address space and the types this package does not
 * support yet (stream, future, error-context, fixed-length lists) are
 * {@link IllegalArgumentException}s.
 */
public final class Layout {
    /** Flat parameters beyond this many go through memory ({@code MAX_FLAT_PARAMS}). */
    public static final int MAX_FLAT_PARAMS = 16;
    /** Flat results beyond this many go through memory ({@code MAX_FLAT_RESULTS}). */
    public static final int MAX_FLAT_RESULTS = 1;

    /** Type indices nested deeper than this are taken for a cycle. */
    private static final int MAX_DEPTH = 100;
    /** Flattenings longer than this are refused (only whether they exceed 16 matters to a call). */
    private static final int MAX_FLAT_LENGTH = 1 << 16;

    /** A layout for types that contain no type index. */
    public static final Layout NO_TYPE_INDICES = new Layout(i -> null);

    /** Whether a function is being lifted (a core export seen as a component function) or lowered. */
    public enum Direction {
        LIFT,
        LOWER
    }

    private final IntFunction<ValType> types;
    private final Map<ValType, Integer> sizes = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<ValType, Integer> alignments = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<ValType, List<FlatType>> flattenings = Collections.synchronizedMap(new IdentityHashMap<>());

    /** A layout resolving type index {@code i} to {@code types.apply(i)}, null where it is no value type. */
    public Layout(IntFunction<ValType> types) {
        this.types = types;
    }

    /**
     * A layout resolving type indices in {@code component}'s type index space: a defined value
     * type, or a type export or an import {@code (eq i)} of one, followed to it. Other entries
     * (resources, aliases) are no value types here.
     */
    public static Layout of(Component component) {
        List<Definition> types = component.space(Sort.TYPE);
        return new Layout(i -> i < 0 || i >= types.size() ? null : switch (types.get(i)) {
            case TypeDefinition(ValType v) -> v;
            case ComponentExport e when e.target().sort() == Sort.TYPE -> new TypeRef(e.target().index());
            case ComponentImport(String name, ExternDesc.Type(ExternDesc.Eq(int j))) -> new TypeRef(j);
            default -> null;
        });
    }

    /**
     * A layout resolving type indices in the type index space of {@code type} (an instance
     * type's declarations, where the function types of an imported interface live), as
     * {@link #of(Component)} does for a component.
     */
    public static Layout of(InstanceType type) {
        List<Declaration> types = type.typeSpace();
        return new Layout(i -> i < 0 || i >= types.size() ? null : switch (types.get(i)) {
            case Declaration.TypeDecl(ValType v) -> v;
            case Declaration.ExportDecl(String name, ExternDesc.Type(ExternDesc.Eq(int j))) -> new TypeRef(j);
            case Declaration.ImportDecl(String name, ExternDesc.Type(ExternDesc.Eq(int j))) -> new TypeRef(j);
            default -> null;
        });
    }

    /** {@code t} with type indices followed until a type that is not a {@link TypeRef}. */
    public ValType resolve(ValType t) {
        return resolve(t, 0);
    }

    private ValType resolve(ValType t, int depth) {
        ValType r = t;
        for (int d = depth; r instanceof TypeRef(int index); d++) {
            if (d > MAX_DEPTH) {
                throw new IllegalArgumentException("type index " + index + " nests too deep (a cycle?)");
            }
            r = types.apply(index);
            if (r == null) {
                throw new IllegalArgumentException("type index " + index + " is not a value type");
            }
        }
        return r;
    }

    /**
     * {@code despecialize}: {@code t} resolved, and a tuple, enum, option or result rewritten as the
     * record or variant it stands for (see the class comment); other types are returned as they are.
     */
    public ValType despecialize(ValType t) {
        return despecialize(t, 0);
    }

    private ValType despecialize(ValType t, int depth) {
        ValType r = resolve(t, depth);
        return switch (r) {
            case TupleType(List<ValType> ts) -> {
                List<Field> fields = new ArrayList<>(ts.size());
                for (int i = 0; i < ts.size(); i++) {
                    fields.add(new Field(Integer.toString(i), ts.get(i)));
                }
                yield new RecordType(fields);
            }
            case EnumType(List<String> labels) -> new VariantType(labels.stream().map(l -> new Case(l, null)).toList());
            case OptionType(ValType some) -> new VariantType(List.of(new Case("none", null), new Case("some", some)));
            case ResultType(ValType ok, ValType error) -> new VariantType(List.of(new Case("ok", ok), new Case("error", error)));
            case ValType.FixedList f -> throw unsupported(f);
            case ValType.Stream s -> throw unsupported(s);
            case ValType.Future f -> throw unsupported(f);
            case ValType.ErrorContext e -> throw unsupported(e);
            default -> r;
        };
    }

    private static IllegalArgumentException unsupported(ValType t) {
        return new IllegalArgumentException("unsupported type in the canonical ABI: " + t.witName());
    }

    /** {@code align_to}: {@code offset} rounded up to a multiple of {@code alignment} (a power of two). */
    public static long alignTo(long offset, int alignment) {
        return (offset + alignment - 1) & -(long) alignment;
    }

    /** The cases of a variant with this many cases need a discriminant of this many bytes ({@code discriminant_type}: u8, u16 or u32). */
    public static int discriminantSize(int caseCount) {
        if (caseCount <= 0) {
            throw new IllegalArgumentException("a variant needs at least one case");
        }
        if (caseCount <= 1 << 8) {
            return 1;
        }
        return caseCount <= 1 << 16 ? 2 : 4;
    }

    /** {@code num_i32_flags}: the i32s that hold {@code labelCount} flags. */
    public static int flagWords(int labelCount) {
        return (labelCount + 31) / 32;
    }

    /** The bytes {@code labelCount} flags take in memory ({@code elem_size_flags}). */
    public static int flagsSize(int labelCount) {
        if (labelCount == 0) {
            return 0;
        }
        if (labelCount <= 8) {
            return 1;
        }
        return labelCount <= 16 ? 2 : 4 * flagWords(labelCount);
    }

    /** {@code alignment}: the alignment of {@code t} in memory, 1, 2, 4 or 8. */
    public int alignment(ValType t) {
        return alignment(t, 0);
    }

    private int alignment(ValType t, int depth) {
        ValType r = resolve(t, depth);
        boolean cache = t instanceof TypeRef;
        Integer cached = cache ? alignments.get(r) : null;
        if (cached != null) {
            return cached;
        }
        int a = switch (despecialize(r, depth)) {
            case Primitive p -> switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, STRING -> 4;
                case S64, U64, F64 -> 8;
            };
            case ListType l -> 4;
            case RecordType(List<Field> fields) -> {
                int m = 1;
                for (Field f : fields) {
                    m = Math.max(m, alignment(f.type(), depth + 1));
                }
                yield m;
            }
            case VariantType(List<Case> cases) -> Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases, depth + 1));
            case FlagsType(List<String> labels) -> Math.min(Math.max(flagsSize(labels.size()), 1), 4);
            case Own o -> 4;
            case Borrow b -> 4;
            default -> throw unsupported(r);
        };
        if (cache) {
            alignments.put(r, a);
        }
        return a;
    }

    /** {@code max_case_alignment}: the largest alignment of the payloads of {@code cases}, at least 1. */
    public int maxCaseAlignment(List<Case> cases) {
        return maxCaseAlignment(cases, 0);
    }

    private int maxCaseAlignment(List<Case> cases, int depth) {
        int m = 1;
        for (Case c : cases) {
            if (c.type() != null) {
                m = Math.max(m, alignment(c.type(), depth));
            }
        }
        return m;
    }

    /** {@code elem_size}: the bytes {@code t} takes in memory, a multiple of its alignment (the stride of a list of it). */
    public int size(ValType t) {
        return size(t, 0);
    }

    private int size(ValType t, int depth) {
        ValType r = resolve(t, depth);
        boolean cache = t instanceof TypeRef;
        Integer cached = cache ? sizes.get(r) : null;
        if (cached != null) {
            return cached;
        }
        long s = switch (despecialize(r, depth)) {
            case Primitive p -> switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR -> 4;
                case S64, U64, F64, STRING -> 8;
            };
            case ListType l -> 8;
            case RecordType(List<Field> fields) -> {
                long offset = 0;
                for (Field f : fields) {
                    offset = alignTo(offset, alignment(f.type(), depth + 1)) + size(f.type(), depth + 1);
                    checkSize(offset, r);
                }
                yield alignTo(offset, alignment(r, depth));
            }
            case VariantType(List<Case> cases) -> {
                long payload = 0;
                for (Case c : cases) {
                    if (c.type() != null) {
                        payload = Math.max(payload, size(c.type(), depth + 1));
                    }
                }
                yield alignTo(alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases, depth + 1)) + payload, alignment(r, depth));
            }
            case FlagsType(List<String> labels) -> flagsSize(labels.size());
            case Own o -> 4;
            case Borrow b -> 4;
            default -> throw unsupported(r);
        };
        checkSize(s, r);
        if (cache) {
            sizes.put(r, (int) s);
        }
        return (int) s;
    }

    private static void checkSize(long size, ValType t) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("type too large for the canonical ABI: " + t.witName());
        }
    }

    /**
     * The offset of a variant's payload from its start: the discriminant's size rounded up to
     * {@link #maxCaseAlignment(List)} (as {@code load_variant} and {@code store_variant} step).
     */
    public int payloadOffset(List<Case> cases) {
        return (int) alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    /**
     * {@code flatten_type}: the core values that carry {@code t} as a parameter or result. A
     * string or list is a pointer and a length, a record its fields' flattenings in order, flags
     * one i32 per 32 flags, a handle an i32, and a variant an i32 discriminant followed by as many
     * slots as its longest case flattening needs, each slot the {@link FlatType#join} of what the
     * cases put there.
     */
    public List<FlatType> flatten(ValType t) {
        return flatten(t, 0);
    }

    private List<FlatType> flatten(ValType t, int depth) {
        ValType r = resolve(t, depth);
        boolean cache = t instanceof TypeRef;
        List<FlatType> cached = cache ? flattenings.get(r) : null;
        if (cached != null) {
            return cached;
        }
        List<FlatType> flat = switch (despecialize(r, depth)) {
            case Primitive p -> switch (p) {
                case BOOL, S8, U8, S16, U16, S32, U32, CHAR -> List.of(FlatType.I32);
                case S64, U64 -> List.of(FlatType.I64);
                case F32 -> List.of(FlatType.F32);
                case F64 -> List.of(FlatType.F64);
                case STRING -> List.of(FlatType.I32, FlatType.I32);
            };
            case ListType l -> List.of(FlatType.I32, FlatType.I32);
            case RecordType(List<Field> fields) -> {
                List<FlatType> all = new ArrayList<>();
                for (Field f : fields) {
                    all.addAll(flatten(f.type(), depth + 1));
                    checkFlatLength(all.size(), r);
                }
                yield List.copyOf(all);
            }
            case VariantType(List<Case> cases) -> {
                List<FlatType> joined = new ArrayList<>();
                for (Case c : cases) {
                    if (c.type() == null) {
                        continue;
                    }
                    List<FlatType> payload = flatten(c.type(), depth + 1);
                    for (int i = 0; i < payload.size(); i++) {
                        if (i < joined.size()) {
                            joined.set(i, joined.get(i).join(payload.get(i)));
                        } else {
                            joined.add(payload.get(i));
                        }
                    }
                }
                joined.addFirst(FlatType.I32);
                yield List.copyOf(joined);
            }
            case FlagsType(List<String> labels) -> Collections.nCopies(flagWords(labels.size()), FlatType.I32);
            case Own o -> List.of(FlatType.I32);
            case Borrow b -> List.of(FlatType.I32);
            default -> throw unsupported(r);
        };
        if (cache) {
            flattenings.put(r, flat);
        }
        return flat;
    }

    private static void checkFlatLength(int length, ValType t) {
        if (length > MAX_FLAT_LENGTH) {
            throw new IllegalArgumentException("type flattens to too many core values: " + t.witName());
        }
    }

    /** {@code flatten_types}: the flattenings of {@code ts} one after the other. */
    public List<FlatType> flatten(List<ValType> ts) {
        List<FlatType> all = new ArrayList<>();
        for (ValType t : ts) {
            all.addAll(flatten(t));
            checkFlatLength(all.size(), t);
        }
        return List.copyOf(all);
    }

    /**
     * {@code flatten_functype}: the core function type of {@code ft}. Parameters that flatten to
     * more than {@link #MAX_FLAT_PARAMS} values become one i32 (a pointer to them as a tuple in
     * memory); results beyond {@link #MAX_FLAT_RESULTS} become an i32 result when lifting, and an
     * extra i32 parameter (where the callee writes them) and no result when lowering.
     */
    public FlatFuncType flattenFunc(FuncType ft, Direction direction) {
        List<FlatType> params = flatten(ft.params().stream().map(Field::type).toList());
        boolean paramsInMemory = params.size() > MAX_FLAT_PARAMS;
        if (paramsInMemory) {
            params = List.of(FlatType.I32);
        }
        List<FlatType> results = ft.result() == null ? List.of() : flatten(ft.result());
        boolean resultsInMemory = results.size() > MAX_FLAT_RESULTS;
        if (resultsInMemory) {
            if (direction == Direction.LIFT) {
                results = List.of(FlatType.I32);
            } else {
                params = new ArrayList<>(params);
                params.add(FlatType.I32);
                results = List.of();
            }
        }
        return new FlatFuncType(params, results, paramsInMemory, resultsInMemory);
    }
}
