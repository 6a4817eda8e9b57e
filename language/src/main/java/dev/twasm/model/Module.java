package dev.twasm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A decoded (or parsed) WebAssembly module, spec §2.5 "Modules". Immutable once built; produced
 * identically by the binary decoder and the text parser, and read by the validator, the node
 * builder and the instantiator.
 *
 * <p>Besides the module's fields this class offers the index spaces the spec defines over imports
 * and definitions together (functions, tables, memories, globals, tags): index {@code i} refers to the
 * {@code i}-th import of that kind when {@code i} is below the import count, else to a definition.
 */
public final class Module {
    private final List<SubType> types;
    /** Per type index, the index of the first type of its recursion group. */
    private final int[] recGroupStarts;
    private final List<Import> imports;
    private final List<Function> functions;
    private final List<TableType> tables;
    /** Per defined table, its initializer expression (spec 3.0 §2.5.4), or null for the default {@code ref.null}. */
    private final List<Expr> tableInits;
    private final List<MemoryType> memories;
    private final List<Global> globals;
    private final List<Integer> tags;
    private final List<Export> exports;
    private final OptionalInt start;
    private final List<ElemSegment> elems;
    private final List<DataSegment> datas;
    private final OptionalInt dataCount;
    private final List<CustomSection> customSections;
    private final Names names;
    private final int codeSectionOffset;

    // index spaces: imports first, then definitions
    private final int[] funcTypeIndices;
    private final TableType[] tableSpace;
    private final MemoryType[] memorySpace;
    private final GlobalType[] globalSpace;
    private final int[] tagSpace;
    private final int importedFunctionCount;
    private final int importedTableCount;
    private final int importedMemoryCount;
    private final int importedGlobalCount;
    private final int importedTagCount;

