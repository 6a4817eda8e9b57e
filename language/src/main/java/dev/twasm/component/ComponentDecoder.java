package dev.twasm.component;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.BinaryInput;
import dev.twasm.binary.CoreTypeReader;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Import;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Decodes a component in the component model's binary format (version 0x0d, layer 1) into a
 * {@link Component}.
 *
 * <p>A component is the preamble followed by sections in any order and number: custom (0), core
 * module (1), core instance (2), core type (3), component (4), instance (5), alias (6), type (7),
 * canon (8), start (9), import (10) and export (11). Each section's contents must fill its declared
 * size exactly. Core modules are kept as byte ranges; nested components are decoded with the same
 * cursor, so every offset (in the model and in error messages) is an offset into the outermost
 * component's bytes.
 *
 * <p>Covered: the encodings of the 0.2 component model (WASI preview 2), plus the simple async
 * additions ({@code stream}, {@code future} and {@code error-context} types, the {@code async} and
 * {@code callback} options, {@code resource.drop async}) and fixed-length lists. Not covered, each
 * reported as "unsupported ...": the value section (12) and value definitions, the other async and
 * thread canonical built-ins, async function and resource types, named results and unions from
 * before 0.2.
 *
 * <p>Every length is checked against the bytes left before anything is allocated, and nesting
 * (components, component and instance types, core module types) is bounded by
 * {@link #MAX_NESTING}, so any input decodes to a component or a
 * {@link MalformedModuleException} with the offset of the problem.
 */
public final class ComponentDecoder {
    /** An implementation limit on nested components and nested component, instance and core module types. */
    public static final int MAX_NESTING = 100;
    /** An implementation limit on the results of a start function. */
    public static final int MAX_START_RESULTS = 1000;


    private final BinaryInput in;
    private int nesting;

    private ComponentDecoder(byte[] bytes) {
        this.in = new BinaryInput(bytes);
    }

    /** Decodes a complete component; throws {@link MalformedModuleException} on any error. */
    public static Component decode(byte[] bytes) {
        return new ComponentDecoder(bytes).component();
    }

    /** Whether {@code bytes} start with a component's preamble (as opposed to a core module's). */
    public static boolean isComponent(byte[] bytes) {
        return bytes.length >= 8 && word(bytes, 0) == BinaryDecoder.MAGIC && word(bytes, 4) == BinaryDecoder.COMPONENT_VERSION;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private MalformedModuleException malformed(String reason, int at) {
        return in.malformedAt(reason, at);
    }

    private MalformedModuleException unsupported(String what, int at) {
        return in.malformedAt("unsupported " + what, at);
    }

    private void enter(int at) {
        if (++nesting > MAX_NESTING) {
            throw malformed("components or types nested too deeply (more than " + MAX_NESTING + " levels)", at);
        }
    }

    private void leave() {
        nesting--;
    }

    private int readWord() {
        return in.readByte() | in.readByte() << 8 | in.readByte() << 16 | in.readByte() << 24;
    }

    /** {@code component ::= preamble section*}, up to the cursor's limit. */
    private Component component() {
        int start = in.index();
        if (readWord() != BinaryDecoder.MAGIC) {
            throw malformed("magic header not detected", start);
        }
        int version = readWord();
        if (version != BinaryDecoder.COMPONENT_VERSION) {
            if (version >>> 16 == 0) {
                throw malformed("not a component: a core module (layer 0) where a component (layer 1) was expected", start + 4);
            }
            throw malformed(String.format("unknown component version 0x%04x, layer %d (expected version 0x0d, layer 1)", version & 0xFFFF, version >>> 16),
                            start + 4);
        }
        List<Definition> definitions = new ArrayList<>();
        Map<Sort, List<Definition>> spaces = new EnumMap<>(Sort.class);
        for (Sort s : Sort.values()) {
            spaces.put(s, new ArrayList<>());
        }
        while (!in.atEnd()) {
            int idAt = in.index();
            int id = in.readByte();
            int sizeAt = in.index();
            int size = in.readLength();
            if (size > in.remaining()) {
                throw malformed("length out of bounds: section " + id + " of " + size + " bytes where " + in.remaining() + " are left", sizeAt);
            }
            int end = in.index() + size;
            int outerLimit = in.setLimit(end);
            section(id, idAt, size, definitions, spaces);
            if (in.index() != end) {
                throw malformed("section size mismatch: " + (end - in.index()) + " bytes left unread at the end of section " + id, in.index());
            }
            in.setLimit(outerLimit);
        }
        return new Component(definitions, spaces);
    }

    private void section(int id, int idAt, int size, List<Definition> definitions, Map<Sort, List<Definition>> spaces) {
        switch (id) {
            case 0 -> {
                String name = in.readName();
                int at = in.index();
                in.skip(in.remaining());
                definitions.add(new CustomSection(name, at, in.index() - at));
            }
            case 1 -> {
                int at = in.index();
                in.skip(size);
                add(new CoreModule(at, size), Sort.CORE_MODULE, definitions, spaces);
            }
            case 2 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    add(coreInstance(), Sort.CORE_INSTANCE, definitions, spaces);
                }
            }
            case 3 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    CoreType t = coreType();
                    definitions.add(t);
                    for (int k = 0; k < t.size(); k++) {
                        spaces.get(Sort.CORE_TYPE).add(t);
                    }
                }
            }
            case 4 -> {
                enter(idAt);
                Component nested = component();
                leave();
                add(nested, Sort.COMPONENT, definitions, spaces);
            }
            case 5 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    add(instance(), Sort.INSTANCE, definitions, spaces);
                }
            }
            case 6 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    Alias a = alias();
                    add(a, a.sort(), definitions, spaces);
                }
            }
            case 7 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    add(new TypeDefinition(defType()), Sort.TYPE, definitions, spaces);
                }
            }
            case 8 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    Canon c = canon();
                    add(c, c.sort(), definitions, spaces);
                }
            }
            case 9 -> {
                Start s = start();
                definitions.add(s);
                for (int k = 0; k < s.results(); k++) {
                    spaces.get(Sort.VALUE).add(s);
                }
            }
            case 10 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    String name = importName();
                    ExternDesc desc = externDesc();
                    add(new ComponentImport(name, desc), desc.sort(), definitions, spaces);
                }
            }
            case 11 -> {
                int n = in.readLength();
                for (int i = 0; i < n; i++) {
                    String name = exportName();
                    SortIndex target = sortIndex();
                    ExternDesc ascribed = optionalByte("export type") ? externDesc() : null;
                    add(new ComponentExport(name, target, ascribed), target.sort(), definitions, spaces);
                }
            }
            case 12 -> throw unsupported("value section (section 12, value definitions)", idAt);
            default -> throw malformed("malformed section id " + id, idAt);
        }
    }

    private static void add(Definition d, Sort sort, List<Definition> definitions, Map<Sort, List<Definition>> spaces) {
        definitions.add(d);
        spaces.get(sort).add(d);
    }

    // ---- names and sorts

    /** {@code importname' ::= 0x00 len importname}; also the discriminant 0x01 that older encoders wrote for interface names. */
    private String importName() {
        return discriminatedName("import name");
    }

    /** {@code exportname' ::= 0x00 len exportname}, or 0x01 as for imports. */
    private String exportName() {
        return discriminatedName("export name");
    }

    private String discriminatedName(String what) {
        int at = in.index();
        int b = in.readByte();
        if (b == 0x00 || b == 0x01) {
            return in.readName();
        }
        if (b == 0x02) {
            throw unsupported(what + " with a version suffix (discriminant 0x02)", at);
        }
        throw malformed(String.format("malformed %s: discriminant 0x%02x", what, b), at);
    }

    /** {@code core:sort}. */
    private Sort coreSort() {
        int at = in.index();
        int b = in.readByte();
        Sort s = Sort.ofCoreByte(b);
        if (s == null) {
            throw malformed(String.format("malformed core sort 0x%02x", b), at);
        }
        return s;
    }

    /** {@code sort ::= 0x00 core:sort | 0x01 func | 0x02 value | 0x03 type | 0x04 component | 0x05 instance}. */
    private Sort sort() {
        int at = in.index();
        int b = in.readByte();
        if (b == 0x00) {
            return coreSort();
        }
        Sort s = Sort.ofByte(b);
        if (s == null) {
            throw malformed(String.format("malformed sort 0x%02x", b), at);
        }
        return s;
    }

    private SortIndex sortIndex() {
        Sort s = sort();
        return new SortIndex(s, in.readIndex());
    }

    private SortIndex coreSortIndex() {
        Sort s = coreSort();
        return new SortIndex(s, in.readIndex());
    }

    /** The presence byte of an optional immediate: 0x00 absent, 0x01 present. */
    private boolean optionalByte(String what) {
        int at = in.index();
        int b = in.readByte();
        if (b > 1) {
            throw malformed(String.format("malformed optional %s: 0x%02x (expected 0x00 or 0x01)", what, b), at);
        }
        return b == 1;
    }

    // ---- instances

    /** {@code core:instanceexpr}. */
    private CoreInstance coreInstance() {
        int at = in.index();
        int b = in.readByte();
        if (b == 0x00) {
            int module = in.readIndex();
            int n = in.readLength();
            List<CoreInstance.Arg> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readName();
                int sortAt = in.index();
                if (in.readByte() != 0x12) {
                    throw malformed("malformed core instantiate argument: expected the instance sort 0x12", sortAt);
                }
                args.add(new CoreInstance.Arg(name, in.readIndex()));
            }
            return new CoreInstance.Instantiate(module, args);
        }
        if (b == 0x01) {
            int n = in.readLength();
            List<CoreInstance.Export> exports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readName();
                exports.add(new CoreInstance.Export(name, coreSortIndex()));
            }
            return new CoreInstance.FromExports(exports);
        }
        throw malformed(String.format("malformed core instance expression 0x%02x", b), at);
    }

    /** {@code instanceexpr}. */
    private ComponentInstance instance() {
        int at = in.index();
        int b = in.readByte();
        if (b == 0x00) {
            int component = in.readIndex();
            int n = in.readLength();
            List<ComponentInstance.Arg> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readName();
                args.add(new ComponentInstance.Arg(name, sortIndex()));
            }
            return new ComponentInstance.Instantiate(component, args);
        }
        if (b == 0x01) {
            int n = in.readLength();
            List<ComponentInstance.Export> exports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = exportName();
                exports.add(new ComponentInstance.Export(name, sortIndex()));
            }
            return new ComponentInstance.FromExports(exports);
        }
        throw malformed(String.format("malformed instance expression 0x%02x", b), at);
    }

    // ---- aliases

    /** {@code alias ::= sort aliastarget}. */
    private Alias alias() {
        Sort sort = sort();
        int at = in.index();
        int b = in.readByte();
        return switch (b) {
            case 0x00 -> {
                int instance = in.readIndex();
                yield new Alias.InstanceExport(sort, instance, in.readName());
            }
            case 0x01 -> {
                int instance = in.readIndex();
                yield new Alias.CoreInstanceExport(sort, instance, in.readName());
            }
            case 0x02 -> {
                int count = in.readIndex();
                yield new Alias.Outer(sort, count, in.readIndex());
            }
            default -> throw malformed(String.format("malformed alias target 0x%02x", b), at);
        };
    }

    // ---- core types

    /** {@code core:type}: a core module type ({@code 0x50}) or a core recursion group. */
    private CoreType coreType() {
        int at = in.index();
        if (in.peekByte() != 0x50) {
            return new CoreType.Rec(CoreTypeReader.recType(in));
        }
        in.readByte();
        enter(at);
        int n = in.readLength();
        List<CoreType.ModuleDecl> decls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int declAt = in.index();
            int b = in.readByte();
            decls.add(switch (b) {
                case 0x00 -> {
                    String module = in.readName();
                    String name = in.readName();
                    yield new CoreType.ImportDecl(new Import(module, name, CoreTypeReader.importDesc(in)));
                }
                case 0x01 -> new CoreType.TypeDecl(coreType());
                case 0x02 -> {
                    Sort sort = coreSort();
                    int targetAt = in.index();
                    if (in.readByte() != 0x01) {
                        throw malformed("malformed core alias target: expected outer (0x01)", targetAt);
                    }
                    int count = in.readIndex();
                    yield new CoreType.AliasDecl(sort, count, in.readIndex());
                }
                case 0x03 -> {
                    String name = in.readName();
                    yield new CoreType.ExportDecl(name, CoreTypeReader.importDesc(in));
                }
                default -> throw malformed(String.format("malformed core module type declaration 0x%02x", b), declAt);
            });
        }
        leave();
        return new CoreType.ModuleType(decls);
    }

    // ---- component types

    /** {@code deftype}: a function, component, instance or resource type, or a defined value type. */
    private DefType defType() {
        int at = in.index();
        int b = in.peekByte();
        switch (b) {
            case 0x40 -> {
                in.readByte();
                return funcType();
            }
            case 0x43 -> throw unsupported("async function type 0x43 (component model async)", at);
            case 0x41, 0x42 -> {
                in.readByte();
                enter(at);
                List<Declaration> decls = declarations(b == 0x41);
                leave();
                return b == 0x41 ? new ComponentType(decls) : new InstanceType(decls);
            }
            case 0x3f -> {
                in.readByte();
                int repAt = in.index();
                if (in.readByte() != 0x7f) {
                    throw malformed("malformed resource type: the representation must be i32 (0x7f)", repAt);
                }
                return new DefType.Resource(optionalByte("resource destructor") ? OptionalInt.of(in.readIndex()) : OptionalInt.empty());
            }
            case 0x3e -> throw unsupported("resource type with an async destructor 0x3e (component model async)", at);
            default -> {
                return defValType();
            }
        }
    }

    /** {@code functype ::= 0x40 paramlist resultlist} (after the 0x40). */
    private FuncType funcType() {
        int n = in.readLength();
        List<ValType.Field> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String label = in.readName();
            params.add(new ValType.Field(label, valType()));
        }
        int at = in.index();
        int b = in.readByte();
        ValType result;
        if (b == 0x00) {
            result = valType();
        } else if (b == 0x01) {
            int countAt = in.index();
            if (in.readLength() != 0) {
                throw unsupported("named function results (component model before 0.2)", countAt);
            }
            result = null;
        } else {
            throw malformed(String.format("malformed function result list 0x%02x", b), at);
        }
        return new FuncType(params, result);
    }

    /** {@code vec(componentdecl)} or {@code vec(instancedecl)}. */
    private List<Declaration> declarations(boolean component) {
        int n = in.readLength();
        List<Declaration> decls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = in.index();
            int b = in.readByte();
            decls.add(switch (b) {
                case 0x00 -> new Declaration.CoreTypeDecl(coreType());
                case 0x01 -> new Declaration.TypeDecl(defType());
                case 0x02 -> new Declaration.AliasDecl(alias());
                case 0x03 -> {
                    if (!component) {
                        throw malformed("malformed instance type declaration: an import (0x03) is only allowed in a component type", at);
                    }
                    String name = importName();
                    yield new Declaration.ImportDecl(name, externDesc());
                }
                case 0x04 -> {
                    String name = exportName();
                    yield new Declaration.ExportDecl(name, externDesc());
                }
                default -> throw malformed(String.format("malformed %s type declaration 0x%02x", component ? "component" : "instance", b), at);
            });
        }
        return decls;
    }

    /** {@code externdesc}. */
    private ExternDesc externDesc() {
        int at = in.index();
        int b = in.readByte();
        return switch (b) {
            case 0x00 -> {
                int sortAt = in.index();
                if (in.readByte() != 0x11) {
                    throw malformed("malformed extern description: a core sort other than module (0x11)", sortAt);
                }
                yield new ExternDesc.CoreModule(in.readIndex());
            }
            case 0x01 -> new ExternDesc.Func(in.readIndex());
            case 0x02 -> {
                int boundAt = in.index();
                int k = in.readByte();
                yield switch (k) {
                    case 0x00 -> new ExternDesc.Value(new ExternDesc.EqValue(in.readIndex()));
                    case 0x01 -> new ExternDesc.Value(new ExternDesc.OfType(valType()));
                    default -> throw malformed(String.format("malformed value bound 0x%02x", k), boundAt);
                };
            }
            case 0x03 -> {
                int boundAt = in.index();
                int k = in.readByte();
                yield switch (k) {
                    case 0x00 -> new ExternDesc.Type(new ExternDesc.Eq(in.readIndex()));
                    case 0x01 -> new ExternDesc.Type(new ExternDesc.SubResource());
                    default -> throw malformed(String.format("malformed type bound 0x%02x", k), boundAt);
                };
            }
            case 0x04 -> new ExternDesc.Component(in.readIndex());
            case 0x05 -> new ExternDesc.Instance(in.readIndex());
            default -> throw malformed(String.format("malformed extern description 0x%02x", b), at);
        };
    }

    // ---- value types

    /**
     * {@code valtype ::= typeidx | primvaltype}: an s33, negative for the primitive opcodes (0x7f
     * down to 0x73 as one byte), non-negative for a type index.
     */
    private ValType valType() {
        int at = in.index();
        long v = in.readSigned(33);
        if (v >= 0) {
            return new ValType.TypeRef((int) Math.min(v, Integer.MAX_VALUE));
        }
        ValType.Primitive p = v >= -64 ? ValType.Primitive.ofOpcode((int) (v + 0x80)) : null;
        if (p == null) {
            throw malformed("malformed value type", at);
        }
        return p;
    }

    private ValType optionalValType(String what) {
        return optionalByte(what) ? valType() : null;
    }

    private List<String> labels() {
        int n = in.readLength();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(in.readName());
        }
        return labels;
    }

    /** {@code defvaltype}. */
    private ValType defValType() {
        int at = in.index();
        int b = in.readByte();
        ValType.Primitive p = ValType.Primitive.ofOpcode(b);
        if (p != null) {
            return p;
        }
        switch (b) {
            case 0x72 -> {
                int n = in.readLength();
                List<ValType.Field> fields = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String label = in.readName();
                    fields.add(new ValType.Field(label, valType()));
                }
                return new ValType.RecordType(fields);
            }
            case 0x71 -> {
                int n = in.readLength();
                List<ValType.Case> cases = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String label = in.readName();
                    ValType type = optionalValType("case type");
                    int endAt = in.index();
                    int end = in.readByte();
                    if (end == 0x01) {
                        throw unsupported("variant case refinement (component model before 0.2)", endAt);
                    }
                    if (end != 0x00) {
                        throw malformed(String.format("malformed variant case: 0x%02x where 0x00 was expected", end), endAt);
                    }
                    cases.add(new ValType.Case(label, type));
                }
                return new ValType.VariantType(cases);
            }
            case 0x70 -> {
                return new ValType.ListType(valType());
            }
            case 0x6f -> {
                int n = in.readLength();
                List<ValType> types = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    types.add(valType());
                }
                return new ValType.TupleType(types);
            }
            case 0x6e -> {
                return new ValType.FlagsType(labels());
            }
            case 0x6d -> {
                return new ValType.EnumType(labels());
            }
            case 0x6c -> throw unsupported("union type 0x6c (component model before 0.2)", at);
            case 0x6b -> {
                return new ValType.OptionType(valType());
            }
            case 0x6a -> {
                ValType ok = optionalValType("result type");
                return new ValType.ResultType(ok, optionalValType("error type"));
            }
            case 0x69 -> {
                return new ValType.Own(in.readIndex());
            }
            case 0x68 -> {
                return new ValType.Borrow(in.readIndex());
            }
            case 0x67 -> {
                ValType element = valType();
                return new ValType.FixedList(element, (int) in.readU32());
            }
            case 0x66 -> {
                return new ValType.Stream(optionalValType("stream element type"));
            }
            case 0x65 -> {
                return new ValType.Future(optionalValType("future value type"));
            }
            case 0x64 -> {
                return new ValType.ErrorContext();
            }
            default -> throw malformed(String.format("malformed type 0x%02x", b), at);
        }
    }

    // ---- canonical definitions

    /** {@code canon}. */
    private Canon canon() {
        int at = in.index();
        int b = in.readByte();
        return switch (b) {
            case 0x00 -> {
                funcSortByte("canon lift");
                int coreFunc = in.readIndex();
                List<Canon.CanonOpt> opts = canonOpts();
                yield new Canon.Lift(coreFunc, opts, in.readIndex());
            }
            case 0x01 -> {
                funcSortByte("canon lower");
                int func = in.readIndex();
                yield new Canon.Lower(func, canonOpts());
            }
            case 0x02 -> new Canon.ResourceNew(in.readIndex());
            case 0x03 -> new Canon.ResourceDrop(in.readIndex(), false);
            case 0x04 -> new Canon.ResourceRep(in.readIndex());
            case 0x07 -> new Canon.ResourceDrop(in.readIndex(), true);
            default -> throw unsupported(String.format("canonical definition 0x%02x (component model async or threads)", b), at);
        };
    }

    /** The {@code 0x00} after {@code canon lift}'s and {@code canon lower}'s opcode: the func sort. */
    private void funcSortByte(String what) {
        int at = in.index();
        int b = in.readByte();
        if (b != 0x00) {
            throw malformed(String.format("malformed %s: 0x%02x where 0x00 (func) was expected", what, b), at);
        }
    }

    /** {@code opts ::= vec(canonopt)}. */
    private List<Canon.CanonOpt> canonOpts() {
        int n = in.readLength();
        List<Canon.CanonOpt> opts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = in.index();
            int b = in.readByte();
            opts.add(switch (b) {
                case 0x00 -> new Canon.Encoding(Canon.StringEncoding.UTF8);
                case 0x01 -> new Canon.Encoding(Canon.StringEncoding.UTF16);
                case 0x02 -> new Canon.Encoding(Canon.StringEncoding.LATIN1_UTF16);
                case 0x03 -> new Canon.Memory(in.readIndex());
                case 0x04 -> new Canon.Realloc(in.readIndex());
                case 0x05 -> new Canon.PostReturn(in.readIndex());
                case 0x06 -> new Canon.Async();
                case 0x07 -> new Canon.Callback(in.readIndex());
                default -> throw unsupported(String.format("canonical option 0x%02x (component model async)", b), at);
            });
        }
        return opts;
    }

    // ---- start

    /** {@code start ::= funcidx vec(valueidx) u32}. */
    private Start start() {
        int func = in.readIndex();
        int n = in.readLength();
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(in.readIndex());
        }
        int at = in.index();
        long results = in.readU32();
        if (results > MAX_START_RESULTS) {
            throw malformed("too many start results (implementation limit " + MAX_START_RESULTS + ")", at);
        }
        return new Start(func, args, (int) results);
    }
}
