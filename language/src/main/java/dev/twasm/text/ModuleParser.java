package dev.twasm.text;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.BinaryOutput;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.CustomSection;
import dev.twasm.model.DataSegment;
import dev.twasm.model.AddressType;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Features;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Names;
import dev.twasm.model.Opcode;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a module in the text format (spec §6.6 "Modules") into the abstract {@link Module}.
 *
 * <p>Two passes over the module's fields, as the identifier context of spec §6.6.13 requires:
 * the first binds every identifier to its index (fields may refer to later ones), defines the
 * explicit types and checks that imports precede definitions; the second parses every field,
 * expanding the abbreviations (inline imports, exports, element and data segments, implicit type
 * definitions) in order of appearance. Annotations ({@link ModuleAnnotations}) are read where
 * they mean something: {@code @custom} between fields (first pass), {@code @name} after the
 * identifier of the module, a function, parameter or local, branch hints before branches; the
 * others are checked once the fields are parsed.
 */
final class ModuleParser extends TokenCursor {
    /** Quoted modules inside quoted modules: each level needs doubled escapes, so this is generous. */
    private static final int MAX_QUOTE_DEPTH = 64;

    private final ModuleScope scope = new ModuleScope();
    private final InstructionParser instructions;
    private final Module.Builder builder = Module.builder();
    private final int quoteDepth;

    private String moduleName;
    private final List<Integer> fieldStarts = new ArrayList<>();
    /** The first and last token of each function field, where branch hints belong. */
    private final List<int[]> functionRanges = new ArrayList<>();
    private final Map<Integer, String> functionNames = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();
    private int nextFunction;
    private int nextTable;
    private int nextMemory;
    private int nextGlobal;
    private int nextTag;
    private boolean hasStart;
    private final Features features;

    private ModuleParser(Tokens tokens, int quoteDepth, Features features) {
        super(tokens);
        this.instructions = new InstructionParser(this, scope, features);
        this.typeNames = scope.typeNames;
        this.quoteDepth = quoteDepth;
        this.features = features;
        this.annotations = new ModuleAnnotations(tokens);
    }

    static Module parse(String text, int quoteDepth, Features features) {
        if (quoteDepth > MAX_QUOTE_DEPTH) {
            throw new MalformedModuleException("nesting too deep", 1, 1);
        }
        return new ModuleParser(Lexer.tokenize(text), quoteDepth, features).module();
    }

    /** {@code (module $id? field*)}, {@code (module $id? binary|quote "..."*)}, or bare fields. */
    private Module module() {
        if (atForm(Keyword.MODULE)) {
            pos += 2;
            String id = optionalId();
            if (atKeyword(Keyword.BINARY) || atKeyword(Keyword.QUOTE)) {
                boolean binary = atKeyword(Keyword.BINARY);
                pos++;
                byte[] bytes = strings();
                expectRPar();
                expect(TokenKind.EOF);
                return binary ? BinaryDecoder.decode(bytes, features) : parse(StringLiteral.decodeSource(bytes), quoteDepth + 1, features);
            }
            String annotated = annotations.name(pos, "module");
            moduleName = annotated != null ? annotated : id == null ? null : id.substring(1);
            fields(TokenKind.RPAR);
            expectRPar();
            expect(TokenKind.EOF);
        } else {
            fields(TokenKind.EOF);
        }
        return builder.build();
    }

    private void fields(TokenKind terminator) {
        int first = pos;
        declare();
        int end = pos;
        pos = first;
        define();
        pos = end;
        // after the fields, so that errors inside them, earlier in the text, are reported first
        if (!at(terminator)) {
            throw unexpected();
        }
        annotations.checkUnused(functionRanges);
    }

    // ---- pass 1: identifiers and explicit types --------------------------------------------

    /**
     * Binds the identifiers of all fields, defines the explicit types and checks that no import
     * follows a definition of a function, table, memory or global (spec §6.6.13: imports come first
     * in every index space). Like the reference interpreter, reports the kind of the latest
     * definition that an import follows: "import after function".
     */
    private void declare() {
        String lastDefinition = null;
        String importAfter = null;
        int importAfterToken = -1;
        while (true) {
            for (CustomSection section : annotations.customSections(pos)) {
                builder.addCustomSection(section);
            }
            if (!at(TokenKind.LPAR)) {
                break;
            }
            int start = pos;
            fieldStarts.add(start);
            if (tokens.keyword(start + 1) == Keyword.FUNC) {
                functionRanges.add(new int[] {start, tokens.partner(start)});
            }
            String definition = declareField();
            if (definition == null && isImportField(start)) {
                if (lastDefinition != null) {
                    importAfter = lastDefinition;
                    importAfterToken = start;
                }
            } else if (definition != null) {
                lastDefinition = definition;
            }
            pos = start;
            skipForm();
        }
        int end = pos;
        parseTypes();
        pos = end;
        if (importAfter != null) {
            throw error("import after " + importAfter, importAfterToken);
        }
    }