    private Module(Builder b) {
        this.types = List.copyOf(b.types);
        this.recGroupStarts = b.recGroupStarts.stream().mapToInt(Integer::intValue).toArray();
        this.imports = List.copyOf(b.imports);
        this.functions = List.copyOf(b.functions);
        this.tables = List.copyOf(b.tables);
        this.tableInits = java.util.Collections.unmodifiableList(new ArrayList<>(b.tableInits));
        this.memories = List.copyOf(b.memories);
        this.globals = List.copyOf(b.globals);
        this.tags = List.copyOf(b.tags);
        this.exports = List.copyOf(b.exports);
        this.start = b.start;
        this.elems = List.copyOf(b.elems);
        this.datas = List.copyOf(b.datas);
        this.dataCount = b.dataCount;
        this.customSections = List.copyOf(b.customSections);
        this.names = b.names;
        this.codeSectionOffset = b.codeSectionOffset;

        List<Integer> funcs = new ArrayList<>();
        List<TableType> tableList = new ArrayList<>();
        List<MemoryType> memoryList = new ArrayList<>();
        List<GlobalType> globalList = new ArrayList<>();
        List<Integer> tagList = new ArrayList<>();
        for (Import imp : imports) {
            switch (imp.desc()) {
                case ImportDesc.Func f -> funcs.add(f.typeIndex());
                case ImportDesc.Table t -> tableList.add(t.type());
                case ImportDesc.Memory m -> memoryList.add(m.type());
                case ImportDesc.Global g -> globalList.add(g.type());
                case ImportDesc.Tag t -> tagList.add(t.typeIndex());
            }
        }
        importedFunctionCount = funcs.size();
        importedTableCount = tableList.size();
        importedMemoryCount = memoryList.size();
        importedGlobalCount = globalList.size();
        importedTagCount = tagList.size();
        tagList.addAll(tags);
        tagSpace = tagList.stream().mapToInt(Integer::intValue).toArray();
        for (Function f : functions) {
            funcs.add(f.typeIndex());
        }
        tableList.addAll(tables);
        memoryList.addAll(memories);
        for (Global g : globals) {
            globalList.add(g.type());
        }
        funcTypeIndices = funcs.stream().mapToInt(Integer::intValue).toArray();
        tableSpace = tableList.toArray(TableType[]::new);
        memorySpace = memoryList.toArray(MemoryType[]::new);
        globalSpace = globalList.toArray(GlobalType[]::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The type definitions of the type section (spec 3.0 §2.5.1), recursion groups flattened. */
    public List<SubType> types() {
        return types;
    }

    /** The number of type definitions: type indices are below it. */
    public int typeCount() {
        return types.size();
    }

    /**
     * The function type of type index {@code typeIndex}, where the module (validated) uses it as a
     * function type; the validator checks that it is one ({@code ValidationContext.type}).
     */
    public FuncType funcType(int typeIndex) {
        if (types.get(typeIndex).composite() instanceof FuncType f) {
            return f;
        }
        throw new IllegalStateException("type " + typeIndex + " is not a function type");
    }

    /** The index of the first type of the recursion group that type {@code typeIndex} belongs to. */
    public int recGroupStart(int typeIndex) {
        return recGroupStarts[typeIndex];
    }

    /** The first type index of each recursion group, in order (a group may be empty only in the text it came from). */
    public int[] recGroupStarts() {
        return java.util.stream.IntStream.range(0, recGroupStarts.length).filter(i -> recGroupStarts[i] == i).toArray();
    }

    /** The number of types of the recursion group that type {@code typeIndex} belongs to. */
    public int recGroupSize(int typeIndex) {
        int start = recGroupStarts[typeIndex];
        int end = typeIndex + 1;
        while (end < recGroupStarts.length && recGroupStarts[end] == start) {
            end++;
        }
        return end - start;
    }

    public List<Import> imports() {
        return imports;
    }

    /** The functions defined by this module (not the imported ones). */
    public List<Function> functions() {
        return functions;
    }

    /** The tables defined by this module (not the imported ones). */
    public List<TableType> tables() {
        return tables;
    }

    /**
     * The initializer of defined table {@code i} (counting defined tables only): the constant
     * expression whose value every element starts as (Wasm 3.0, from typed function references),
     * or null when the table has none and its elements start as null references.
     */
    public Expr tableInit(int i) {
        return tableInits.get(i);
    }

    /** The memories defined by this module (not the imported ones). */
    public List<MemoryType> memories() {
        return memories;
    }

    /** The globals defined by this module (not the imported ones). */
    public List<Global> globals() {
        return globals;
    }

    /** The type indices of the tags the module defines (the tag section, Wasm 3.0 exception handling). */
    public List<Integer> tags() {
        return tags;
    }

    public List<Export> exports() {
        return exports;
    }

    /** The start function's index, if the module has one. */
    public OptionalInt start() {
        return start;
    }

    public List<ElemSegment> elems() {
        return elems;
    }

    public List<DataSegment> datas() {
        return datas;
    }

    /** The count from the data count section, if present (binary modules only). */
    public OptionalInt dataCount() {
        return dataCount;
    }

    public List<CustomSection> customSections() {
        return customSections;
    }

    public Names names() {
        return names;
    }

    /**
     * The byte offset in the binary module of the code section's contents (its function count,
     * right after the section size), the origin of the code addresses in the module's DWARF; -1
     * when the module has no code section or was parsed from text.
     */
    public int codeSectionOffset() {
        return codeSectionOffset;
    }

    // ---- index spaces ------------------------------------------------------------------------

    /** Number of functions in the function index space (imported + defined). */
    public int functionCount() {
        return funcTypeIndices.length;
    }

    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    /** The type index of function {@code funcIndex} in the function index space. */
    public int functionTypeIndex(int funcIndex) {
        return funcTypeIndices[funcIndex];
    }

    /** The type of function {@code funcIndex} in the function index space. */
    public FuncType functionType(int funcIndex) {
        return funcType(funcTypeIndices[funcIndex]);
    }

    /** The defined function with index {@code funcIndex} in the function index space. */
    public Function definedFunction(int funcIndex) {
        return functions.get(funcIndex - importedFunctionCount);
    }

    public int tableCount() {
        return tableSpace.length;
    }

    public int importedTableCount() {
        return importedTableCount;
    }

    public TableType tableType(int tableIndex) {
        return tableSpace[tableIndex];
    }

    public int memoryCount() {
        return memorySpace.length;
    }

    public int importedMemoryCount() {
        return importedMemoryCount;
    }

    public MemoryType memoryType(int memoryIndex) {
        return memorySpace[memoryIndex];
    }

    public int globalCount() {
        return globalSpace.length;
    }

    public int importedGlobalCount() {
        return importedGlobalCount;
    }

    public GlobalType globalType(int globalIndex) {
        return globalSpace[globalIndex];
    }

    /** Number of tags in the tag index space (imported + defined). */
    public int tagCount() {
        return tagSpace.length;
    }

    public int importedTagCount() {
        return importedTagCount;
    }

    /** The type index of tag {@code tagIndex} in the tag index space: a function type, its parameters the exception's values. */
    public int tagTypeIndex(int tagIndex) {
        return tagSpace[tagIndex];
    }

    /**
     * A readable name for function {@code funcIndex}, for stack traces and compilation logs: its
     * debug name, else the name it is exported under, else {@code func[i]}.
     */
    public String functionDisplayName(int funcIndex) {
        String name = names.functionName(funcIndex);
        if (name != null) {
            return name;
        }
        for (Export export : exports) {
            if (export.kind() == ExternKind.FUNC && export.index() == funcIndex) {
                return export.name();
            }
        }
        return "func[" + funcIndex + "]";
    }

    /** A readable name for tag {@code tagIndex}, for exception messages: {@code tag} and the name it is exported under, else {@code tag[i]}. */
    public String tagDisplayName(int tagIndex) {
        for (Export export : exports) {
            if (export.kind() == ExternKind.TAG && export.index() == tagIndex) {
                return "tag " + export.name();
            }
        }
        return "tag[" + tagIndex + "]";
    }

    /** Accumulates a module's parts in the order the decoder or parser meets them. */
    public static final class Builder {
        private final List<SubType> types = new ArrayList<>();
        private final List<Integer> recGroupStarts = new ArrayList<>();
        private final List<Import> imports = new ArrayList<>();
        private final List<Function> functions = new ArrayList<>();
        private final List<TableType> tables = new ArrayList<>();
        private final List<Expr> tableInits = new ArrayList<>();
        private final List<MemoryType> memories = new ArrayList<>();
        private final List<Global> globals = new ArrayList<>();
        private final List<Integer> tags = new ArrayList<>();
        private final List<Export> exports = new ArrayList<>();
        private OptionalInt start = OptionalInt.empty();
        private final List<ElemSegment> elems = new ArrayList<>();
        private final List<DataSegment> datas = new ArrayList<>();
        private OptionalInt dataCount = OptionalInt.empty();
        private final List<CustomSection> customSections = new ArrayList<>();
        private Names names = Names.NONE;
        private int codeSectionOffset = -1;

        private Builder() {
        }

        /** A function type definition {@code (type (func ...))}: a recursion group of one plain sub type. */
        public Builder addType(FuncType type) {
            return addRecGroup(List.of(SubType.plain(type)));
        }

        /** A recursion group {@code (rec subtype*)}; its types get the next type indices. */
        public Builder addRecGroup(List<SubType> group) {
            int start = types.size();
            for (SubType t : group) {
                types.add(t);
                recGroupStarts.add(start);
            }
            return this;
        }

        public Builder addImport(Import imp) {
            imports.add(imp);
            return this;
        }

        public Builder addFunction(Function f) {
            functions.add(f);
            return this;
        }

        public Builder addTable(TableType t) {
            return addTable(t, null);
        }

        /** A table with an initializer expression ({@code init} may be null: none). */
        public Builder addTable(TableType t, Expr init) {
            tables.add(t);
            tableInits.add(init);
            return this;
        }

        public Builder addMemory(MemoryType m) {
            memories.add(m);
            return this;
        }

        public Builder addGlobal(Global g) {
            globals.add(g);
            return this;
        }

        /** Adds a tag definition of type {@code types[typeIndex]}. */
        public Builder addTag(int typeIndex) {
            tags.add(typeIndex);
            return this;
        }

        public Builder addExport(Export e) {
            exports.add(e);
            return this;
        }

        public Builder start(int funcIndex) {
            start = OptionalInt.of(funcIndex);
            return this;
        }

        public Builder addElem(ElemSegment e) {
            elems.add(e);
            return this;
        }

        public Builder addData(DataSegment d) {
            datas.add(d);
            return this;
        }

        public Builder dataCount(int count) {
            dataCount = OptionalInt.of(count);
            return this;
        }

        public Builder addCustomSection(CustomSection c) {
            customSections.add(c);
            return this;
        }

        public Builder names(Names n) {
            names = n;
            return this;
        }

        /** Where the code section's contents start in the binary module (see {@link Module#codeSectionOffset()}). */
        public Builder codeSectionOffset(int offset) {
            codeSectionOffset = offset;
            return this;
        }

        /** Types added so far; lets a decoder resolve type indices while it reads. */
        public List<SubType> typesSoFar() {
            return types;
        }

        public Module build() {
            return new Module(this);
        }
    }
}
