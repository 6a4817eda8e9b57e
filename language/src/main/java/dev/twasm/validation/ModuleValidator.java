package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.Features;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a module (spec §3.4 "Modules"): types, imports, tables, memories, globals, element and
 * data segments, function bodies, the start function and exports, in the order of the reference
 * interpreter so that a module with several problems reports the same first one. Each error gets a
 * location naming the offending component ("in global 2", "in export \"f\"", ...); function body
 * errors get theirs from {@link FunctionValidator}.
 */
final class ModuleValidator {
    /** The reference interpreter's wording for limits out of range. */
    private static final String TABLE_TOO_LARGE = "table size must be at most 2^32-1";
    private static final String MEMORY_TOO_LARGE = "memory size must be at most 65536 pages (4GiB)";
    private static final String MEMORY64_TOO_LARGE = "memory size must be at most 2^48 pages (16 EiB)";

    private final Module module;
    private ValidationContext context;
    private ConstantExpressionValidator constants;

    private final Features features;

    ModuleValidator(Module module, Features features) {
        this.module = module;
        this.features = features;
    }

    ValidationResult validate() {
        TypeSectionValidator typeSection = new TypeSectionValidator(module);
        for (int i = 0; i < module.typeCount(); i++) {
            int index = i;
            at("type " + i, () -> typeSection.checkReferences(index));
        }
        ValType.TypeEquivalence typeMatching = ValidationContext.typeMatching(module);
        for (int i = 0; i < module.typeCount(); i++) {
            int index = i;
            at("type " + i, () -> typeSection.checkSupertypes(index, typeMatching));
        }
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            at("import " + i + " \"" + imp.module() + "\" \"" + imp.name() + "\"", () -> checkImport(imp));
        }
        List<Function> functions = module.functions();
        int imported = module.importedFunctionCount();
        for (int i = 0; i < functions.size(); i++) {
            Function f = functions.get(i);
            at("function " + (imported + i), () -> checkFuncTypeIndex(f.typeIndex()));
        }

        context = new ValidationContext(module, features);
        constants = new ConstantExpressionValidator(context);

