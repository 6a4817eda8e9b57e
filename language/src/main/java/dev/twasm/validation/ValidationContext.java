package dev.twasm.validation;

import dev.twasm.binary.CodeReader;
import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.CanonicalTypes;
import dev.twasm.model.CompositeType;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Features;
import dev.twasm.model.FuncType;
import dev.twasm.model.StructType;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.HeapType;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;
import java.util.BitSet;

/**
 * The validation context {@code C} of a module (spec §3.1.1 "Contexts"): the types, functions,
 * tables, memories, globals, element and data segments an instruction may refer to, and
 * {@code C.refs}, the functions that {@code ref.func} may name.
 *
 * <p>Every lookup fails with the reference interpreter's wording, {@code "unknown <space> <index>"}.
 * The exceptions carry no location: {@link ModuleValidator} and {@link FunctionValidator} add
 * where the lookup happened. Function type indices must have been checked before
 * {@link #functionType(int)} is used.
 */
final class ValidationContext {
    private final Module module;
    private final BitSet refs;
    private final int dataCount;
    private final Features features;
    private final ValType.TypeEquivalence equivalence;

    ValidationContext(Module module, Features features) {
        this.module = module;
        this.features = features;
        this.refs = declaredFunctionReferences(module);
        this.dataCount = module.dataCount().orElse(module.datas().size());
        this.equivalence = typeMatching(module);
    }

    /**
     * Equivalence and subtyping of the module's type indices: by module-local canonical ids of
     * their recursion groups ({@link CanonicalTypes}), declared supertypes, and the kind of each
     * composite type.
     */
    static ValType.TypeEquivalence typeMatching(Module module) {
        CanonicalTypes canonical = new CanonicalTypes();
        int[] ids = canonical.canonicalise(module);
        return new ValType.TypeEquivalence() {
            @Override
            public boolean equivalent(int a, int b) {
                return ids[a] == ids[b];
            }

            @Override
            public boolean isSubtype(int a, int b) {
                return ids[a] == ids[b] || canonical.isSubtype(ids[a], ids[b]);
            }

            @Override
            public HeapType compositeKind(int typeIndex) {
                return module.types().get(typeIndex).composite().topKind();
            }
        };
    }

    Features features() {
        return features;
    }

    /** {@code actual <: expected} (spec 3.0 §3.3.4), type indices compared after canonicalisation. */
    boolean matches(ValType actual, ValType expected) {
        return actual.isSubtypeOf(expected, equivalence);
    }