    /** The explicit type definitions, in order, once all type identifiers are bound. */
    private void parseTypes() {
        for (int start : fieldStarts) {
            Object keyword = tokens.keyword(start + 1);
            if (keyword == Keyword.TYPE || keyword == Keyword.REC) {
                pos = start;
                scope.types.addGroup(TypeDefinitions.recType(this, scope));
            }
        }
    }

    /**
     * Declares the field at the cursor; returns the kind of entity it defines ("function",
     * "table", "memory", "global") when it is a definition rather than an import, else null.
     */
    private String declareField() {
        int start = pos;
        Object keyword = tokens.keyword(start + 1);
        int idToken = start + 2;
        String id = kind(idToken) == TokenKind.ID ? tokens.id(idToken) : null;
        if (keyword == Keyword.TYPE || keyword == Keyword.REC) {
            // bound before any definition is parsed (parseTypes): a type may refer to any other
            for (int def : TypeDefinitions.definitionTokens(this, start)) {
                scope.typeNames.add(kind(def + 2) == TokenKind.ID ? tokens.id(def + 2) : null, this, def + 2);
            }
        } else if (keyword == Keyword.IMPORT) {
            int desc = start + 4; // (import "module" "name" (kind $id? ...))
            IndexSpace space = kind(desc) == TokenKind.LPAR ? spaceOf(tokens.keyword(desc + 1)) : null;
            if (space != null) {
                space.add(kind(desc + 2) == TokenKind.ID ? tokens.id(desc + 2) : null, this, desc + 2);
            }
        } else if (spaceOf(keyword) != null) {
            spaceOf(keyword).add(id, this, idToken);
            if (!isImportField(start)) {
                declareInlineSegment(keyword, afterInlineExports(start));
                return keyword == Keyword.FUNC ? "function" : ((Keyword) keyword).text();
            }
        } else if (keyword == Keyword.ELEM) {
            scope.elems.add(id, this, idToken);
        } else if (keyword == Keyword.DATA) {
            scope.datas.add(id, this, idToken);
        } else if (keyword != Keyword.EXPORT && keyword != Keyword.START) {
            throw unexpected(start + 1);
        }
        return null;
    }

    /** For {@code (func|table|memory|global $id? (export ...)* ...)}, the token after the exports. */
    private int afterInlineExports(int start) {
        int p = kind(start + 2) == TokenKind.ID ? start + 3 : start + 2;
        while (kind(p) == TokenKind.LPAR && tokens.keyword(p + 1) == Keyword.EXPORT && tokens.partner(p) > 0) {
            p = tokens.partner(p) + 1;
        }
        return p;
    }

    /** Whether the field at {@code start} is an import: {@code (import ...)} or one with an inline import. */
    private boolean isImportField(int start) {
        Object keyword = tokens.keyword(start + 1);
        if (keyword == Keyword.IMPORT) {
            return true;
        }
        if (spaceOf(keyword) == null) {
            return false;
        }
        int p = afterInlineExports(start);
        return kind(p) == TokenKind.LPAR && tokens.keyword(p + 1) == Keyword.IMPORT;
    }

    /** The element segment of {@code (table reftype (elem ...))}, the data segment of {@code (memory (data ...))}. */
    private void declareInlineSegment(Object keyword, int p) {
        if (keyword == Keyword.TABLE && isValType(p) && kind(afterValType(p)) == TokenKind.LPAR && tokens.keyword(afterValType(p) + 1) == Keyword.ELEM) {
            scope.elems.add(null, this, p);
        } else if (keyword == Keyword.MEMORY && kind(p) == TokenKind.LPAR && tokens.keyword(p + 1) == Keyword.DATA) {
            scope.datas.add(null, this, p);
        }
    }