        List<Global> globals = module.globals();
        int importedGlobals = module.importedGlobalCount();
        for (int i = 0; i < globals.size(); i++) {
            Global g = globals.get(i);
            int index = importedGlobals + i;
            at("global " + index, () -> {
                context.checkValType(g.type().valType());
                constants.validate(g.init(), g.type().valType(), index);
            });
        }
        List<TableType> tables = module.tables();
        for (int i = 0; i < tables.size(); i++) {
            TableType t = tables.get(i);
            Expr init = module.tableInit(i);
            at("table " + (module.importedTableCount() + i), () -> {
                checkTableType(t);
                if (init != null) {
                    // tables precede globals: their initializers see the imported globals only
                    constants.validate(init, t.elemType(), module.importedGlobalCount());
                } else if (!t.elemType().isDefaultable()) {
                    throw invalid("type mismatch: a table of non-nullable " + t.elemType() + " needs an initializer");
                }
            });
        }
        List<MemoryType> memories = module.memories();
        for (int i = 0; i < memories.size(); i++) {
            MemoryType m = memories.get(i);
            at("memory " + (module.importedMemoryCount() + i), () -> checkMemoryType(m));
        }
        List<Integer> tags = module.tags();
        for (int i = 0; i < tags.size(); i++) {
            int typeIndex = tags.get(i);
            at("tag " + (module.importedTagCount() + i), () -> checkTagType(typeIndex));
        }
        List<ElemSegment> elems = module.elems();
        for (int i = 0; i < elems.size(); i++) {
            ElemSegment e = elems.get(i);
            at("element segment " + i, () -> checkElem(e));
        }
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            DataSegment d = datas.get(i);
            at("data segment " + i, () -> checkData(d));
        }

        FunctionValidator bodies = new FunctionValidator(context);
        List<FunctionFacts> facts = new ArrayList<>(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            facts.add(bodies.validate(imported + i, functions.get(i)));
        }

        if (module.start().isPresent()) {
            int start = module.start().getAsInt();
            at("start function", () -> checkStart(start));
        }
        Set<String> exportNames = new HashSet<>();
        for (Export e : module.exports()) {
            at("export \"" + e.name() + "\"", () -> checkExport(e, exportNames));
        }
        if (module.memoryCount() > 1 && !features.multiMemory()) {
            throw new InvalidModuleException("multiple memories", "in module");
        }
        return new ValidationResult(facts);
    }

    /** Runs {@code check}, adding {@code where} as location to an error that has none. */
    private static void at(String where, Runnable check) {
        try {
            check.run();
        } catch (InvalidModuleException e) {
            throw e.location() != null ? e : new InvalidModuleException(e.reason(), "in " + where);
        }
    }

    private void checkTypeIndex(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= module.types().size()) {
            throw invalid("unknown type " + Integer.toUnsignedString(typeIndex));
        }
    }

    /** A type index where a function type is needed: "type mismatch" for a structure or array type. */
    private void checkFuncTypeIndex(int typeIndex) {
        checkTypeIndex(typeIndex);
        if (!(module.types().get(typeIndex).composite() instanceof FuncType)) {
            throw invalid("type mismatch: type " + typeIndex + " is not a function type");
        }
    }

    private void checkImport(Import imp) {
        switch (imp.desc()) {
            case ImportDesc.Func f -> checkFuncTypeIndex(f.typeIndex());
            case ImportDesc.Table t -> checkTableType(t.type());
            case ImportDesc.Memory m -> checkMemoryType(m.type());
            case ImportDesc.Global g -> ValidationContext.checkValType(g.type().valType(), module.types().size());
            case ImportDesc.Tag t -> checkTagType(t.typeIndex());
        }
    }

    /** Tag types (exception handling, spec 3.0 §3.2.x): a function type without results. */
    private void checkTagType(int typeIndex) {
        checkFuncTypeIndex(typeIndex);
        if (module.funcType(typeIndex).resultCount() != 0) {
            throw invalid("non-empty tag result type");
        }
    }

    /** Table types (spec 3.0 §3.2.x): limits within 2^32-1 (2^64-1 for table64), a reference element type. */
    private void checkTableType(TableType type) {
        checkLimits(type.limits(), type.maxSize(), TABLE_TOO_LARGE);
        if (!type.elemType().isReference()) {
            throw invalid("malformed reference type " + type.elemType());
        }
        ValidationContext.checkValType(type.elemType(), module.types().size());
    }

    /**
     * Memory types (spec 3.0 §3.2.x): limits within 65536 pages (2^48 pages for memory64); a
     * {@code shared} memory (threads proposal) must declare a maximum, so that its whole size can be reserved up front.
     */
    private static void checkMemoryType(MemoryType type) {
        checkLimits(type.limits(), type.maxPages(), type.addressType().is64() ? MEMORY64_TOO_LARGE : MEMORY_TOO_LARGE);
        if (type.shared() && !type.limits().hasMax()) {
            throw invalid("shared memory must have maximum");
        }
    }

    /** Limits (spec §3.2.1): minimum and maximum within {@code range}, minimum not above maximum. */
    private static void checkLimits(Limits limits, long range, String tooLarge) {
        if (Long.compareUnsigned(limits.min(), range) > 0) {
            throw invalid(tooLarge);
        }
        if (limits.hasMax()) {
            if (Long.compareUnsigned(limits.max(), range) > 0) {
                throw invalid(tooLarge);
            }
            if (Long.compareUnsigned(limits.min(), limits.max()) > 0) {
                throw invalid("size minimum must not be greater than maximum");
            }
        }
    }

    /** Element segments (spec §3.4.5): items of the segment's type; an active one fits its table. */
    private void checkElem(ElemSegment segment) {
        ValType elemType = segment.elemType();
        if (!elemType.isReference()) {
            throw invalid("malformed reference type " + elemType);
        }
        context.checkValType(elemType);
        for (Expr item : segment.items()) {
            constants.validate(item, elemType, module.globalCount());
        }
        if (segment.mode() == SegmentMode.ACTIVE) {
            TableType table = context.table(segment.tableIndex());
            ValType tableType = table.elemType();
            if (!context.matches(elemType, tableType)) {
                throw invalid("type mismatch: element segment's type " + elemType + " does not match table's element type " + tableType);
            }
            constants.validate(segment.offset(), table.addressType().valType(), module.globalCount());
        }
    }

    /** Data segments (spec 3.0 §3.4.x): an active one needs its memory and an offset of its address type. */
    private void checkData(DataSegment segment) {
        if (segment.mode() == SegmentMode.ACTIVE) {
            MemoryType memory = context.memory(segment.memoryIndex());
            constants.validate(segment.offset(), memory.addressType().valType(), module.globalCount());
        }
    }

    /** The start function (spec §3.4.8) must exist and have type {@code [] -> []}. */
    private void checkStart(int funcIndex) {
        FuncType type = context.functionType(funcIndex);
        if (type.paramCount() != 0 || type.resultCount() != 0) {
            throw invalid("start function must not have parameters or results, but has type " + type);
        }
    }

    /** Exports (spec §3.4.9, §3.4.10): the exported item exists and names are unique. */
    private void checkExport(Export export, Set<String> names) {
        switch (export.kind()) {
            case FUNC -> context.functionType(export.index());
            case TABLE -> context.table(export.index());
            case MEMORY -> context.memory(export.index());
            case GLOBAL -> context.global(export.index());
            case TAG -> context.tag(export.index());
        }
        if (!names.add(export.name())) {
            throw invalid("duplicate export name");
        }
    }
}