    /** Whether each of {@code actual} matches the corresponding one of {@code expected}, and there are as many. */
    boolean matches(ValType[] actual, ValType[] expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!matches(actual[i], expected[i])) {
                return false;
            }
        }
        return true;
    }

    /** A value type is valid (spec 3.0 §3.2.3) when a concrete heap type names a type of the module. */
    ValType checkValType(ValType type) {
        checkValType(type, module.types().size());
        return type;
    }

    /** A value type is valid when a concrete heap type names one of the first {@code typeCount} types. */
    static void checkValType(ValType type, int typeCount) {
        if (type.isConcrete() && type.typeIndex() >= typeCount) {
            throw unknown("type", type.typeIndex());
        }
    }

    Module module() {
        return module;
    }

    static InvalidModuleException invalid(String reason) {
        return new InvalidModuleException(reason, (String) null);
    }

    private static InvalidModuleException unknown(String space, int index) {
        return invalid("unknown " + space + " " + Integer.toUnsignedString(index));
    }

    /** The function type of a type index where a function type is needed (spec 3.0 §3.2: "type mismatch" when it is not one). */
    FuncType type(int typeIndex) {
        return composite(typeIndex, FuncType.class, "function");
    }

    /** The structure type of a type index where one is needed (GC: "unknown type", else "type mismatch" when it is no struct). */
    StructType struct(int typeIndex) {
        return composite(typeIndex, StructType.class, "struct");
    }

    /** The composite type of {@code typeIndex}, which must be a {@code kind} type ("unknown type", else "type mismatch"). */
    private <T extends CompositeType> T composite(int typeIndex, Class<T> kind, String name) {
        if (typeIndex < 0 || typeIndex >= module.types().size()) {
            throw unknown("type", typeIndex);
        }
        CompositeType composite = module.types().get(typeIndex).composite();
        if (!kind.isInstance(composite)) {
            throw invalid("type mismatch: type " + typeIndex + " is not a " + name + " type");
        }
        return kind.cast(composite);
    }

    /** The top of {@code type}'s hierarchy, the kind of a concrete type from the module's types. */
    HeapType topHeapType(ValType type) {
        return type.topHeapType(equivalence);
    }

    FuncType functionType(int funcIndex) {
        if (funcIndex < 0 || funcIndex >= module.functionCount()) {
            throw unknown("function", funcIndex);
        }
        return module.functionType(funcIndex);
    }

    TableType table(int tableIndex) {
        if (tableIndex < 0 || tableIndex >= module.tableCount()) {
            throw unknown("table", tableIndex);
        }
        return module.tableType(tableIndex);
    }

    MemoryType memory(int memoryIndex) {
        if (memoryIndex < 0 || memoryIndex >= module.memoryCount()) {
            throw unknown("memory", memoryIndex);
        }
        return module.memoryType(memoryIndex);
    }

    /** The type of tag {@code tagIndex} (exception handling): its parameters are the exception's values. */
    FuncType tag(int tagIndex) {
        if (tagIndex < 0 || tagIndex >= module.tagCount()) {
            throw unknown("tag", tagIndex);
        }
        return type(module.tagTypeIndex(tagIndex));
    }

    GlobalType global(int globalIndex) {
        if (globalIndex < 0 || globalIndex >= module.globalCount()) {
            throw unknown("global", globalIndex);
        }
        return module.globalType(globalIndex);
    }

    /**
     * A global that a constant expression may read with {@code global.get}, when the expression
     * may see the first {@code visibleGlobals} globals (spec 3.0 §3.4.10 "Modules": a global
     * initializer the globals before it, a segment every global). Wasm 2.0's context {@code C'}
     * holds only the imported globals, so without {@link Features#extendedConstants()} any other
     * index is unknown.
     */
    GlobalType constantExpressionGlobal(int globalIndex, int visibleGlobals) {
        int visible = features.extendedConstants() ? visibleGlobals : Math.min(visibleGlobals, module.importedGlobalCount());
        if (globalIndex < 0 || globalIndex >= visible) {
            throw unknown("global", globalIndex);
        }
        return module.globalType(globalIndex);
    }

    /** The element type of element segment {@code elemIndex}. */
    ValType elem(int elemIndex) {
        if (elemIndex < 0 || elemIndex >= module.elems().size()) {
            throw unknown("elem segment", elemIndex);
        }
        return module.elems().get(elemIndex).elemType();
    }

    /** Checks that data segment {@code dataIndex} exists (per the data count section when present). */
    void data(int dataIndex) {
        if (dataIndex < 0 || dataIndex >= dataCount) {
            throw unknown("data segment", dataIndex);
        }
    }

    /** Checks that {@code ref.func funcIndex} may appear in a function body ({@code x ∈ C.refs}). */
    void requireDeclaredReference(int funcIndex) {
        if (!refs.get(funcIndex)) {
            throw invalid("undeclared function reference " + funcIndex);
        }
    }

    /**
     * {@code C.refs} (spec §3.4.10): the functions referenced anywhere in the module outside
     * function bodies and the start function, i.e. in global initializers, element and data
     * segments and exports.
     */
    private static BitSet declaredFunctionReferences(Module module) {
        BitSet refs = new BitSet();
        int functionCount = module.functionCount();
        for (Global g : module.globals()) {
            collectReferences(g.init(), functionCount, refs);
        }
        for (ElemSegment e : module.elems()) {
            collectReferences(e.offset(), functionCount, refs);
            for (Expr item : e.items()) {
                collectReferences(item, functionCount, refs);
            }
        }
        for (DataSegment d : module.datas()) {
            collectReferences(d.offset(), functionCount, refs);
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.index() >= 0 && e.index() < functionCount) {
                refs.set(e.index());
            }
        }
        return refs;
    }

    private static void collectReferences(Expr expr, int functionCount, BitSet refs) {
        if (expr == null) {
            return;
        }
        CodeReader reader = new CodeReader(expr);
        while (reader.hasNext()) {
            if (reader.next() == Opcode.REF_FUNC && reader.index() < functionCount) {
                refs.set(reader.index());
            }
        }
    }
}