    private IndexSpace spaceOf(Object keyword) {
        if (keyword == Keyword.FUNC) {
            return scope.funcs;
        } else if (keyword == Keyword.TABLE) {
            return scope.tables;
        } else if (keyword == Keyword.MEMORY) {
            return scope.memories;
        } else if (keyword == Keyword.GLOBAL) {
            return scope.globals;
        } else if (keyword == Keyword.TAG) {
            return scope.tags;
        }
        return null;
    }

    // ---- pass 2: fields ---------------------------------------------------------------------

    private void define() {
        for (int start : fieldStarts) {
            pos = start;
            Object keyword = tokens.keyword(pos + 1);
            if (keyword == Keyword.TYPE || keyword == Keyword.REC) {
                skipForm();
            } else if (keyword == Keyword.IMPORT) {
                importField();
            } else if (keyword == Keyword.FUNC) {
                funcField();
            } else if (keyword == Keyword.TABLE) {
                tableField();
            } else if (keyword == Keyword.MEMORY) {
                memoryField();
            } else if (keyword == Keyword.GLOBAL) {
                globalField();
            } else if (keyword == Keyword.TAG) {
                tagField();
            } else if (keyword == Keyword.EXPORT) {
                exportField();
            } else if (keyword == Keyword.START) {
                startField();
            } else if (keyword == Keyword.ELEM) {
                elemField();
            } else {
                dataField();
            }
        }
        scope.types.addTo(builder);
        if (moduleName != null || !functionNames.isEmpty() || !localNames.isEmpty()) {
            builder.names(new Names(moduleName, Map.copyOf(functionNames), Map.copyOf(localNames)));
        }
    }

    /** {@code (import "module" "name" importdesc)} (spec §6.6.4). */
    private void importField() {
        expectForm(Keyword.IMPORT);
        String module = name();
        String name = name();
        expectLPar();
        int kindToken = pos;
        Object keyword = keyword();
        pos++;
        String id = optionalId();
        ImportDesc desc;
        if (keyword == Keyword.FUNC) {
            nameFunction(id, annotations.name(pos, "function"));
            desc = new ImportDesc.Func(IndexSpace.clamp(TypeUses.typeUse(this, scope, new LocalScope())));
        } else if (keyword == Keyword.TABLE) {
            nextTable++;
            desc = new ImportDesc.Table(tableType());
        } else if (keyword == Keyword.MEMORY) {
            nextMemory++;
            desc = new ImportDesc.Memory(memoryType());
        } else if (keyword == Keyword.GLOBAL) {
            nextGlobal++;
            desc = new ImportDesc.Global(globalType());
        } else if (keyword == Keyword.TAG) {
            nextTag++;
            desc = new ImportDesc.Tag(IndexSpace.clamp(TypeUses.typeUse(this, scope, new LocalScope())));
        } else {
            throw unexpected(kindToken);
        }
        expectRPar();
        expectRPar();
        builder.addImport(new Import(module, name, desc));
    }

    /** The next function's index; its name is {@code annotated} (from {@code @name}) or else its identifier. */
    private int nameFunction(String id, String annotated) {
        int index = nextFunction++;
        if (annotated != null) {
            functionNames.put(index, annotated);
        } else if (id != null) {
            functionNames.put(index, id.substring(1));
        }
        return index;
    }

    /** Inline {@code (export "name")}s of a definition (spec §6.6.5, §6.6.6, §6.6.7, §6.6.8 "Abbreviations"). */
    private void inlineExports(ExternKind kind, int index) {
        while (atForm(Keyword.EXPORT)) {
            pos += 2;
            builder.addExport(new Export(name(), kind, index));
            expectRPar();
        }
    }

    /** An inline {@code (import "module" "name")}, or null. */
    private String[] inlineImport() {
        if (!atForm(Keyword.IMPORT)) {
            return null;
        }
        pos += 2;
        String module = name();
        String name = name();
        expectRPar();
        return new String[] {module, name};
    }

    /** {@code (func $id? export* import? typeuse local* instr*)} (spec §6.6.5). */
    private void funcField() {
        expectForm(Keyword.FUNC);
        String id = optionalId();
        int index = nameFunction(id, annotations.name(pos, "function"));
        inlineExports(ExternKind.FUNC, index);
        String[] imported = inlineImport();
        if (imported != null) {
            int type = IndexSpace.clamp(TypeUses.typeUse(this, scope, new LocalScope()));
            expectRPar();
            builder.addImport(new Import(imported[0], imported[1], new ImportDesc.Func(type)));
            return;
        }
        LocalScope locals = new LocalScope();
        int type = IndexSpace.clamp(TypeUses.typeUse(this, scope, locals));
        while (atForm(Keyword.LOCAL)) {
            pos += 2;
            if (at(TokenKind.ID)) {
                int token = pos;
                String local = optionalId();
                String annotated = annotations.name(pos, "local");
                locals.addLocal(local, valType(), this, token);
                if (annotated != null) {
                    locals.nameLast(annotated);
                }
            } else {
                String annotated = annotations.name(pos, "local");
                for (boolean first = true; isValType(pos); first = false) {
                    locals.addLocal(null, valType(), this, pos);
                    if (first && annotated != null) {
                        locals.nameLast(annotated);
                    }
                }
            }
            expectRPar();
        }
        Expr body = instructions.parseExpression(locals);
        expectRPar();
        if (!locals.names().isEmpty()) {
            localNames.put(index, Map.copyOf(locals.names()));
        }
        builder.addFunction(new Function(type, locals.declaredLocals(), body));
    }

    /**
     * {@code limits}: with memory64 (Wasm 3.0) the sizes are read as u64 and validation bounds
     * them by the address type ("memory size must be at most ..."); in Wasm 2.0 they are u32.
     */
    private Limits limits() {
        long min = sizeLiteral();
        if (!at(TokenKind.NAT)) {
            return new Limits(min, Limits.NO_MAX, false);
        }
        return new Limits(min, sizeLiteral(), true);
    }

    private long sizeLiteral() {
        return features.memory64() ? u64() : u32();
    }

    /** {@code addrtype?} before the limits of a table or memory (spec 3.0 §6.4.x): {@code i32} when absent. */
    private AddressType addressType() {
        if (!features.memory64() && tokens.keyword(pos) == Keyword.I64) {
            throw error("64-bit memories and tables (Wasm 3.0 memory64) need the option wasm.Memory64", pos);
        }
        if (features.memory64() && tokens.keyword(pos) == Keyword.I64) {
            pos++;
            return AddressType.I64;
        }
        if (features.memory64() && tokens.keyword(pos) == Keyword.I32) {
            pos++;
        }
        return AddressType.I32;
    }

    private TableType tableType() {
        AddressType addressType = addressType();
        Limits limits = limits();
        return new TableType(addressType, refType(), limits);
    }

    /** {@code memtype ::= addrtype? limits shared?} (spec 3.0 §6.4.x, and the threads proposal's {@code shared}). */
    private MemoryType memoryType() {
        AddressType addressType = addressType();
        Limits limits = limits();
        boolean shared = tokens.keyword(pos) == Keyword.SHARED;
        if (shared) {
            pos++;
        }
        return new MemoryType(addressType, limits, shared);
    }

    private GlobalType globalType() {
        if (atForm(Keyword.MUT)) {
            pos += 2;
            ValType type = valType();
            expectRPar();
            return new GlobalType(type, true);
        }
        return new GlobalType(valType(), false);
    }

    /**
     * {@code (table $id? export* import? tabletype expr?)} or with an inline element segment
     * (spec 3.0 §6.6.6); the optional {@code expr} is the table's initializer.
     */
    private void tableField() {
        expectForm(Keyword.TABLE);
        optionalId();
        int index = nextTable++;
        inlineExports(ExternKind.TABLE, index);
        String[] imported = inlineImport();
        if (imported != null) {
            TableType type = tableType();
            expectRPar();
            builder.addImport(new Import(imported[0], imported[1], new ImportDesc.Table(type)));
            return;
        }
        int start = pos;
        AddressType addressType = addressType();
        if (isValType(pos) && kind(afterValType(pos)) == TokenKind.LPAR && tokens.keyword(afterValType(pos) + 1) == Keyword.ELEM) {
            ValType elemType = refType();
            expectForm(Keyword.ELEM);
            Expr[] items = IndexSpace.atReference(this) || at(TokenKind.RPAR) ? functionItems() : elemExprs();
            expectRPar();
            expectRPar();
            builder.addTable(new TableType(addressType, elemType, new Limits(items.length, items.length)));
            builder.addElem(new ElemSegment(SegmentMode.ACTIVE, elemType, index, zeroOffset(addressType), items));
            return;
        }
        pos = start;
        TableType type = tableType();
        // an initializer expression (Wasm 3.0): the value every element starts as
        Expr init = at(TokenKind.RPAR) ? null : instructions.parseExpression(new LocalScope());
        expectRPar();
        builder.addTable(type, init);
    }

    /** {@code (memory $id? export* import? memtype)} or with an inline data segment (spec §6.6.7). */
    private void memoryField() {
        expectForm(Keyword.MEMORY);
        optionalId();
        int index = nextMemory++;
        inlineExports(ExternKind.MEMORY, index);
        String[] imported = inlineImport();
        if (imported != null) {
            MemoryType type = memoryType();
            expectRPar();
            builder.addImport(new Import(imported[0], imported[1], new ImportDesc.Memory(type)));
            return;
        }
        int start = pos;
        AddressType addressType = addressType();
        if (atForm(Keyword.DATA)) {
            pos += 2;
            byte[] bytes = strings();
            expectRPar();
            expectRPar();
            long pages = (bytes.length + (long) MemoryType.PAGE_SIZE - 1) / MemoryType.PAGE_SIZE;
            builder.addMemory(new MemoryType(addressType, new Limits(pages, pages)));
            builder.addData(new DataSegment(SegmentMode.ACTIVE, index, zeroOffset(addressType), bytes));
            return;
        }
        pos = start;
        MemoryType type = memoryType();
        expectRPar();
        builder.addMemory(type);
    }

    /** {@code (global $id? export* import? globaltype expr)} (spec §6.6.8). */
    private void globalField() {
        expectForm(Keyword.GLOBAL);
        optionalId();
        int index = nextGlobal++;
        inlineExports(ExternKind.GLOBAL, index);
        String[] imported = inlineImport();
        GlobalType type = globalType();
        if (imported != null) {
            expectRPar();
            builder.addImport(new Import(imported[0], imported[1], new ImportDesc.Global(type)));
            return;
        }
        Expr init = instructions.parseExpression(new LocalScope());
        expectRPar();
        builder.addGlobal(new Global(type, init));
    }

    /** {@code (tag $id? export* import? typeuse)} (exception handling, spec 3.0 §6.6.x). */
    private void tagField() {
        expectForm(Keyword.TAG);
        optionalId();
        int index = nextTag++;
        inlineExports(ExternKind.TAG, index);
        String[] imported = inlineImport();
        int type = IndexSpace.clamp(TypeUses.typeUse(this, scope, new LocalScope()));
        expectRPar();
        if (imported != null) {
            builder.addImport(new Import(imported[0], imported[1], new ImportDesc.Tag(type)));
        } else {
            builder.addTag(type);
        }
    }

    /** {@code (export "name" (kind x))} (spec §6.6.9). */
    private void exportField() {
        expectForm(Keyword.EXPORT);
        String name = name();
        expectLPar();
        Object keyword = keyword();
        ExternKind kind;
        IndexSpace space;
        if (keyword == Keyword.FUNC) {
            kind = ExternKind.FUNC;
            space = scope.funcs;
        } else if (keyword == Keyword.TABLE) {
            kind = ExternKind.TABLE;
            space = scope.tables;
        } else if (keyword == Keyword.MEMORY) {
            kind = ExternKind.MEMORY;
            space = scope.memories;
        } else if (keyword == Keyword.GLOBAL) {
            kind = ExternKind.GLOBAL;
            space = scope.globals;
        } else if (keyword == Keyword.TAG) {
            kind = ExternKind.TAG;
            space = scope.tags;
        } else {
            throw unexpected();
        }
        pos++;
        int index = IndexSpace.clamp(space.resolve(this));
        expectRPar();
        expectRPar();
        builder.addExport(new Export(name, kind, index));
    }

    /** {@code (start x)} (spec §6.6.10); a module has at most one. */
    private void startField() {
        int start = pos;
        expectForm(Keyword.START);
        int index = IndexSpace.clamp(scope.funcs.resolve(this));
        expectRPar();
        if (hasStart) {
            throw error("multiple start sections", start);
        }
        hasStart = true;
        builder.start(index);
    }

    /**
     * {@code (elem $id? elemlist)}, {@code (elem $id? declare elemlist)} and
     * {@code (elem $id? (table x)? offset elemlist)} with their abbreviations (spec §6.6.11), and
     * Wasm 1.0's {@code (elem x offset funcidx*)}.
     */
    private void elemField() {
        expectForm(Keyword.ELEM);
        optionalId();
        SegmentMode mode;
        Expr offset = null;
        int table = atKeyword(Keyword.DECLARE) ? -1 : segmentTarget(Keyword.TABLE, scope.tables);
        if (atKeyword(Keyword.DECLARE)) {
            pos++;
            mode = SegmentMode.DECLARATIVE;
        } else if (table >= 0 || at(TokenKind.LPAR) && !isValType(pos)) {
            mode = SegmentMode.ACTIVE;
            offset = offset();
        } else {
            mode = SegmentMode.PASSIVE;
        }
        table = Math.max(table, 0);
        ValType elemType;
        Expr[] items;
        if (atKeyword(Keyword.FUNC)) {
            pos++;
            elemType = ElemSegment.FUNCTION_INDICES;
            items = functionItems();
        } else if (isValType(pos)) {
            elemType = refType();
            items = elemExprs();
        } else if (mode == SegmentMode.ACTIVE && (IndexSpace.atReference(this) || at(TokenKind.RPAR))) {
            elemType = ElemSegment.FUNCTION_INDICES; // (elem offset funcidx*): the legacy abbreviation
            items = functionItems();
        } else {
            throw unexpected();
        }
        expectRPar();
        builder.addElem(new ElemSegment(mode, elemType, table, offset, items));
    }

    /**
     * The table or memory of an active segment before its offset: {@code (table x)} or
     * {@code (memory x)}, or Wasm 1.0's bare index {@code x} (spec 1.0 §6.6.12 "Element Segments"
     * and §6.6.13 "Data Segments"), which the threads proposal's scripts still write and no later
     * script calls malformed; -1 when there is none. Only a number is read as 1.0's index: an
     * identifier there names the segment since 2.0.
     */
    private int segmentTarget(Keyword keyword, IndexSpace space) {
        if (atForm(keyword)) {
            pos += 2;
            int index = IndexSpace.clamp(space.resolve(this));
            expectRPar();
            return index;
        }
        if (at(TokenKind.NAT) && kind(pos + 1) == TokenKind.LPAR) {
            return IndexSpace.clamp(space.resolve(this));
        }
        return -1;
    }

    /** {@code (offset expr)} or its abbreviation, a single folded instruction. */
    private Expr offset() {
        if (atForm(Keyword.OFFSET)) {
            pos += 2;
            Expr expr = instructions.parseExpression(new LocalScope());
            expectRPar();
            return expr;
        }
        return instructions.parseFoldedInstruction(new LocalScope());
    }

    /** {@code funcidx*} as element items: {@code ref.func x} expressions. */
    private Expr[] functionItems() {
        List<Expr> items = new ArrayList<>();
        while (IndexSpace.atReference(this)) {
            BinaryOutput code = new BinaryOutput(8);
            code.writeByte(Opcode.REF_FUNC.code());
            code.writeU32(scope.funcs.resolve(this));
            code.writeByte(Opcode.END.code());
            items.add(new Expr(code.toByteArray(), 0));
        }
        return items.toArray(Expr[]::new);
    }

    /** {@code elemexpr*}: {@code (item expr)} or a single folded instruction. */
    private Expr[] elemExprs() {
        List<Expr> items = new ArrayList<>();
        while (at(TokenKind.LPAR)) {
            if (atForm(Keyword.ITEM)) {
                pos += 2;
                items.add(instructions.parseExpression(new LocalScope()));
                expectRPar();
            } else {
                items.add(instructions.parseFoldedInstruction(new LocalScope()));
            }
        }
        return items.toArray(Expr[]::new);
    }

    /**
     * {@code (data $id? datastring)} or {@code (data $id? (memory x)? offset datastring)} (spec
     * §6.6.12), and Wasm 1.0's {@code (data x offset datastring)}.
     */
    private void dataField() {
        expectForm(Keyword.DATA);
        optionalId();
        SegmentMode mode = SegmentMode.PASSIVE;
        Expr offset = null;
        int memory = segmentTarget(Keyword.MEMORY, scope.memories);
        if (memory >= 0 || at(TokenKind.LPAR)) {
            mode = SegmentMode.ACTIVE;
            offset = offset();
        }
        memory = Math.max(memory, 0);
        byte[] bytes = strings();
        expectRPar();
        builder.addData(new DataSegment(mode, memory, offset, bytes));
    }

    /** The offset of an inline segment: {@code i32.const 0}, or {@code i64.const 0} for a 64-bit memory or table. */
    private static Expr zeroOffset(AddressType addressType) {
        Opcode constant = addressType.is64() ? Opcode.I64_CONST : Opcode.I32_CONST;
        return new Expr(new byte[] {(byte) constant.code(), 0, (byte) Opcode.END.code()}, 0);
    }
}
